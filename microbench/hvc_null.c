#include <arch/cpu.h>
#include <bench.h>
#include <vb/hypercall.h>
#include <vb/pmu.h>

/* guest -> hyp-min -> guest: HVC, hyp-min's shortest path, ERET. */
uint32_t bench_hvc_null(void)
{
	reg_t t0 = cycles_fenced();

	hvc_call0(HVC_NULL);
	return (uint32_t)(cycles_fenced() - t0);
}
