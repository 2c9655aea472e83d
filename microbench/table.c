/* Every benchmark guest-min knows, in the order they run. Names are part of the results format. */
#include <bench.h>

const struct bench bench_table[] = {
	{ "counter_overhead", bench_counter_overhead, 0, 0 },
	{ "hvc_null", bench_hvc_null, BENCH_VIRT, "no_hypervisor_in_native_mode" },
	{ "probe_hyp_memory", bench_probe_hyp_memory, BENCH_VIRT | BENCH_TEST,
	  "no_hypervisor_in_native_mode" },
};

const unsigned bench_table_len = sizeof(bench_table) / sizeof(bench_table[0]);
