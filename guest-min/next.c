/*
 * A suite in one boot (docs/suites.md): after the end record, when the block
 * asked for another configuration (VB_PARAM_NEXT), guest-min tears stage 1
 * down and starts again from its entry, so the next configuration is set up
 * by the code and in the state of a fresh boot (BSS zeroed, the GIC, PMU
 * and timer written whole again). Under hyp-min, hyp-min does the same and
 * enters it again; natively it asks vbench for the block itself.
 */
#include <arch/cpu.h>
#include <guest.h>
#include <vb/hypercall.h>
#include <vb/layout.h>
#include <vb/params.h>

void guest_next(reg_t level)
{
	if (!guest_is_virt()) {
		struct vb_params *p = (struct vb_params *)PARAMS_ADDR;

		/* the next start says hello; the benchmarks' lines of the page go first */
		p->magic = 0;
		dcache_clean_inval_range(PARAMS_ADDR, PARAMS_ADDR + sizeof(*p));
	}
	mmu_teardown();
	if (guest_is_virt()) {
		hvc_call0(HVC_NEXT_CONFIG); /* hyp-min starts again: no return */
		guest_fail("next_config_refused", 1);
	}
	arch_restart(level);
}
