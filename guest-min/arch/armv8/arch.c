/* guest-min's stage 1 on AArch64: TCR_EL1, MAIR_EL1, TTBR0_EL1, SCTLR_EL1. */
#include <arch/cpu.h>
#include <guest.h>
#include <vb/pgtable.h>

/* TCR_EL1.TG0 by granule shift: 4 KiB 0b00, 64 KiB 0b01, 16 KiB 0b10 */
#define TCR_TG0(shift) ((reg_t)((shift) == 12 ? 0 : (shift) == 16 ? 1 : 2) << 14)

const char arch_name[] = "armv8";

void arch_mmu_enable(uint64_t root_pa, const struct xlat *x)
{
	extern char __image_start[], __image_end[];
	reg_t ips = read_sysreg(id_aa64mmfr0_el1) & 0xf;

	/* What was written with the MMU off is in memory: no line may shadow it (invalidate only). */
	dcache_inval_range((uintptr_t)__image_start, (uintptr_t)__image_end);
	write_sysreg(mair_el1, MAIR_VALUE);
	write_sysreg(tcr_el1, (64 - x->geom.ia_bits) | TCR_TG0(x->geom.granule_shift) |
				      (x->walk == VB_WALK_NC ? TCR_WALK_NC : TCR_WALK_WB) |
				      TCR_EPD1 | ((ips > 5 ? 5 : ips) << TCR_IPS_SHIFT));
	write_sysreg(ttbr0_el1, root_pa);
	isb();
	asm volatile("tlbi vmalle1" : : : "memory");
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
	asm volatile("tlbi vmalle1\n\tic iallu" : : : "memory");
	dsb(nsh);
	isb();
}
