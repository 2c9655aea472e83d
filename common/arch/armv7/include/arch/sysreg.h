/* AArch32 system-register accessors through the encodings in <vb/sysreg.h>. */
#ifndef ARCH_SYSREG_H
#define ARCH_SYSREG_H

#include <stdint.h>
#include <vb/sysreg.h>

typedef uint32_t reg_t; /* a general register */

#define __stringify_1(...) #__VA_ARGS__
#define __stringify(...)   __stringify_1(__VA_ARGS__)

/* clang-format off: it would split the %0 operands inside the macro arguments */
// clang-format off
#define read_sysreg(r)                                                        \
	({                                                                    \
		uint32_t __v;                                                 \
		asm volatile("mrc " __stringify(A32_##r(%0)) : "=r"(__v));    \
		__v;                                                          \
	})
#define write_sysreg(r, v)                                                            \
	do {                                                                          \
		uint32_t __v = (uint32_t)(v);                                         \
		asm volatile("mcr " __stringify(A32_##r(%0)) : : "r"(__v) : "memory"); \
	} while (0)
#define read_sysreg64(r)                                                        \
	({                                                                      \
		uint64_t __v;                                                   \
		asm volatile("mrrc " __stringify(A32_##r(%Q0, %R0)) : "=r"(__v)); \
		__v;                                                            \
	})
#define write_sysreg64(r, v)                                                              \
	do {                                                                              \
		uint64_t __v = (uint64_t)(v);                                             \
		asm volatile("mcrr " __stringify(A32_##r(%Q0, %R0)) : : "r"(__v) : "memory"); \
	} while (0)

/* Banked registers of other modes (SP_svc, LR_abt, SPSR_irq, ...), from Hyp mode. */
#define read_banked(r)                                                         \
	({                                                                     \
		uint32_t __v;                                                  \
		asm volatile(".arch_extension virt\n\tmrs %0, " #r : "=r"(__v)); \
		__v;                                                           \
	})
#define write_banked(r, v)                                                                      \
	do {                                                                                    \
		uint32_t __v = (uint32_t)(v);                                                   \
		asm volatile(".arch_extension virt\n\tmsr " #r ", %0" : : "r"(__v) : "memory"); \
	} while (0)
// clang-format on

#define isb()	 asm volatile("isb" : : : "memory")
#define dsb(opt) asm volatile("dsb " #opt : : : "memory")
#define wfi()	 asm volatile("wfi")

#endif
