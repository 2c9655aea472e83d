#include <arch/cpu.h>
#include <vb/halt.h>

void halt_wait(void)
{
	for (;;)
		wfi();
}

void halt_smc(void)
{
#if TARGET_HALT_PSCI_OFF
	smc_call(PSCI_SYSTEM_OFF);
#endif
	halt_wait();
}
