/* hyp-min's Hyp-mode set-up on AArch32 (ARMv7 with the Virtualization Extensions, LPAE). */
#include <arch/cpu.h>
#include <hyp.h>

#define HTCR_RES1	(BIT(31) | BIT(23))
#define SPSR_SVC_MASKED (PSR_MODE_SVC | PSR_AIF)
#define IA_BITS		32

const char arch_name[] = "armv7";

void arch_eret_to_guest(reg_t a0, reg_t a1) __attribute__((noreturn));

void arch_mmu_enable(uint64_t root_pa)
{
	extern char __image_start[], __image_end[];

	/* What was written with the MMU off is in memory: no line may shadow it (invalidate only). */
	dcache_inval_range((uintptr_t)__image_start, (uintptr_t)__image_end);
	write_sysreg(hmair0, (uint32_t)MAIR_VALUE);
	write_sysreg(hmair1, (uint32_t)(MAIR_VALUE >> 32));
	write_sysreg(tcr_el2, HTCR_RES1 | (32 - IA_BITS) | TCR_WALK_WB);
	write_sysreg64(ttbr0_el2, root_pa);
	isb();
	asm volatile("mcr p15, 4, %0, c8, c7, 0" : : "r"(0) : "memory"); /* TLBIALLH */
	dsb(nsh);
	isb();
	write_sysreg(sctlr_el2, (read_sysreg(sctlr_el2) & ~SCTLR_TE) | SCTLR_M | SCTLR_C | SCTLR_I);
	isb();
}

void arch_stage2_enable(const struct pt *s2, unsigned walk, unsigned vmid)
{
	const struct pt_geom *g = &s2->geom;
	reg_t t0sz = (32 - g->ia_bits) & 0x1f; /* 4-bit signed, with its sign in bit 4 */
	reg_t sl0 = 2 - g->start_level;

	if (g->granule_shift != 12)
		hyp_fail("stage2_granule_not_4k", 1);
	write_sysreg(vtcr_el2, VTCR_RES1 | t0sz | (sl0 << VTCR_SL0_SHIFT) |
				       (walk == VB_WALK_NC ? TCR_WALK_NC : TCR_WALK_WB));
	write_sysreg64(vttbr_el2, s2->root_pa | ((uint64_t)vmid << 48));
	isb();
	asm volatile("mcr p15, 4, %0, c8, c7, 4" : : "r"(0) : "memory"); /* TLBIALLNSNH */
	dsb(nsh);
	isb();
}

/* ARMv7 has no invalidation by IPA: all of this world's non-Hyp entries go. */
void arch_s2_tlb_inval_ipa(uint64_t ipa)
{
	(void)ipa;
	dsb(ishst);
	asm volatile("mcr p15, 4, %0, c8, c3, 4" : : "r"(0) : "memory"); /* TLBIALLNSNHIS */
	dsb(ish);
	isb();
}

/* ARMv7 has no per-VMID stage 1+2 invalidation: every non-Hyp entry of this world goes. */
void arch_s12_tlb_inval_all(void)
{
	dsb(ishst);
	asm volatile("mcr p15, 4, %0, c8, c3, 4" : : "r"(0) : "memory"); /* TLBIALLNSNHIS */
	dsb(ish);
	isb();
}

/* The run is over: as at reset, HCR 0 and no stage 2; nothing of the guest stays cached. */
void arch_stage2_disable(void)
{
	write_sysreg(hcr_el2, 0);
	isb();
	arch_s12_tlb_inval_all();
	write_sysreg64(vttbr_el2, 0);
	isb();
}

reg_t arch_fault_address(reg_t esr)
{
	return ESR_EC(esr) == EC_IABT_LOW ? read_sysreg(hifar) : read_sysreg(far_el2);
}

uint64_t arch_fault_ipa(reg_t esr)
{
	return ((uint64_t)(read_sysreg(hpfar_el2) >> HPFAR_FIPA_SHIFT) << 12) |
	       (arch_fault_address(esr) & 0xfff);
}

void arch_enter_guest(uintptr_t entry, reg_t a0, reg_t a1)
{
	/* guest-min starts with its caches off: no stale instruction of its image (hyp_main cleaned it) */
	asm volatile("mcr p15, 0, %0, c7, c5, 0\n\t" /* ICIALLU */
		     "mcr p15, 0, %0, c7, c5, 6"     /* BPIALL */
		     :
		     : "r"(0)
		     : "memory");
	dsb(nsh);
	/* guest-min starts with its MMU, caches and alignment checks off, low vectors, ARM state */
	write_sysreg(sctlr_el1, read_sysreg(sctlr_el1) & ~(SCTLR_M | SCTLR_A | SCTLR_C | SCTLR_I |
							   SCTLR_V | SCTLR_TE));
	asm volatile("msr spsr_cxsf, %0" : : "r"(SPSR_SVC_MASKED));
	asm volatile(".arch_extension virt\n\tmsr ELR_hyp, %0" : : "r"(entry));
	isb();
	arch_eret_to_guest(a0, a1);
}
