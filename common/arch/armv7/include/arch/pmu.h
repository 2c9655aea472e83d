#ifndef ARCH_PMU_H
#define ARCH_PMU_H

#include <arch/sysreg.h>

#define PMCR_ARCH_ENABLE 0 /* PMCCNTR is 32 bits; differences are taken modulo 2^32 */

/* ARMv7 PMUv2 reaches the cycle counter's filter through PMXEVTYPER with PMSELR = 31. */
static inline void pmu_set_cycle_filter(reg_t filter)
{
	write_sysreg(pmselr_el0, PMU_CYCLE_IDX);
	isb();
	write_sysreg(pmxevtyper_el0, filter);
}

#endif
