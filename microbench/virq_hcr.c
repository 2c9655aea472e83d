#include <arch/cpu.h>
#include <bench.h>
#include <guest.h>
#include <events.h>
#include <virq.h>
#include <vb/hypercall.h>

/* hyp-min sets HCR.VI and returns its stamp; the virtual IRQ is taken right after its ERET. */
static reg_t virq_hcr_round(void)
{
	reg_t stamp;

	virq_begin(virq_on_hcr);
	if (hvc_call_r1(HVC_VIRQ_HCR, 0, &stamp))
		guest_fail("virq_hcr_refused", 1);
	virq_end(VIRQ_NO_INTID);
	return stamp;
}

/* hyp-min's stamp before ERET -> the guest's IRQ vector. */
uint32_t bench_virq_hcr(void)
{
	reg_t stamp = virq_hcr_round();

	ev_valid = 0; /* from hyp-min's stamp, not a bracket of this image's */
	return (uint32_t)(irq_seen.cycles - stamp);
}

/* The handler's completion: HCR.VI is hyp-min's register, so lowering it is a hypercall. */
uint32_t bench_virq_hcr_complete(void)
{
	virq_hcr_round();
	return virq_complete;
}
