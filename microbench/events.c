/* Which PMU events this core counts, and the counters that count them. */
#include <arch/pmu.h>
#include <events.h>
#include <sample.h>

/* issue #3: what happened on a trap's path */
const struct pmu_event events[] = {
	{ "inst_retired", 0x08, 1 },
	{ "exc_taken", 0x09, 0 },
	/* issue #4: translation; QEMU counts none of them */
	{ "l1d_tlb_refill", 0x05, 0 },
	{ "l2d_tlb_refill", 0x2d, 0 },
	{ "dtlb_walk", 0x34, 0 },
	{ "mem_access", 0x13, 0 },
	{ "l1d_cache_refill", 0x03, 0 },
};
const unsigned nevents = sizeof(events) / sizeof(events[0]);
_Static_assert(sizeof(events) / sizeof(events[0]) <= EV_MAX, "raise EV_MAX for more events");

unsigned ev_counters;
uint8_t ev_counter_of[EV_MAX];
uint32_t ev_start[EV_MAX], ev_delta[EV_MAX];
int ev_valid;
static const char *why_not[EV_MAX];

const char *event_unsupported(unsigned i)
{
	return why_not[i];
}

/* An event that must count in any region but stays at 0 is not counting. */
static void probe_must_count(unsigned i)
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

	for (unsigned i = 0; i < nevents; i++) {
		why_not[i] = pmu_event_known(events[i].name, events[i].number);
		if (!why_not[i] && ev_counters >= available)
			why_not[i] = "no_free_counter";
		if (why_not[i])
			continue;
		ev_counter_of[i] = (uint8_t)ev_counters;
		pmu_event_counter_start(ev_counters++, events[i].number | PMU_FILTER_NSH);
	}
	for (unsigned i = 0; i < nevents; i++)
		if (!why_not[i] && events[i].must_count)
			probe_must_count(i);
}
