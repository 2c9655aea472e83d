#include <arch/cpu.h>
#include <guest.h>
#include <virq.h>
#include <vb/gic.h>
#include <vb/hypercall.h>
#include <sample.h>

/* Long enough for a lost interrupt, not for a slow one: a timer 256 ticks away is ~1e4 spins. */
#define VIRQ_WAIT_SPINS (1u << 24)
/* A maintenance interrupt is taken within a microsecond or so; this is a millisecond or more. */
#define VIRQ_MAINT_WAIT_SPINS (1u << 20)

volatile uint32_t virq_iar, virq_complete;

void virq_begin(void (*handler)(void))
{
	irq_expect_one(handler);
	irq_unmask();
}

void virq_end(unsigned intid)
{
	for (unsigned i = 0; i < VIRQ_WAIT_SPINS && irq_pending_count() > 0; i++)
		isb();
	irq_mask();
	irq_check();
	if (intid != VIRQ_NO_INTID)
		irq_check_intid(intid, virq_iar);
}

void virq_on_hcr(void)
{
	reg_t t0 = sample_start();

	hvc_call0(HVC_VIRQ_HCR_CLEAR);
	virq_complete = sample_stop(t0);
}

void virq_on_gic(void)
{
	reg_t t0 = sample_start();
	uint32_t iar = gic_ack();

	gic_eoi(iar);
	virq_complete = sample_stop(t0);
	virq_iar = iar;
}

/*
 * hyp-min's maintenance exits, stamped where the guest reads them. On a
 * GIC-400/GIC-600 the maintenance interrupt is asynchronous: the EOI (and
 * the ISB after it) complete before hyp-min takes it, so the clock is
 * stopped only once the exit count moved; a sample whose window holds no
 * maintenance exit ends the run (virq_maint_missing, virq_maint_outside).
 */
static volatile struct vb_maint_stamp maint __attribute__((aligned(8)));

void virq_maint_register(void)
{
	static int done;

	if (!done && hvc_call2(HVC_VIRQ_MAINT_STAMP, (reg_t)(uintptr_t)&maint, 0))
		guest_fail("virq_maint_stamp_refused", 1);
	done = 1;
}

void virq_on_gic_maint(void)
{
	uint32_t before = maint.exits, iar, sample;
	reg_t t0 = sample_start();
	unsigned spins = 0;

	iar = gic_ack();
	gic_eoi(iar);
	while (maint.exits == before && ++spins < VIRQ_MAINT_WAIT_SPINS)
		;
	sample = sample_stop(t0);
	if (maint.exits != before + 1)
		irq_fail("virq_maint_missing", before + 1, maint.exits);
	if ((reg_t)(maint.cycles - t0) > sample) /* hyp-min's stamp, inside the window? */
		irq_fail("virq_maint_outside", sample, (reg_t)(maint.cycles - t0));
	virq_complete = sample;
	virq_iar = iar;
}

void virq_on_timer(void)
{
	uint32_t iar = gic_ack();

	write_sysreg(cntv_ctl_el0, 0); /* its level drops before the EOI: no second interrupt */
	isb();
	gic_eoi(iar);
	virq_iar = iar;
}
