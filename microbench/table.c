/* Every benchmark guest-min knows, in the order they run. Names are part of the results format. */
#include <bench.h>

#define NATIVE_NO_HYP "no_hypervisor_in_native_mode"
#define NATIVE_NO_VI  "hcr_vi_needs_a_hypervisor"
#define NATIVE_NO_LR  "list_registers_need_a_hypervisor"

const struct bench bench_table[] = {
	{ "counter_overhead", bench_counter_overhead, 0, 0, "cycles" },
	{ "hvc_null", bench_hvc_null, BENCH_VIRT, NATIVE_NO_HYP, "cycles" },
	{ "virq_hcr", bench_virq_hcr, BENCH_VIRT, NATIVE_NO_VI, "cycles" },
	{ "virq_hcr_complete", bench_virq_hcr_complete, BENCH_VIRT, NATIVE_NO_VI, "cycles" },
	{ "virq_lr", bench_virq_lr, BENCH_VIRT, NATIVE_NO_LR, "cycles" },
	{ "virq_lr_complete", bench_virq_lr_complete, 0, 0, "cycles" },
	{ "virq_lr_maint", bench_virq_lr_maint, BENCH_VIRT, NATIVE_NO_LR, "cycles" },
	{ "virq_timer", bench_virq_timer, 0, 0, "ticks" },
	{ "probe_hyp_memory", bench_probe_hyp_memory, BENCH_VIRT | BENCH_TEST, NATIVE_NO_HYP,
	  "cycles" },
	{ "probe_virq_duplicate", bench_probe_virq_duplicate, BENCH_VIRT | BENCH_TEST, NATIVE_NO_LR,
	  "cycles" },
	{ "probe_virq_lost", bench_probe_virq_lost, BENCH_VIRT | BENCH_TEST, NATIVE_NO_LR,
	  "cycles" },
};

const unsigned bench_table_len = sizeof(bench_table) / sizeof(bench_table[0]);
