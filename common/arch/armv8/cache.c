#include <arch/cpu.h>

void dcache_clean_inval_range(uintptr_t start, uintptr_t end)
{
	uintptr_t line = 4UL << ((read_sysreg(ctr_el0) >> 16) & 0xf); /* DminLine, in words */

	for (uintptr_t a = start & ~(line - 1); a < end; a += line)
		asm volatile("dc civac, %0" : : "r"(a) : "memory");
	dsb(sy);
}

/* Invalidate without cleaning: for memory written with the MMU off, whose cached copies are stale. */
void dcache_inval_range(uintptr_t start, uintptr_t end)
{
	uintptr_t line = 4UL << ((read_sysreg(ctr_el0) >> 16) & 0xf);

	for (uintptr_t a = start & ~(line - 1); a < end; a += line)
		asm volatile("dc ivac, %0" : : "r"(a) : "memory");
	dsb(sy);
}
