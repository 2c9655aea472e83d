/*
 * The bracket every benchmark puts around exactly what it times:
 *     reg_t t0 = sample_start();  <operation>  return sample_stop(t0);
 * Two ISB-fenced reads of the cycle counter; the event counters are read
 * outside that pair (before the first read, after the second), so the cycle
 * figure is the same with or without events.
 */
#ifndef SAMPLE_H
#define SAMPLE_H

#include <arch/pmu.h>
#include <events.h>
#include <vb/pmu.h>

#define barrier() asm volatile("" : : : "memory")

/*
 * sample_start() in its two halves, for the walk rows: the event counters
 * (which touch memory) before the TLB invalidation, the cycle counter
 * (registers only) after it.
 */
static inline void sample_events_start(void)
{
	isb();
	for (unsigned i = 0; i < ev_counters; i++)
		ev_start[i] = pmu_event_counter_read(i);
	barrier(); /* those stores stay out of the timed region */
}

static inline reg_t sample_clock_start(void)
{
	reg_t c = read_sysreg(pmccntr_el0);

	isb();
	return c;
}

static inline reg_t sample_start(void)
{
	sample_events_start();
	return sample_clock_start();
}

static inline uint32_t sample_stop(reg_t t0)
{
	reg_t c;

	isb();
	c = read_sysreg(pmccntr_el0);
	for (unsigned i = 0; i < ev_counters; i++)
		ev_delta[i] = pmu_event_counter_read(i) - ev_start[i];
	isb();
	ev_valid = 1;
	return (uint32_t)(c - t0);
}

#endif
