/* The PMU cycle counter, read the same way on both architectures. */
#ifndef VB_PMU_H
#define VB_PMU_H

#include <arch/pmu.h>
#include <arch/sysreg.h>

/* Starts the cycle counter counting at EL0, EL1 and EL2, from zero. */
void pmu_start_cycle_counter(void);
/* Event counters the PMU has besides the cycle counter (PMCR.N). */
unsigned pmu_event_counters(void);
/* Counter n counts `type` (event number and filter bits), from 0. */
void pmu_event_counter_start(unsigned n, reg_t type);
/* NULL if the core counts event `number` (`name` as Linux perf spells it), else why not. */
const char *pmu_event_known(const char *name, unsigned number);

static inline uint32_t pmu_event_counter_read(unsigned n)
{
	write_sysreg(pmselr_el0, n);
	isb();
	return (uint32_t)read_sysreg(pmxevcntr_el0);
}

/*
 * A counter read fenced by ISB on both sides, so no instruction of the region
 * is still in flight when it is read and none after it started early.
 */
static inline reg_t cycles_fenced(void)
{
	reg_t c;

	isb();
	c = read_sysreg(pmccntr_el0);
	isb();
	return c;
}

#endif
