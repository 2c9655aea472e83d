#include <bench.h>
#include <vb/pmu.h>

/* Nothing between the two fenced reads: the floor every other row includes once. */
uint32_t bench_counter_overhead(void)
{
	reg_t t0 = cycles_fenced();

	return (uint32_t)(cycles_fenced() - t0);
}
