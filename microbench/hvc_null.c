#include <arch/cpu.h>
#include <bench.h>
#include <sample.h>
#include <vb/hypercall.h>

/* guest -> hyp-min -> guest: HVC, hyp-min's shortest path, ERET. */
uint32_t bench_hvc_null(void)
{
	reg_t t0 = sample_start();

	hvc_call0(HVC_NULL);
	return sample_stop(t0);
}
