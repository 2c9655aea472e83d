/* hyp-min: set up EL2, build stage 2 for guest-min, enter it. */
#include <arch/sysreg.h>
#include <hyp.h>
#include <vb/layout.h>
#include <build_rev.h>
#include <vb/record.h>

#define GUEST_VMID 1
/* HCR while the guest runs: stage 2 on; the guest's SMCs trap (it ends runs through hyp-min). */
#define HCR_GUEST (HCR_VM | HCR_TSC | HCR_GUEST_ARCH)

static void hyp_report_context(const struct pt *s2)
{
	struct record r;

	rec_open(&r, "hyp");
	rec_str(&r, "rev", BUILD_REV);
	rec_str(&r, "arch", arch_name);
	rec_u64(&r, "s2_granule", 1u << s2->geom.granule_shift);
	rec_u64(&r, "s2_mapping", stage2_leaf_size());
	rec_u64(&r, "s2_start_level", s2->geom.start_level);
	rec_u64(&r, "ipa_bits", s2->geom.ia_bits);
	rec_hex(&r, "vtcr", read_sysreg(vtcr_el2));
	rec_hex(&r, "hcr", read_sysreg(hcr_el2));
	rec_close(&r);
}

void hyp_main(void)
{
	const struct pt *s2;

	rec_set_source('h');
	arch_el2_init();
	arch_mmu_enable(hyp_mmu_build());
	s2 = stage2_build();
	arch_stage2_enable(s2, GUEST_VMID);
	write_sysreg(hcr_el2, HCR_GUEST);
	isb();
	hyp_report_context(s2);
	arch_enter_guest(GUEST_BASE, HYP_BOOT_MAGIC, stage2_leaf_size());
}
