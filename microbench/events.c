/* Which PMU events this core counts, and the counters that count them. */
#include <arch/pmu.h>
#include <events.h>
#include <sample.h>

/* issue #3: what happened on a trap's path */
const struct pmu_event events[] = {
	{ "inst_retired", 0x08 },
	{ "exc_taken", 0x09 },
	/* issue #4: translation; QEMU counts none of them */
	{ "l1d_tlb_refill", 0x05 },
	{ "l2d_tlb_refill", 0x2d },
	{ "dtlb_walk", 0x34 },
	{ "mem_access", 0x13 },
	{ "l1d_cache_refill", 0x03 },
};
const unsigned nevents = sizeof(events) / sizeof(events[0]);

unsigned ev_counters;
uint8_t ev_counter_of[EV_MAX];
uint32_t ev_start[EV_MAX], ev_delta[EV_MAX];
int ev_valid;
static const char *why_not[EV_MAX];

const char *event_unsupported(unsigned i)
{
	return why_not[i];
}

/* Instructions retire in any region: a counter that stays at 0 is not counting. */
static void probe_inst_retired(unsigned i)
{
	reg_t t0 = sample_start();

	asm volatile("nop\n\tnop\n\tnop\n\tnop");
	(void)sample_stop(t0);
	if (ev_delta[ev_counter_of[i]] == 0)
		why_not[i] = "counted_nothing_in_a_probe";
}

void events_init(void)
{
	unsigned available = pmu_event_counters();

	for (unsigned i = 0; i < nevents && i < EV_MAX; i++) {
		why_not[i] = pmu_event_known(events[i].name, events[i].number);
		if (!why_not[i] && ev_counters >= available)
			why_not[i] = "no_free_counter";
		if (why_not[i])
			continue;
		ev_counter_of[i] = (uint8_t)ev_counters;
		pmu_event_counter_start(ev_counters++, events[i].number | PMU_FILTER_NSH);
	}
	for (unsigned i = 0; i < nevents; i++)
		if (!why_not[i] && events[i].number == 0x08)
			probe_inst_retired(i);
}
