#ifndef VB_FMT_H
#define VB_FMT_H

#include <stdint.h>

/* Digits of v into buf (at least 21 bytes), NUL-terminated; returns the length. */
unsigned fmt_u64(char *buf, uint64_t v);
unsigned fmt_hex(char *buf, uint64_t v); /* "0x" and lowercase digits, no padding */

#endif
