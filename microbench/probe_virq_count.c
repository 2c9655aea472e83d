#include <arch/cpu.h>
#include <bench.h>
#include <virq.h>
#include <vb/hypercall.h>

/*
 * Not benchmarks but checks of the interrupt accounting, for the tests: one
 * interrupt expected, two injected (two list registers) or none. guest-min
 * must report irq_duplicated or irq_lost and end the run; returning a
 * sample means the accounting missed it.
 */
uint32_t bench_probe_virq_duplicate(void)
{
	reg_t stamp;

	virq_begin(virq_on_gic);
	irq_mask(); /* both pending before the first is taken */
	hvc_call_r1(HVC_VIRQ_LR, 0, &stamp);
	hvc_call_r1(HVC_VIRQ_LR, 0, &stamp);
	irq_unmask();
	virq_end(VIRQ_LR_INTID);
	return 0;
}

uint32_t bench_probe_virq_lost(void)
{
	virq_begin(virq_on_gic);
	virq_end(VIRQ_LR_INTID);
	return 0;
}
