#ifndef VL_ROWS_H
#define VL_ROWS_H

#include <stdint.h>

void vl_chase_build(char *buf, uint64_t footprint, void ***at);
void vl_chase_1024(void ***at);
void vl_null_syscall(void);
void vl_touch(volatile char *p);
void vl_nothing(void);

#endif
