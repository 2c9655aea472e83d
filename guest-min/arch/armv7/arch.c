/* guest-min's stage 1 on AArch32 with LPAE: TTBCR, MAIR0/1, TTBR0, SCTLR. */
#include <arch/cpu.h>
#include <guest.h>
#include <vb/pgtable.h>

const char arch_name[] = "armv7";

void arch_mmu_enable(uint64_t root_pa, const struct xlat *x)
{
	extern char __image_start[], __image_end[];

	/* What was written with the MMU off is in memory: no line may shadow it (invalidate only). */
	dcache_inval_range((uintptr_t)__image_start, (uintptr_t)__image_end);
	write_sysreg(mair0, (uint32_t)MAIR_VALUE);
	write_sysreg(mair1, (uint32_t)(MAIR_VALUE >> 32));
	/* T0SZ 0: 32-bit VA; 4 KiB granule, the only one (xlat_resolve checked) */
	write_sysreg(tcr_el1,
		     TTBCR_EAE | (x->walk == VB_WALK_NC ? TCR_WALK_NC : TCR_WALK_WB) | TCR_EPD1);
	write_sysreg64(ttbr0_el1, root_pa);
	isb();
	asm volatile("mcr p15, 0, %0, c8, c7, 0" : : "r"(0) : "memory"); /* TLBIALL */
	dsb(nsh);
	isb();
	write_sysreg(sctlr_el1, read_sysreg(sctlr_el1) | SCTLR_M | SCTLR_C | SCTLR_I);
	isb();
}

/* A leaf: nothing goes on the stack between the caller's clean and the MMU going off. */
void arch_mmu_disable(void)
{
	write_sysreg(sctlr_el1, read_sysreg(sctlr_el1) & ~(reg_t)(SCTLR_M | SCTLR_C | SCTLR_I));
	isb();
	asm volatile("mcr p15, 0, %0, c8, c7, 0\n\t" /* TLBIALL */
		     "mcr p15, 0, %0, c7, c5, 0"     /* ICIALLU */
		     :
		     : "r"(0)
		     : "memory");
	dsb(nsh);
	isb();
}
