/* Calls out of the current mode, and cache maintenance. */
#ifndef ARCH_CPU_H
#define ARCH_CPU_H

#include <arch/sysreg.h>

/* which translation configurations this architecture has (<vb/xlat.h>) */
#define ARCH_XLAT XLAT_ARMV7

/*
 * hyp-min's calling convention (SMCCC-like): function in r0, arguments in
 * r1-r2, results in r0 (and r1). hvc_call0 sets nothing but the
 * function: the null hypercall's guest side is one move and the HVC.
 */
static inline reg_t hvc_call0(reg_t fn)
{
	register reg_t r0 asm("r0") = fn;

	asm volatile(".arch_extension virt\n\thvc #0" : "+r"(r0) : : "r1", "r2", "r3", "memory");
	return r0;
}

static inline reg_t hvc_call2(reg_t fn, reg_t a1, reg_t a2)
{
	register reg_t r0 asm("r0") = fn;
	register reg_t r1 asm("r1") = a1;
	register reg_t r2 asm("r2") = a2;

	asm volatile(".arch_extension virt\n\thvc #0"
		     : "+r"(r0), "+r"(r1), "+r"(r2)
		     :
		     : "r3", "memory");
	return r0;
}

/* The same, also returning r1 (the injection hypercalls' stamp). */
static inline reg_t hvc_call_r1(reg_t fn, reg_t a1, reg_t *r1)
{
	register reg_t r0 asm("r0") = fn;
	register reg_t r1_ asm("r1") = a1;

	asm volatile(".arch_extension virt\n\thvc #0"
		     : "+r"(r0), "+r"(r1_)
		     :
		     : "r2", "r3", "memory");
	*r1 = r1_;
	return r0;
}

/* IRQs in the current mode: unmasked, masked (CPSR.I). */
static inline void irq_unmask(void)
{
	asm volatile("cpsie i" : : : "memory");
}

static inline void irq_mask(void)
{
	asm volatile("cpsid i" : : : "memory");
}

static inline reg_t smc_call(reg_t fn)
{
	register reg_t r0 asm("r0") = fn;

	asm volatile(".arch_extension sec\n\tsmc #0" : "+r"(r0) : : "r1", "r2", "r3", "memory");
	return r0;
}

/* LPAE has the 4 KiB granule only. */
static inline int arch_granule_implemented(unsigned shift)
{
	return shift == 12;
}

/* Clean and invalidate [start, end) to the point of coherency. */
void dcache_clean_inval_range(uintptr_t start, uintptr_t end);
/* Invalidate [start, end) without cleaning (memory written with the MMU off). */
void dcache_inval_range(uintptr_t start, uintptr_t end);

/* After writing instructions (and cleaning them to memory): drop stale ones. */
static inline void icache_inval_all(void)
{
	asm volatile("mcr p15, 0, %0, c7, c5, 0\n\tdsb\n\tisb" : : "r"(0) : "memory"); /* ICIALLU */
}

#define ARCH_INSN_RET 0xe12fff1eu /* bx lr: returns to the caller */

#endif
