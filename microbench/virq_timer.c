#include <arch/cpu.h>
#include <bench.h>
#include <guest.h>
#include <events.h>
#include <virq.h>
#include <vb/gic.h>

/* How far ahead the timer is set: enough to be waiting for it when it fires. */
#define VIRQ_TIMER_LEAD_TICKS 256

/*
 * The guest's virtual timer, end to end: from the compare value to the
 * guest's IRQ vector, in generic-timer ticks. Natively the interrupt comes
 * straight from the GIC; under hyp-min it is taken at EL2 and injected.
 */
uint32_t bench_virq_timer(void)
{
	uint64_t cval;

	virq_begin(virq_on_timer);
	isb();
	cval = read_sysreg64(cntvct_el0) + VIRQ_TIMER_LEAD_TICKS;
	write_sysreg64(cntv_cval_el0, cval);
	write_sysreg(cntv_ctl_el0, CNT_CTL_ENABLE);
	isb();
	virq_end(GIC_INTID_VTIMER);
	ev_valid = 0; /* timer ticks from the compare value, not a bracket */
	return (uint32_t)(irq_seen.ticks - cval);
}
