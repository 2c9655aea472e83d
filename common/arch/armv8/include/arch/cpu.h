/* Calls out of the current exception level, and cache maintenance. */
#ifndef ARCH_CPU_H
#define ARCH_CPU_H

#include <arch/sysreg.h>

/* which translation configurations this architecture has (<vb/xlat.h>) */
#define ARCH_XLAT XLAT_ARMV8

/*
 * hyp-min's calling convention (SMCCC-like): function in x0, arguments in
 * x1-x2, results in x0 (and x1). hvc_call0 sets nothing but the
 * function: the null hypercall's guest side is one move and the HVC.
 */
static inline reg_t hvc_call0(reg_t fn)
{
	register reg_t r0 asm("x0") = fn;

	asm volatile("hvc #0" : "+r"(r0) : : "x1", "x2", "x3", "memory");
	return r0;
}

static inline reg_t hvc_call2(reg_t fn, reg_t a1, reg_t a2)
{
	register reg_t r0 asm("x0") = fn;
	register reg_t r1 asm("x1") = a1;
	register reg_t r2 asm("x2") = a2;

	asm volatile("hvc #0" : "+r"(r0), "+r"(r1), "+r"(r2) : : "x3", "memory");
	return r0;
}

/* The same, also returning x1 (the injection hypercalls' stamp). */
static inline reg_t hvc_call_r1(reg_t fn, reg_t a1, reg_t *r1)
{
	register reg_t x0 asm("x0") = fn;
	register reg_t x1 asm("x1") = a1;

	asm volatile("hvc #0" : "+r"(x0), "+r"(x1) : : "x2", "x3", "memory");
	*r1 = x1;
	return x0;
}

/* IRQs at the current EL: unmasked, masked (PSTATE.I). */
static inline void irq_unmask(void)
{
	asm volatile("msr daifclr, #2" : : : "memory");
}

static inline void irq_mask(void)
{
	asm volatile("msr daifset, #2" : : : "memory");
}

static inline reg_t smc_call(reg_t fn)
{
	register reg_t x0 asm("x0") = fn;

	asm volatile("smc #0" : "+r"(x0) : : "x1", "x2", "x3", "memory");
	return x0;
}

/* Does this core implement the granule (ID_AA64MMFR0_EL1.TGran4, TGran16, TGran64)? */
static inline int arch_granule_implemented(unsigned shift)
{
	reg_t mmfr0 = read_sysreg(id_aa64mmfr0_el1);

	switch (shift) {
	case 12:
		return ((mmfr0 >> 28) & 0xf) != 0xf;
	case 14:
		return ((mmfr0 >> 20) & 0xf) != 0;
	case 16:
		return ((mmfr0 >> 24) & 0xf) != 0xf;
	}
	return 0;
}

/* Clean and invalidate [start, end) to the point of coherency. */
void dcache_clean_inval_range(uintptr_t start, uintptr_t end);
/* Invalidate [start, end) without cleaning (memory written with the MMU off). */
void dcache_inval_range(uintptr_t start, uintptr_t end);

/* After writing instructions (and cleaning them to memory): drop stale ones. */
static inline void icache_inval_all(void)
{
	asm volatile("ic iallu\n\tdsb nsh\n\tisb" : : : "memory");
}

#define ARCH_INSN_RET 0xd65f03c0u /* ret: returns to the caller */

#endif
