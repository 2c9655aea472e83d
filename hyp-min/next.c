/*
 * A suite in one boot (docs/suites.md): after its end record, guest-min asks
 * for the next configuration (HVC_NEXT_CONFIG) when the block said so
 * (VB_PARAM_NEXT). hyp-min tears stage 2 down and starts again at its entry
 * with its MMU off, so the next configuration is set up by the code and in
 * the state of a fresh boot: BSS (every table pool, the vGIC, vdev and trap
 * state) zeroed, every register hyp-min uses written whole again, the
 * handshake asked for a new block.
 */
#include <arch/cpu.h>
#include <hyp.h>
#include <vb/layout.h>
#include <vb/params.h>

void hvc_next_config(struct hyp_frame *f)
{
	extern char __image_start[], __image_end[];
	struct vb_params *p = (struct vb_params *)PARAMS_ADDR;

	if (!(hyp_run_flags() & VB_PARAM_NEXT)) {
		hvc_refuse(f, "no_next_configuration");
		return;
	}
	stage2_teardown();
	/*
	 * The handshake and boot.S write with the MMU off: no line of this
	 * image or of the block's page (which the guest's benchmarks used) may
	 * be written back over what they write.
	 */
	p->magic = 0;
	dcache_clean_inval_range(PARAMS_ADDR, PARAMS_ADDR + sizeof(*p));
	dcache_clean_inval_range((uintptr_t)__image_start, (uintptr_t)__image_end);
	arch_restart();
}
