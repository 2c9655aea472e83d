#include <arch/cpu.h>
#include <bench.h>
#include <guest.h>
#include <events.h>
#include <virq.h>
#include <vb/gic.h>
#include <vb/hypercall.h>

/* hyp-min writes a list register and returns its stamp; the GIC signals the vIRQ at once. */
static reg_t virq_lr_round(reg_t flags, void (*handler)(void))
{
	reg_t stamp;

	virq_begin(handler);
	if (hvc_call_r1(HVC_VIRQ_LR, flags, &stamp))
		guest_fail("virq_lr_refused", 1);
	virq_end(VIRQ_LR_INTID);
	return stamp;
}

/* hyp-min's stamp before ERET -> the guest's IRQ vector. */
uint32_t bench_virq_lr(void)
{
	reg_t stamp = virq_lr_round(0, virq_on_gic);

	ev_valid = 0; /* from hyp-min's stamp, not a bracket of this image's */
	return (uint32_t)(irq_seen.cycles - stamp);
}

/*
 * Acknowledge and EOI of a list-register interrupt on the virtual CPU
 * interface: no trap. Natively the same code acknowledges a physical SGI
 * guest-min sent itself: the baseline.
 */
uint32_t bench_virq_lr_complete(void)
{
	if (guest_is_virt()) {
		virq_lr_round(0, virq_on_gic);
	} else {
		virq_begin(virq_on_gic);
		gic_send_sgi_self(IRQ_SGI_SELF);
		virq_end(IRQ_SGI_SELF);
	}
	return virq_complete;
}

/*
 * The same with the list register's EOI bit: the EOI raises a maintenance
 * interrupt, a trap, and the sample ends once hyp-min has stamped it.
 */
uint32_t bench_virq_lr_maint(void)
{
	virq_maint_register();
	virq_lr_round(VIRQ_LR_EOI_MAINT, virq_on_gic_maint);
	return virq_complete;
}

/*
 * Not a benchmark but a check of that wait, for the tests: the list register
 * without the EOI bit, so no maintenance exit comes. guest-min must report
 * virq_maint_missing and end the run; a sample means the check missed it.
 */
uint32_t bench_probe_virq_maint_missing(void)
{
	virq_maint_register();
	virq_lr_round(0, virq_on_gic_maint);
	return virq_complete;
}
