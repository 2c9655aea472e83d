/*
 * PMU events counted beside the cycle counter, named as Linux `perf list`
 * names them. Which ones a core counts is read from PMCEID on ARMv8 and
 * taken from the target file (the core's documented list) on ARMv7, then
 * probed: a counter that counts nothing where it must count is unsupported.
 */
#ifndef EVENTS_H
#define EVENTS_H

#include <stdint.h>

#define EV_MAX 8

struct pmu_event {
	const char *name;
	unsigned number;
	/* counts in any region (instructions retire everywhere): probed, and a counter
	 * that stays at 0 there is reported unsupported instead of printing 0 */
	int must_count;
};

extern const struct pmu_event events[];
extern const unsigned nevents;

/* Programs a counter for each supported event; call once, after pmu_start_cycle_counter(). */
void events_init(void);
/* NULL if event i is counted, else why not. */
const char *event_unsupported(unsigned i);

/* The bracket's view: counters in use, their values at sample_start, the last deltas. */
extern unsigned ev_counters;	      /* counters 0..ev_counters-1 are programmed */
extern uint8_t ev_counter_of[EV_MAX]; /* event i's counter */
extern uint32_t ev_start[EV_MAX], ev_delta[EV_MAX];
/* 0 when the last sample's figure did not come from its own bracket (then events are "na") */
extern int ev_valid;

#endif
