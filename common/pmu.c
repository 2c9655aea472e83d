#include <vb/pmu.h>

unsigned pmu_event_counters(void)
{
	return (read_sysreg(pmcr_el0) >> PMCR_N_SHIFT) & PMCR_N_MASK;
}

void pmu_start_cycle_counter(void)
{
	/* Count at EL2 too: a trap's round trip includes hyp-min's instructions. */
	pmu_set_cycle_filter(PMU_FILTER_NSH);
	write_sysreg(pmcntenset_el0, BIT(31));
	write_sysreg(pmcr_el0,
		     (read_sysreg(pmcr_el0) & ~PMCR_D) | PMCR_E | PMCR_C | PMCR_ARCH_ENABLE);
	isb();
}

void pmu_event_counter_start(unsigned n, reg_t type)
{
	write_sysreg(pmselr_el0, n);
	isb();
	write_sysreg(pmxevtyper_el0, type);
	write_sysreg(pmxevcntr_el0, 0);
	write_sysreg(pmcntenset_el0, BIT(n));
	isb();
}
