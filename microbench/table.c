/* Every benchmark guest-min knows, in the order they run. Names are part of the results format. */
#include <bench.h>

#define NO_HYP	"no_hypervisor_in_native_mode"
#define NO_S2	"no_stage_2_in_native_mode"
#define NO_VDEV "no_emulated_device_in_native_mode"
#define NO_VI	"hcr_vi_needs_a_hypervisor"
#define NO_LR	"list_registers_need_a_hypervisor"

/* unit: cycles unless named */
const struct bench bench_table[] = {
	{ .name = "counter_overhead", .sample = bench_counter_overhead },
	{ .name = "hvc_null", .sample = bench_hvc_null, .flags = BENCH_VIRT, .na_reason = NO_HYP },
	{ .name = "sysreg_trap", .sample = bench_sysreg_trap, .check = check_sysreg_trap },
	{ .name = "mmio_read",
	  .sample = bench_mmio_read,
	  .flags = BENCH_VIRT,
	  .na_reason = NO_VDEV },
	{ .name = "mmio_write",
	  .sample = bench_mmio_write,
	  .flags = BENCH_VIRT,
	  .na_reason = NO_VDEV },
	{ .name = "s2perm_none",
	  .sample = bench_s2perm_none,
	  .flags = BENCH_VIRT,
	  .na_reason = NO_S2 },
	{ .name = "s2perm_ro", .sample = bench_s2perm_ro, .flags = BENCH_VIRT, .na_reason = NO_S2 },
	{ .name = "s2perm_wo", .sample = bench_s2perm_wo, .flags = BENCH_VIRT, .na_reason = NO_S2 },
	{ .name = "s2perm_rw", .sample = bench_s2perm_rw },
	{ .name = "s2perm_tlbi",
	  .sample = bench_s2perm_tlbi,
	  .flags = BENCH_VIRT,
	  .na_reason = NO_S2 },
	{ .name = "virq_hcr", .sample = bench_virq_hcr, .flags = BENCH_VIRT, .na_reason = NO_VI },
	{ .name = "virq_hcr_complete",
	  .sample = bench_virq_hcr_complete,
	  .flags = BENCH_VIRT,
	  .na_reason = NO_VI },
	{ .name = "virq_lr", .sample = bench_virq_lr, .flags = BENCH_VIRT, .na_reason = NO_LR },
	{ .name = "virq_lr_complete", .sample = bench_virq_lr_complete },
	{ .name = "virq_lr_maint",
	  .sample = bench_virq_lr_maint,
	  .flags = BENCH_VIRT,
	  .na_reason = NO_LR },
	{ .name = "virq_timer", .sample = bench_virq_timer, .unit = "ticks" },
	{ .name = "probe_hyp_memory",
	  .sample = bench_probe_hyp_memory,
	  .flags = BENCH_VIRT | BENCH_TEST,
	  .na_reason = NO_HYP },
	{ .name = "probe_s2_device",
	  .sample = bench_probe_s2_device,
	  .flags = BENCH_VIRT | BENCH_TEST,
	  .na_reason = NO_S2 },
	{ .name = "probe_virq_duplicate",
	  .sample = bench_probe_virq_duplicate,
	  .flags = BENCH_VIRT | BENCH_TEST,
	  .na_reason = NO_LR },
	{ .name = "probe_virq_lost",
	  .sample = bench_probe_virq_lost,
	  .flags = BENCH_VIRT | BENCH_TEST,
	  .na_reason = NO_LR },
};

const unsigned bench_table_len = sizeof(bench_table) / sizeof(bench_table[0]);
