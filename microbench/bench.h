/*
 * Benchmarks: one function that returns one sample, one row in
 * microbench/table.c. The runner times nothing itself: each function brackets
 * exactly the operation it measures with sample_start()/sample_stop().
 */
#ifndef BENCH_H
#define BENCH_H

#include <stdint.h>
#include <vb/params.h>
#include <vb/record.h>

#define BENCH_VIRT (1u << 0) /* needs hyp-min: natively the row says "na" */
#define BENCH_TEST (1u << 1) /* not in the default set: run only when named */
#define BENCH_KVM  (1u << 2) /* in kvm mode's default set only (kvm.h); elsewhere na if named */

/*
 * One variant of a parameterised row (a footprint, an access pattern): the
 * runner reports one result for each, with `variant=<value>` and
 * `<key>=<value>` in the record.
 */
#define BENCH_MAX_VARIANTS 16
#define BENCH_MAX_FIELDS   2
struct bench_variant {
	const char *key; /* the result field that names it ("footprint", "pattern"), or NULL */
	char value[24];
	uint64_t arg;
	/* what prepare() found out, reported in the result: walk_cache's shared levels */
	struct {
		const char *key;
		char value[16];
	} fields[BENCH_MAX_FIELDS];
};

struct bench {
	const char *name;
	uint32_t (*sample)(void); /* one measurement, in `unit`; NULL: a kvm-only row (na_reason) */
	unsigned flags;
	const char *na_reason; /* with BENCH_VIRT: why it has no native meaning */
	/*
	 * Optional: does the platform do what the row measures? NULL if it does,
	 * else the reason the row is reported "unsupported" instead of a number.
	 */
	const char *(*check)(void);
	/* Optional: the row's variants (at most BENCH_MAX_VARIANTS); NULL: one plain result. */
	unsigned (*variants)(const struct vb_params *p, struct bench_variant *out);
	/*
	 * Optional: set-up for a variant (NULL without variants), outside every
	 * sample. NULL if the variant can run, else why this configuration
	 * cannot express it: the result is "na" with that reason, not a number.
	 */
	const char *(*prepare)(struct bench_variant *v);
	/* Optional: undoes what prepare() changed, after the row's last variant. */
	void (*finish)(void);
	/* Optional: fields the result of a measured row adds (after the samples). */
	void (*fields)(struct record *r);
	const char *unit; /* NULL: "cycles" (PMCCNTR); "ticks": the generic timer's counter */
	/*
	 * guest-min's kvm mode (kvm.h): the sample under Linux KVM, in ticks
	 * (CNTVCT); NULL: the row is "na" there with kvm_na as the reason. The
	 * same function times the row natively and under hyp-min with the ticks
	 * clock (VB_PARAM_TICKS; na there without one, TICKS_NA).
	 */
	uint32_t (*kvm)(void);
	const char *kvm_na;
	const char *kvm_unit;		      /* NULL: KVM_UNIT ("ticks") */
	void (*kvm_fields)(struct record *r); /* kvm mode's `fields` */
};

extern const struct bench bench_table[];
extern const unsigned bench_table_len;

#define BENCH_DEFAULT_SAMPLES 1000
#define BENCH_DEFAULT_WARMUP  10
#define BENCH_MAX_SAMPLES     4096

struct bench_run {
	const struct vb_params *params;
	int virt;
	int kvm;   /* under Linux KVM (kvm.h): each row's kvm sample, or na */
	int ticks; /* kvm, or VB_PARAM_TICKS: each row's kvm sample (CNTVCT), or na */
	unsigned samples, warmup;
	char config[48];		  /* translation configuration, e.g. "s1-4k_s2-4k" */
	char unknown[VB_PARAMS_ONLY_LEN]; /* a name in params->only no row has */
};

/*
 * Sets up a run; returns the first name of params->only that no benchmark
 * has (in run->unknown), or NULL. The runner reports nothing itself:
 * guest-min, which calls it, owns the failure report.
 */
const char *bench_run_init(struct bench_run *run, const struct vb_params *params, int virt);
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
uint32_t bench_probe_virq_maint_missing(void);
const char *check_s2perm(void);

/* the isolation suite's probes (probe_isolation.c), for the tests only */
uint32_t bench_probe_hyp_memory_write(void);
uint32_t bench_probe_hyp_stack_read(void);
uint32_t bench_probe_hyp_stack_write(void);
uint32_t bench_probe_hyp_tables_read(void);
uint32_t bench_probe_hyp_tables_write(void);
uint32_t bench_probe_s2_tables_read(void);
uint32_t bench_probe_s2_tables_write(void);
uint32_t bench_probe_gicd_read(void);
uint32_t bench_probe_gicd_write(void);
uint32_t bench_probe_gich_read(void);
uint32_t bench_probe_gich_write(void);
uint32_t bench_probe_gicr_read(void);
uint32_t bench_probe_gicr_write(void);
uint32_t bench_probe_beyond_ram_read(void);
uint32_t bench_probe_beyond_ram_write(void);
uint32_t bench_probe_exec_device(void);
uint32_t bench_probe_hostile_hvc(void);
uint32_t bench_probe_s2perm_block(void);
uint32_t bench_probe_forge_record(void);
uint32_t bench_probe_mmio_size(void);
const char *check_gich(void);
const char *check_gicr(void);
const char *check_s2_block(void);

/* memory benchmarks (issue #4): the test window, walks and TLBs */
uint32_t bench_tlb_hit(void);
uint32_t bench_walk_full(void);
uint32_t bench_tlb_miss_chase(void);
uint32_t bench_walk_cache(void);
uint32_t bench_probe_s1_unmapped(void);
void fields_s2perm(struct record *r);
const char *prepare_tlb_hit(struct bench_variant *v);
const char *prepare_tlb_miss_chase(struct bench_variant *v);
const char *prepare_chase_blocks(struct bench_variant *v);
void finish_chase_blocks(void);
const char *prepare_walk_full(struct bench_variant *v);
const char *prepare_walk_cache(struct bench_variant *v);
unsigned variants_footprints(const struct vb_params *p, struct bench_variant *out);
unsigned variants_walk_full(const struct vb_params *p, struct bench_variant *out);
unsigned variants_walk_cache(const struct vb_params *p, struct bench_variant *out);
#define CHASE_STEPS 1024 /* dependent accesses per tlb_miss_chase sample */
#define CHASE_UNIT  "cycles/1024"

#endif
