#ifndef ARCH_PMU_H
#define ARCH_PMU_H

#include <arch/sysreg.h>

#define PMCR_ARCH_ENABLE PMCR_LC /* the cycle counter is 64 bits */

static inline void pmu_set_cycle_filter(reg_t filter)
{
	write_sysreg(pmccfiltr_el0, filter);
}

#endif
