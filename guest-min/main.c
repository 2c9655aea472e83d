/* guest-min: MMU on, context record, the benchmarks, end record, halt. */
#include <arch/cpu.h>
#include <bench.h>
#include <events.h>
#include <kvm.h>
#include <guest.h>
#include <vb/fmt.h>
#include <vb/hypercall.h>
#include <vb/halt.h>
#include <vb/layout.h>
#include <vb/params.h>
#include <vb/pmu.h>
#include <build_rev.h>
#include <vb/record.h>

static int virt;
static int kvm; /* under Linux KVM, started by vbench-vmm (microbench/kvm.h) */

int guest_is_virt(void)
{
	return virt;
}

static int halting;    /* the run is ending: an exception now is not reported */
static int el2_absent; /* natively started at EL1: nothing above it but firmware */

int guest_halting(void)
{
	return halting;
}

/*
 * PSCI SYSTEM_OFF: to hyp-min; natively through SMC, or through HVC on a
 * machine without EL2 (QEMU's virt without virtualization=on takes PSCI
 * there). Where the call does not exist the exception it raises waits.
 */
void guest_halt(void)
{
	halting = 1;
	if (virt || el2_absent)
		hvc_call0(PSCI_SYSTEM_OFF);
	halt_smc();
}

static struct vb_params params;
static struct xlat s2_cfg; /* what hyp-min built: the same parameters, the same code */

const struct vb_params *guest_params(void)
{
	return &params;
}

const struct xlat *guest_s2_config(void)
{
	return virt ? &s2_cfg : 0;
}

static char *append(char *p, const char *s)
{
	while (*s)
		*p++ = *s++;
	*p = '\0';
	return p;
}

/*
 * One stage's part of a configuration name: "s1-4k", "s1-4k-2m" (2 MiB
 * blocks), "s1-4k-va48" (48-bit VAs), "s2-4k-ipa40" (40-bit IPAs),
 * "s2-64k-l3" (concatenated start), "-nc" for non-cacheable walks.
 * Defaults add nothing, so the default configuration is "s1-4k_s2-4k".
 */
static char *stage_name(char *p, const char *prefix, const struct xlat *x)
{
	uint64_t granule = (uint64_t)1 << x->geom.granule_shift;
	char size[12];

	p = append(p, prefix);
	xlat_size_name(size, granule);
	p = append(p, size);
	if (x->mapping != granule) {
		xlat_size_name(size, x->mapping);
		p = append(append(p, "-"), size);
	}
	if (x->geom.ia_bits != XLAT_IA_BITS) {
		p = append(p, prefix[1] == '1' ? "-va" : "-ipa");
		size[0] = (char)('0' + x->geom.ia_bits / 10);
		size[1] = (char)('0' + x->geom.ia_bits % 10);
		size[2] = '\0';
		p = append(p, size);
	}
	if (x->geom.start_level != x->default_start) {
		size[0] = (char)('0' + x->geom.start_level);
		size[1] = '\0';
		p = append(append(p, "-l"), size);
	}
	if (x->walk == VB_WALK_NC)
		p = append(p, "-nc");
	return p;
}

static void config_name(char *buf, reg_t s2_leaf)
{
	char *p = stage_name(buf, "s1-", mmu_config());

	if (!virt)
		return;
	/* hyp-min resolved the same parameters; a disagreement is a bug to stop at */
	if (xlat_resolve(&params.s2, 1, ARCH_XLAT, &s2_cfg) || s2_cfg.mapping != s2_leaf)
		guest_fail("s2_config_disagrees_with_hyp_min", 1);
	stage_name(p, "_s2-", &s2_cfg);
}

/*
 * Descriptor reads of a full walk of va, counted in the tables that were
 * built: stage 1's walk here, stage 2's of every IPA it reads by hyp-min.
 */
unsigned guest_desc_reads(uint64_t va)
{
	unsigned s2_tables[4] = { 0 }, s2_data = 0;
	struct pt_walk w;

	if (pt_walk(mmu_stage1(), va, &w))
		guest_fail("desc_reads_of_an_unmapped_va", 1);
	for (unsigned i = 0; virt && i < w.reads; i++)
		s2_tables[i] = (unsigned)hvc_call2(HVC_S2_WALK_READS, (reg_t)w.table[i], 0);
	if (virt)
		s2_data = (unsigned)hvc_call2(HVC_S2_WALK_READS, (reg_t)w.pa, 0);
	return pt_two_stage_reads(w.reads, s2_tables, s2_data);
}

/* A board's image on QEMU's model of the board (vbench run --qemu) is emulated too. */
static int emulated(const struct vb_params *p)
{
	return TARGET_EMULATED || (p->magic == VB_PARAMS_MAGIC && (p->flags & VB_PARAM_EMULATED));
}

static const char *clock_name(const struct vb_params *p)
{
	if (!emulated(p))
		return "pmu";
	if (p->magic != VB_PARAMS_MAGIC)
		return "unknown"; /* QEMU started by hand, without run parameters */
	return p->flags & VB_PARAM_DETERMINISTIC ? "icount" : "host";
}

static void report_begin(const struct bench_run *run)
{
	struct record r;

	rec_open(&r, "begin");
	rec_str(&r, "target", TARGET_NAME);
	rec_str(&r, "arch", arch_name);
	rec_str(&r, "cpu", TARGET_CPU);
	rec_str(&r, "mode", virt ? "virt" : kvm ? "kvm" : "native");
	if (kvm)
		kvm_begin_fields(&r);
	else if (run->ticks) /* --clock ticks: every row in CNTVCT's ticks, as kvm mode's */
		rec_str(&r, "timer", "cntvct");
	rec_hex(&r, "midr", read_sysreg(midr_el1));
	rec_u64(&r, "cntfrq", read_sysreg(cntfrq_el0));
	rec_u64(&r, "pmu_counters", pmu_event_counters());
	rec_u64(&r, "gic", TARGET_GIC_VERSION);
	rec_str(&r, "rev", BUILD_REV);
	rec_str(&r, "emulated", emulated(run->params) ? "yes" : "no");
	rec_str(&r, "clock", clock_name(run->params));
	rec_u64(&r, "benches", bench_selected_count(run));
	rec_u64(&r, "samples", run->samples);
	rec_u64(&r, "warmup", run->warmup);
	rec_u64(&r, "s1_granule", (uint64_t)1 << mmu_config()->geom.granule_shift);
	rec_u64(&r, "s1_mapping", mmu_config()->mapping);
	rec_str(&r, "s1_walk_cache", mmu_config()->walk == VB_WALK_NC ? "nc" : "wb");
	rec_u64(&r, "desc_reads", guest_desc_reads(TEST_BASE));
	for (unsigned e = 0; e < nevents; e++) { /* what the event columns can say, and why */
		char key[32] = "ev_";

		for (unsigned i = 0; events[e].name[i] && i < sizeof(key) - 4; i++)
			key[3 + i] = events[e].name[i];
		rec_str(&r, key, event_unsupported(e) ? event_unsupported(e) : "counted");
	}
	rec_close(&r);
}

static void report_end(void)
{
	struct record r;
	unsigned before = rec_count();

	rec_open(&r, "end");
	rec_u64(&r, "records", before);
	rec_close(&r);
}

static void entry_fail(const char *msg, const char *key, reg_t found)
{
	struct record r;

	rec_open(&r, "error");
	rec_str(&r, "kind", "entry");
	rec_str(&r, "msg", msg);
	rec_hex(&r, key, found);
	rec_close(&r);
}

/*
 * What arch/<arch>/boot.S found: the level (AArch32: mode) guest-min started
 * at and that level's SCTLR before it forced the MMU and caches off.
 */
static void entry_check(reg_t level, reg_t sctlr)
{
	if (level != ARCH_ENTRY_NATIVE && level != ARCH_ENTRY_GUEST) {
		entry_fail(ARCH_ENTRY_LEVEL_MSG, ARCH_ENTRY_LEVEL_KEY, level);
		halt_wait(); /* at an unknown level nothing says how to end the run */
	}
	if (sctlr & SCTLR_M) {
		/* the loader's cached view of the image may never have reached memory */
		entry_fail("entered_with_mmu_on", "sctlr", sctlr);
		guest_halt();
	}
}

void guest_main(reg_t boot_magic, reg_t s2_leaf, reg_t level, reg_t sctlr)
{
	struct bench_run run;

	virt = boot_magic == HYP_BOOT_MAGIC;
	el2_absent = !virt && level == ARCH_ENTRY_GUEST;
	rec_set_source('g');
	entry_check(level, sctlr);
	if (!virt)
		params_receive(PARAMS_ADDR, "guest-min"); /* under hyp-min, hyp-min did */
	params = *params_get(PARAMS_ADDR); /* the benchmarks' window holds its page */
	mmu_init(&params.s1);
	irq_init(virt);
	pmu_start_cycle_counter();
	events_init();
	/* at EL1 with nothing of hyp-min's above: the parameters say whether it is KVM */
	kvm = el2_absent && params.magic == VB_PARAMS_MAGIC && (params.flags & VB_PARAM_KVM);
	if (bench_run_init(&run, &params, virt))
		guest_fail_named("unknown_bench", run.unknown);
	run.kvm = kvm;
	run.ticks = kvm || (params.magic == VB_PARAMS_MAGIC && (params.flags & VB_PARAM_TICKS));
	config_name(run.config, s2_leaf);
	report_begin(&run);
	bench_run_all(&run);
	report_end();
	if (params.flags & VB_PARAM_NEXT)
		guest_next(level);
	guest_halt();
}
