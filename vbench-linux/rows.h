#ifndef VL_ROWS_H
#define VL_ROWS_H

#include <stdint.h>

void vl_chase_build(char *buf, uint64_t footprint, void ***at);
/* The same chase over `pages` pages spaced `stride` bytes apart from buf. */
void vl_stride_build(char *buf, uint64_t pages, uint64_t stride, void ***at);
void vl_chase_1024(void ***at);
void vl_null_syscall(void);
void vl_touch(volatile char *p);
void vl_nothing(void);

#endif
