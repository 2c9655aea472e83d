#include <bench.h>
#include <sample.h>

/* Nothing between the two fenced reads: the floor every other row includes once. */
uint32_t bench_counter_overhead(void)
{
	reg_t t0 = sample_start();

	return sample_stop(t0);
}
