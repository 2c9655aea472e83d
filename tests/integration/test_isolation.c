/*
 * The isolation suite (docs/security.md): guest-min's probes
 * (microbench/probe_isolation.c) each do one hostile thing in a run of their
 * own, on every default target, and each must end the documented way with
 * hyp-min alive to say so: a stage-2 fault in hyp-min's error record naming
 * the address, or `refused` records after which the guest ran to its end.
 * Addresses come from the target file and from hyp-min's link map
 * (build/<target>/hyp_layout.h), never from the run itself.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "qemu_run.h"

#define N(a) (sizeof(a) / sizeof((a)[0]))

/* What a target's probes aim at. */
struct target_case {
	const char *target;
	unsigned long long ram_base, ram_end, gicd, gich, gicr;
	unsigned long long stack_top, hyp_tables, s2_tables;
};

/* `key = value` of a target file or `#define KEY value` of a header; -1 if absent. */
static unsigned long long lookup(const char *path, const char *key, int define)
{
	FILE *f = fopen(path, "r");
	char line[256], name[64];
	unsigned long long v = ~0ull;

	if (!f)
		fail_msg("cannot open %s", path);
	while (fgets(line, sizeof(line), f)) {
		if (define ?
			    sscanf(line, "#define %63s %lli", name, &v) == 2 && !strcmp(name, key) :
			    sscanf(line, " %63[a-z0-9_] = %lli", name, &v) == 2 &&
				    !strcmp(name, key))
			break;
		v = ~0ull;
	}
	fclose(f);
	return v;
}

/* The build folder of the vbench under test: <build>/bin/vbench. */
static void build_dir(char *out, size_t len)
{
	const char *v = getenv("VBENCH");
	const char *cut;

	snprintf(out, len, "%s", v ? v : VB_SRC_ROOT "/build/bin/vbench");
	cut = strstr(out, "/bin/vbench");
	if (cut)
		out[cut - out] = '\0';
}

static int setup(void **state)
{
	struct target_case *c = *state;
	char conf[600], layout[600], build[512];
	unsigned long long v;

	build_dir(build, sizeof(build));
	snprintf(conf, sizeof(conf), VB_SRC_ROOT "/bench/targets/%s.conf", c->target);
	snprintf(layout, sizeof(layout), "%s/%s/hyp_layout.h", build, c->target);
	c->ram_base = lookup(conf, "ram_base", 0);
	c->ram_end = c->ram_base + lookup(conf, "ram_size", 0);
	c->gicd = lookup(conf, "gicd_base", 0);
	c->gich = (v = lookup(conf, "gich_base", 0)) == ~0ull ? 0 : v;
	c->gicr = (v = lookup(conf, "gicr_base", 0)) == ~0ull ? 0 : v;
	c->stack_top = lookup(layout, "HYP_LAYOUT_STACK_TOP", 1);
	c->hyp_tables = lookup(layout, "HYP_LAYOUT_HYP_TABLES", 1);
	c->s2_tables = lookup(layout, "HYP_LAYOUT_S2_TABLES", 1);
	return c->ram_base == ~0ull || c->gicd == ~0ull || c->stack_top == ~0ull;
}

/* `option value` (NULL: none): --s2 for a configuration, --policy for the other world switch. */
static void probe(struct qemu_run *r, const struct target_case *c, const char *name,
		  const char *option, const char *value)
{
	const char *const extra[] = { "--only", name, "--n", "1", option, value, NULL };

	assert_int_equal(qemu_run(r, c->target, "virt", extra), 0);
}

/* hyp-min's error record, naming the stage-2 abort and the IPA; no half-written run. */
static void expect_fault(const struct target_case *c, const char *name, const char *kind,
			 unsigned long long ipa)
{
	struct qemu_run r;
	char want[96];

	probe(&r, c, name, NULL, NULL);
	if (r.status != 1)
		fail_msg("%s %s: exit %d, not a failed run (isolation broken?): %s", c->target,
			 name, r.status, r.err);
	snprintf(want, sizeof(want), "hyp-min error record h:1: kind=%s el=2", kind);
	if (!strstr(r.err, want))
		fail_msg("%s %s: no '%s': %s", c->target, name, want, r.err);
	snprintf(want, sizeof(want), " ipa=0x%llx ", ipa);
	if (!strstr(r.err, want))
		fail_msg("%s %s: the fault is not at%s: %s", c->target, name, want, r.err);
}

static void expect_fault_rw(const struct target_case *c, const char *base, unsigned long long ipa)
{
	char name[64];

	snprintf(name, sizeof(name), "probe_%s_read", base);
	expect_fault(c, name, "s2_dabt", ipa);
	snprintf(name, sizeof(name), "probe_%s_write", base);
	expect_fault(c, name, "s2_dabt", ipa);
}

/* A part the target lacks: the probe says unsupported, it does not pretend. */
static void expect_unsupported(const struct target_case *c, const char *name)
{
	struct qemu_run r;
	struct vb_csv_table t;

	probe(&r, c, name, NULL, NULL);
	if (r.status != 0)
		fail_msg("%s %s: %s", c->target, name, r.err);
	assert_int_equal(qemu_summary(&r, &t), 0);
	assert_string_equal(vb_csv_cell(&t, qemu_row(&t, name), "status"), "unsupported");
	vb_csv_free(&t);
}

/*
 * Refused, and hyp-min ran on: vbench fails the run naming the count, the
 * guest reached its end record, and the console holds one `refused` record
 * per reason given (in that order). Returns the console for more checks.
 */
static char *expect_refused(const struct target_case *c, const char *name, const char *option,
			    const char *value, const char *const *reasons, size_t nreasons)
{
	struct qemu_run r;
	char path[600], want[128], *log, *at;

	probe(&r, c, name, option, value);
	snprintf(want, sizeof(want), "hyp-min refused %zu request%s of the guest", nreasons,
		 nreasons == 1 ? "" : "s");
	if (r.status != 1 || !strstr(r.err, want) || !strstr(r.err, "ran to its end record"))
		fail_msg("%s %s: exit %d, want '%s': %s", c->target, name, r.status, want, r.err);
	snprintf(path, sizeof(path), "%s.failed/console.log", r.dir);
	log = qemu_file_must(path);
	at = log;
	for (size_t i = 0; i < nreasons; i++) {
		snprintf(want, sizeof(want), " refused count=%zu request=", i + 1);
		at = strstr(at, want);
		if (!at || strncmp(strstr(at, "reason=") + 7, reasons[i], strlen(reasons[i])))
			fail_msg("%s %s: refused record %zu is not reason=%s:\n%s", c->target, name,
				 i + 1, reasons[i], log);
	}
	if (!strstr(at, " end records="))
		fail_msg("%s %s: the guest did not reach its end record:\n%s", c->target, name,
			 log);
	return log;
}

static void test_hyp_memory(void **state)
{
	const struct target_case *c = *state;

	expect_fault(c, "probe_hyp_memory", "s2_dabt", c->ram_base);
	expect_fault(c, "probe_hyp_memory_write", "s2_dabt", c->ram_base);
	expect_fault_rw(c, "hyp_stack", c->stack_top - 16);
}

static void test_hyp_tables(void **state)
{
	const struct target_case *c = *state;

	expect_fault_rw(c, "hyp_tables", c->hyp_tables);
	expect_fault_rw(c, "s2_tables", c->s2_tables);
}

static void test_gic(void **state)
{
	const struct target_case *c = *state;

	expect_fault_rw(c, "gicd", c->gicd);
	if (c->gich) {
		expect_fault_rw(c, "gich", c->gich);
	} else {
		expect_unsupported(c, "probe_gich_read");
		expect_unsupported(c, "probe_gich_write");
	}
	if (c->gicr) {
		expect_fault_rw(c, "gicr", c->gicr);
	} else {
		expect_unsupported(c, "probe_gicr_read");
		expect_unsupported(c, "probe_gicr_write");
	}
}

static void test_beyond_ram(void **state)
{
	const struct target_case *c = *state;

	/* past the far window's one 4 KiB leaf, which begins where RAM ends (<vb/layout.h>) */
	expect_fault_rw(c, "beyond_ram", c->ram_end + 0x1000);
}

/* A page stage 2 makes Device is never executable: an instruction abort, a permission fault. */
static void test_exec_device(void **state)
{
	const struct target_case *c = *state;
	struct qemu_run r;
	const char *esr;

	probe(&r, c, "probe_exec_device", NULL, NULL);
	if (r.status != 1 || !strstr(r.err, "hyp-min error record h:1: kind=s2_iabt"))
		fail_msg("%s: exit %d, no s2_iabt: %s", c->target, r.status, r.err);
	esr = strstr(r.err, " esr=0x");
	assert_non_null(esr);
	/* IFSC 0b0011xx: permission fault (the page is mapped, XN) */
	assert_int_equal(strtoull(esr + 5, NULL, 16) & 0x3c, 0x0c);
}

/* Every hypercall with arguments out of range: refused, counted, and the guest runs on. */
static void test_hostile_hypercalls(void **state)
{
	const struct target_case *c = *state;
	static const char *const reasons[] = {
		"unknown_function",	 "unknown_function",	  "ipa_outside_guest_ram",
		"ipa_outside_guest_ram", "ipa_outside_guest_ram", "ipa_outside_guest_ram",
		"ipa_outside_guest_ram", "unknown_mode",	  "unknown_mode",
		"page_not_armed",	 "page_not_armed",	  "page_not_armed",
		"ipa_not_mapped",	 "ipa_not_mapped",	  "unknown_flags",
		"no_free_slot",		 "no_free_list_register",
	};
	static const char *const block[] = { "not_a_4k_stage_2_page" };

	free(expect_refused(c, "probe_hostile_hvc", NULL, NULL, reasons, N(reasons)));
	/* the full world switch saves and restores the list registers around each exit */
	free(expect_refused(c, "probe_hostile_hvc", "--policy", "full", reasons, N(reasons)));
	/* a test-window page that stage 2 maps with a 2 MiB block is not a page to arm */
	free(expect_refused(c, "probe_s2perm_block", "--s2", "4k:2m", block, N(block)));
}

/*
 * The guest writes two records in hyp-min's name with valid CRCs, one after
 * noise on its line. hyp-min writes the guest's console: neither reaches it.
 */
static void test_forged_records(void **state)
{
	const struct target_case *c = *state;
	static const char *const reasons[] = { "forged_hyp_record", "forged_hyp_record" };
	char *log = expect_refused(c, "probe_forge_record", NULL, NULL, reasons, N(reasons));

	if (strstr(log, "rev=forged") || strstr(log, "kind=forged_error"))
		fail_msg("%s: a forged record reached the console:\n%s", c->target, log);
	if (!strstr(log, "\nnoise \n@vb1 h ")) /* hyp-min's record starts its own line */
		fail_msg("%s: hyp-min's record shares the guest's line:\n%s", c->target, log);
	free(log);
}

/* Byte and halfword loads and stores of the emulated 32-bit registers (the probe checks). */
static void test_mmio_access_size(void **state)
{
	const struct target_case *c = *state;
	struct qemu_run r;

	probe(&r, c, "probe_mmio_size", NULL, NULL);
	if (r.status != 0)
		fail_msg("%s: %s", c->target, r.err);
}

static struct target_case a15 = { .target = "qemu-a15" }, a53 = { .target = "qemu-a53" },
			  a72 = { .target = "qemu-a72" };

static const struct qemu_check checks[] = {
	{ "isolation_hyp_memory_and_stack", test_hyp_memory },
	{ "isolation_hyp_and_stage2_tables", test_hyp_tables },
	{ "isolation_gic", test_gic },
	{ "isolation_beyond_ram", test_beyond_ram },
	{ "isolation_exec_device", test_exec_device },
	{ "isolation_hostile_hypercalls", test_hostile_hypercalls },
	{ "isolation_forged_records", test_forged_records },
	{ "isolation_mmio_access_size", test_mmio_access_size },
};

int main(void)
{
	void *state;
	void *const states[] = { (void *)&a15, (void *)&a53, (void *)&a72 };
	const char *const names[] = { a15.target, a53.target, a72.target };

	for (size_t i = 0; i < N(states); i++) {
		state = states[i];
		if (setup(&state)) {
			fprintf(stderr, "test_isolation: %s: no target file or hyp_layout.h\n",
				names[i]);
			return 1;
		}
	}
	return qemu_run_checks("isolation", checks, N(checks), states, names, N(names));
}
