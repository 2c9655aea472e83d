#include <arch/cpu.h>
#include <bench.h>
#include <sample.h>
#include <guest.h>
#include <vb/hypercall.h>

/*
 * An ID register read: under hyp-min HCR.TID3 traps it and hyp-min emulates
 * it (reads the register at EL2, writes the guest's destination register,
 * steps over the instruction); natively it is a plain register read.
 */
uint32_t bench_sysreg_trap(void)
{
	reg_t t0 = sample_start();

	(void)read_sysreg(id_mmfr0_el1);
	return sample_stop(t0);
}

/* Under hyp-min the read must reach hyp-min; QEMU does not trap every ID register. */
const char *check_sysreg_trap(void)
{
	reg_t before;

	if (!guest_is_virt())
		return 0;
	before = hvc_call0(HVC_SYSREG_TRAPS);
	(void)read_sysreg(id_mmfr0_el1);
	if (hvc_call0(HVC_SYSREG_TRAPS) == before)
		return "the_platform_does_not_trap_ID_MMFR0_under_HCR.TID3";
	return 0;
}
