#include <arch/cpu.h>
#include <guest.h>
#include <virq.h>
#include <vb/gic.h>
#include <vb/hypercall.h>
#include <sample.h>

/* Long enough for a lost interrupt, not for a slow one: a timer 256 ticks away is ~1e4 spins. */
#define VIRQ_WAIT_SPINS (1u << 24)

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

void virq_on_timer(void)
{
	uint32_t iar = gic_ack();

	write_sysreg(cntv_ctl_el0, 0); /* its level drops before the EOI: no second interrupt */
	isb();
	gic_eoi(iar);
	virq_iar = iar;
}
