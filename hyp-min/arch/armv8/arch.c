/* hyp-min's EL2 set-up on AArch64. */
#include <arch/cpu.h>
#include <hyp.h>

#define SPSR_EL1H_MASKED 0x3c5UL /* EL1 with SP_EL1, D, A, I, F masked */
#define IA_BITS		 32

const char arch_name[] = "armv8";

void arch_eret_to_guest(reg_t a0, reg_t a1) __attribute__((noreturn));

/* Physical address size, as TCR_EL2.PS / VTCR_EL2.PS encode it (at most 48 bits). */
static reg_t pa_range(void)
{
	reg_t r = read_sysreg(id_aa64mmfr0_el1) & 0xf;

	return r > 5 ? 5 : r;
}

void arch_mmu_enable(uint64_t root_pa)
{
	extern char __image_start[], __image_end[];

	/* What was written with the MMU off is in memory: no line may shadow it (invalidate only). */
	dcache_inval_range((uintptr_t)__image_start, (uintptr_t)__image_end);
	write_sysreg(mair_el2, MAIR_VALUE);
	write_sysreg(tcr_el2, TCR_EL2_RES1 | (64 - IA_BITS) | TCR_WALK_WB | TCR_TG0_4K |
				      (pa_range() << TCR_PS_SHIFT));
	write_sysreg(ttbr0_el2, root_pa);
	isb();
	asm volatile("tlbi alle2" : : : "memory");
	dsb(nsh);
	isb();
	write_sysreg(sctlr_el2, SCTLR_EL2_RES1 | SCTLR_M | SCTLR_C | SCTLR_I);
	isb();
}

/* PA bits by ID_AA64MMFR0_EL1.PARange (as capped by pa_range()) */
static const unsigned pa_bits[] = { 32, 36, 40, 42, 44, 48 };

void arch_stage2_enable(const struct pt *s2, unsigned walk, unsigned vmid)
{
	const struct pt_geom *g = &s2->geom;

	/* an IPA wider than the PA is CONSTRAINED UNPREDICTABLE (QEMU faults every walk) */
	if (g->ia_bits > pa_bits[pa_range()])
		hyp_fail("ipa_bits_exceed_the_core_pa_range", (int)pa_bits[pa_range()]);
	/* VTCR_EL2.SL0 = level 0 with 4 KiB granules needs a PA range of 44 bits or more */
	if (g->start_level == 0 && pa_bits[pa_range()] < 44)
		hyp_fail("level_0_start_needs_a_44_bit_pa_range", (int)pa_bits[pa_range()]);
	reg_t tg0 = g->granule_shift == 12 ? 0 : g->granule_shift == 16 ? 1 : 2;
	reg_t sl0 = (g->granule_shift == 12 ? 2 : 3) - g->start_level;

	write_sysreg(vtcr_el2, VTCR_RES1 | (64 - g->ia_bits) | (sl0 << VTCR_SL0_SHIFT) |
				       (walk == VB_WALK_NC ? TCR_WALK_NC : TCR_WALK_WB) |
				       (tg0 << 14) | (pa_range() << TCR_PS_SHIFT));
	write_sysreg(vttbr_el2, s2->root_pa | ((uint64_t)vmid << 48));
	isb();
	asm volatile("tlbi vmalls12e1" : : : "memory");
	dsb(nsh);
	isb();
}

void arch_s2_tlb_inval_ipa(uint64_t ipa)
{
	dsb(ishst); /* the descriptor write reaches the walker first */
	asm volatile("tlbi ipas2e1is, %0" : : "r"(ipa >> 12) : "memory");
	dsb(ish);
	asm volatile("tlbi vmalle1is" : : : "memory"); /* combined stage 1+2 entries */
	dsb(ish);
	isb();
}

/* Stage 1 and 2 entries and walk caches of the current VMID, every shareable core. */
void arch_s12_tlb_inval_all(void)
{
	dsb(ishst);
	asm volatile("tlbi vmalls12e1is" : : : "memory");
	dsb(ish);
	isb();
}

/* The run is over: as at reset, HCR 0 and no stage 2; nothing of the guest's VMID stays cached. */
void arch_stage2_disable(void)
{
	write_sysreg(hcr_el2, 0);
	isb();
	arch_s12_tlb_inval_all(); /* the VMID VTTBR still names */
	write_sysreg(vttbr_el2, 0);
	isb();
}

reg_t arch_fault_address(reg_t esr)
{
	(void)esr;
	return read_sysreg(far_el2);
}

uint64_t arch_fault_ipa(reg_t esr)
{
	return ((read_sysreg(hpfar_el2) >> HPFAR_FIPA_SHIFT) << 12) |
	       (arch_fault_address(esr) & 0xfff);
}

void arch_enter_guest(uintptr_t entry, reg_t a0, reg_t a1)
{
	/* guest-min starts with its caches off: no stale instruction of its image (hyp_main cleaned it) */
	asm volatile("ic iallu" : : : "memory");
	dsb(nsh);
	write_sysreg(sctlr_el1, SCTLR_EL1_RES1);
	write_sysreg(spsr_el2, SPSR_EL1H_MASKED);
	write_sysreg(elr_el2, entry);
	isb();
	arch_eret_to_guest(a0, a1);
}
