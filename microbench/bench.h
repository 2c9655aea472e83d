/*
 * Benchmarks: one function that returns one sample, one row in
 * microbench/table.c. The runner times nothing itself: each function brackets
 * exactly the operation it measures with sample_start()/sample_stop().
 */
#ifndef BENCH_H
#define BENCH_H

#include <stdint.h>
#include <vb/params.h>

#define BENCH_VIRT (1u << 0) /* needs hyp-min: natively the row says "na" */
#define BENCH_TEST (1u << 1) /* not in the default set: run only when named */

struct bench {
	const char *name;
	uint32_t (*sample)(void); /* one measurement, in `unit` */
	unsigned flags;
	const char *na_reason; /* with BENCH_VIRT: why it has no native meaning */
	/*
	 * Optional: does the platform do what the row measures? NULL if it does,
	 * else the reason the row is reported "unsupported" instead of a number.
	 */
	const char *(*check)(void);
	const char *unit; /* NULL: "cycles" (PMCCNTR); "ticks": the generic timer's counter */
};

extern const struct bench bench_table[];
extern const unsigned bench_table_len;

#define BENCH_DEFAULT_SAMPLES 1000
#define BENCH_DEFAULT_WARMUP  10
#define BENCH_MAX_SAMPLES     4096

struct bench_run {
	const struct vb_params *params;
	int virt;
	unsigned samples, warmup;
	char config[48]; /* translation configuration, e.g. "s1-4k_s2-4k" */
};

void bench_run_init(struct bench_run *run, const struct vb_params *params, int virt);
unsigned bench_selected_count(const struct bench_run *run);
void bench_run_all(const struct bench_run *run);

/* the benchmarks */
uint32_t bench_counter_overhead(void);
uint32_t bench_hvc_null(void);
uint32_t bench_probe_hyp_memory(void);
uint32_t bench_sysreg_trap(void);
const char *check_sysreg_trap(void);
uint32_t bench_mmio_read(void);
uint32_t bench_mmio_write(void);
uint32_t bench_s2perm_none(void);
uint32_t bench_s2perm_ro(void);
uint32_t bench_s2perm_wo(void);
uint32_t bench_s2perm_rw(void);
uint32_t bench_s2perm_tlbi(void);
uint32_t bench_probe_s2_device(void);
uint32_t bench_virq_hcr(void);
uint32_t bench_virq_hcr_complete(void);
uint32_t bench_virq_lr(void);
uint32_t bench_virq_lr_complete(void);
uint32_t bench_virq_lr_maint(void);
uint32_t bench_virq_timer(void);
uint32_t bench_probe_virq_duplicate(void);
uint32_t bench_probe_virq_lost(void);

#endif
