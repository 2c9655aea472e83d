/* AArch64 system-register accessors: the assembler knows every name. */
#ifndef ARCH_SYSREG_H
#define ARCH_SYSREG_H

#include <stdint.h>
#include <vb/sysreg.h>

typedef uint64_t reg_t; /* a general register */

#define read_sysreg(r)                                   \
	({                                               \
		uint64_t __v;                            \
		asm volatile("mrs %0, " #r : "=r"(__v)); \
		__v;                                     \
	})
#define write_sysreg(r, v)                                              \
	do {                                                            \
		uint64_t __v = (uint64_t)(v);                           \
		asm volatile("msr " #r ", %0" : : "r"(__v) : "memory"); \
	} while (0)
/* 64-bit registers: the same instructions on AArch64 */
#define read_sysreg64(r)     read_sysreg(r)
#define write_sysreg64(r, v) write_sysreg(r, v)

#define isb()	 asm volatile("isb" : : : "memory")
#define dsb(opt) asm volatile("dsb " #opt : : : "memory")
#define wfi()	 asm volatile("wfi")

#endif
