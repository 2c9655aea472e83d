/* hyp-min: set up EL2, build stage 2 for guest-min, enter it. */
#include <arch/cpu.h>
#include <arch/sysreg.h>
#include <hyp.h>
#include <vb/layout.h>
#include <vb/params.h>
#include <vb/pmu.h>
#include <build_rev.h>
#include <vb/record.h>

#define GUEST_VMID 1
/*
 * HCR while the guest runs: stage 2 on; the guest's SMCs trap (it ends runs
 * through hyp-min); ID register reads trap and are emulated (sysreg_trap);
 * physical IRQs and FIQs come to hyp-min, which owns the GIC, and the guest's
 * GIC CPU interface is the virtual one.
 */
#define HCR_GUEST (HCR_VM | HCR_TSC | HCR_TID3 | HCR_IMO | HCR_FMO | HCR_GUEST_ARCH)

extern char hyp_vectors_lean[], hyp_vectors_full[];

static uint32_t run_flags; /* the guest may overwrite the block's page: its flags, kept */

uint32_t hyp_run_flags(void)
{
	return run_flags;
}

static const char *const policy_names[] = { [VB_POLICY_LEAN] = "lean", [VB_POLICY_FULL] = "full" };

static void hyp_report_context(const struct pt *s2, unsigned policy)
{
	struct record r;

	rec_open(&r, "hyp");
	rec_str(&r, "rev", BUILD_REV);
	rec_str(&r, "arch", arch_name);
	rec_str(&r, "policy", policy_names[policy]);
	rec_u64(&r, "s2_granule", 1u << s2->geom.granule_shift);
	rec_u64(&r, "s2_mapping", stage2_leaf_size());
	rec_u64(&r, "s2_start_level", s2->geom.start_level);
	rec_str(&r, "s2_walk_cache", stage2_config()->walk == VB_WALK_NC ? "nc" : "wb");
	rec_u64(&r, "ipa_bits", s2->geom.ia_bits);
	rec_hex(&r, "vtcr", read_sysreg(vtcr_el2));
	rec_hex(&r, "hcr", read_sysreg(hcr_el2));
	rec_close(&r);
}

/*
 * The guest owns every PMU counter and the EL1 timer, untrapped; CNTVOFF is
 * 0. Every register here resets to an UNKNOWN value, so each is written
 * whole: VPIDR/VMPIDR are what the guest's MIDR/MPIDR reads return (the
 * real ones), MDCR_EL2 keeps all its trap and disable fields 0
 * (<vb/sysreg.h>), HSTR traps nothing.
 */
static void hyp_el2_init(void)
{
	write_sysreg(vpidr_el2, read_sysreg(midr_el1));
	write_sysreg(vmpidr_el2, read_sysreg(mpidr_el1));
	write_sysreg(mdcr_el2, MDCR_EL2_VALUE(pmu_event_counters()));
	write_sysreg(cnthctl_el2, CNTHCTL_EL1PCTEN | CNTHCTL_EL1PCEN);
	write_sysreg64(cntvoff_el2, 0);
	write_sysreg(cptr_el2, CPTR_EL2_NO_TRAPS);
	write_sysreg(hstr_el2, 0);
	pmu_set_cycle_filter(PMU_FILTER_NSH);
	isb();
}

/* The exit path is chosen once, by vector table: nothing on it tests the policy. */
static unsigned hyp_set_policy(const struct vb_params *p)
{
	unsigned policy = p->policy == VB_POLICY_FULL ? VB_POLICY_FULL : VB_POLICY_LEAN;

	write_sysreg(vbar_el2,
		     (uintptr_t)(policy == VB_POLICY_FULL ? hyp_vectors_full : hyp_vectors_lean));
	isb();
	return policy;
}

/*
 * guest-min starts with its MMU and caches off, so it reads its image from
 * memory: whatever line hyp-min's cacheable view of RAM holds of it (hyp-min
 * maps all of RAM write-back; a prefetcher may have filled lines) goes to the
 * point of coherency first.
 */
static void guest_image_to_poc(void)
{
	extern char __guest_image_start[], __guest_image_end[];

	dcache_clean_inval_range((uintptr_t)__guest_image_start, (uintptr_t)__guest_image_end);
}

void hyp_main(void)
{
	const struct pt *s2;
	unsigned policy;

	rec_set_source('h');
	params_receive(PARAMS_ADDR, "hyp-min"); /* the guest reads them on the same page */
	if (params_get(PARAMS_ADDR)->policy > VB_POLICY_FULL)
		hyp_fail("unknown_policy", 1);
	run_flags = params_get(PARAMS_ADDR)->flags;
	policy = hyp_set_policy(params_get(PARAMS_ADDR));
	hyp_el2_init();
	arch_mmu_enable(hyp_mmu_build());
	s2 = stage2_build(&params_get(PARAMS_ADDR)->s2);
	arch_stage2_enable(s2, stage2_config()->walk, GUEST_VMID);
	hyp_irq_init();
	write_sysreg(hcr_el2, HCR_GUEST);
	isb();
	world_switch_init();
	hyp_report_context(s2, policy);
	guest_image_to_poc();
	arch_enter_guest(GUEST_BASE, HYP_BOOT_MAGIC, stage2_leaf_size());
}
