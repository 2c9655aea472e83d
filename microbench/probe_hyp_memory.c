#include <bench.h>
#include <sample.h>
#include <vb/layout.h>

/*
 * Not a benchmark but a check of the isolation, for the tests: reads
 * hyp-min's memory, which stage 2 does not map. hyp-min must report a
 * stage-2 data abort and end the run; returning is a failure of isolation.
 */
uint32_t bench_probe_hyp_memory(void)
{
	reg_t t0 = sample_start();

	(void)*(volatile uint32_t *)(uintptr_t)TARGET_LOAD_ADDR;
	return sample_stop(t0);
}
