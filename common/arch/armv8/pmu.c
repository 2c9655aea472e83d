/* ARMv8: the PMU says which common events it counts (PMCEID0/1_EL0). */
#include <vb/pmu.h>

const char *pmu_event_known(const char *name, unsigned number)
{
	uint64_t id;

	(void)name;
	if (number >= 64)
		return "not_a_common_event";
	id = number < 32 ? read_sysreg(pmceid0_el0) : read_sysreg(pmceid1_el0);
	return (id >> (number & 31)) & 1 ? 0 : "not_in_PMCEID";
}
