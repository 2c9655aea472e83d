/*
 * Issue #3's trap rows on every default target: present in virt mode with
 * both policies and natively where they mean something, and related the way
 * the hardware says they must be. Deterministic runs: cycles are
 * instructions, so every comparison is exact.
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

/* Rows that trap to hyp-min in virt mode; natively they are "na" or an untrapped access. */
static const char *const trap_rows[] = { "hvc_null",	"sysreg_trap", "mmio_read", "mmio_write",
					 "s2perm_none", "s2perm_ro",   "s2perm_wo" };
static const char *const native_ok_rows[] = { "counter_overhead", "sysreg_trap", "s2perm_rw" };
static const char *const native_na_rows[] = { "hvc_null",  "mmio_read", "mmio_write", "s2perm_none",
					      "s2perm_ro", "s2perm_wo", "s2perm_tlbi" };
#define N(a) (sizeof(a) / sizeof((a)[0]))

struct runs {
	const char *target;
	struct vb_csv_table lean, full, native;
};

static void run_into(const char *target, const char *mode, const char *policy,
		     struct vb_csv_table *t)
{
	const char *const extra[] = { "--policy", policy, "--n", "50", NULL };
	const char *const native[] = { "--n", "50", NULL };
	struct qemu_run r;

	assert_int_equal(qemu_run(&r, target, mode, policy ? extra : native), 0);
	if (r.status != 0)
		fail_msg("%s %s %s: %s", target, mode, policy ? policy : "", r.err);
	assert_int_equal(qemu_summary(&r, t), 0);
}

/* The target whose group runs now: cmocka hands group set-up no state of its own. */
static struct runs *current;

static int setup(void **state)
{
	struct runs *s = current;

	*state = s;
	run_into(s->target, "virt", "lean", &s->lean);
	run_into(s->target, "virt", "full", &s->full);
	run_into(s->target, "native", NULL, &s->native);
	return 0;
}

static int teardown(void **state)
{
	struct runs *s = current;

	(void)state;
	vb_csv_free(&s->lean);
	vb_csv_free(&s->full);
	vb_csv_free(&s->native);
	return 0;
}

static const char *status(const struct vb_csv_table *t, const char *bench)
{
	size_t row = qemu_row(t, bench);

	if (!row)
		fail_msg("no %s row", bench);
	return vb_csv_cell(t, row, "status");
}

static long median(const struct vb_csv_table *t, const char *bench)
{
	return qemu_cell_long(t, qemu_row(t, bench), "median");
}

/* Every trap row in both policies: measured, or unsupported with a reason, never missing. */
static void test_rows_present(void **state)
{
	struct runs *s = *state;

	for (size_t i = 0; i < N(trap_rows); i++) {
		for (const struct vb_csv_table *t = &s->lean; t;
		     t = t == &s->lean ? &s->full : NULL) {
			const char *st = status(t, trap_rows[i]);

			if (strcmp(st, "ok") && strcmp(st, "unsupported"))
				fail_msg("%s: status %s", trap_rows[i], st);
			assert_string_equal(vb_csv_cell(t, qemu_row(t, trap_rows[i]), "policy"),
					    t == &s->lean ? "lean" : "full");
		}
	}
	for (size_t i = 0; i < N(native_ok_rows); i++)
		assert_string_equal(status(&s->native, native_ok_rows[i]), "ok");
	for (size_t i = 0; i < N(native_na_rows); i++)
		assert_string_equal(status(&s->native, native_na_rows[i]), "na");
}

/* Saving the whole EL1 context on every exit costs more than saving what the handler uses. */
static void test_full_costs_more(void **state)
{
	struct runs *s = *state;

	for (size_t i = 0; i < N(trap_rows); i++) {
		if (strcmp(status(&s->lean, trap_rows[i]), "ok"))
			continue; /* unsupported on this platform: nothing to compare */
		if (median(&s->full, trap_rows[i]) <= median(&s->lean, trap_rows[i]))
			fail_msg("%s: full %ld <= lean %ld", trap_rows[i],
				 median(&s->full, trap_rows[i]), median(&s->lean, trap_rows[i]));
	}
}

/* A trap costs more than the access it replaces; a page that never faults costs the same. */
static void test_trap_relations(void **state)
{
	struct runs *s = *state;
	long null_call = median(&s->lean, "hvc_null");

	if (!strcmp(status(&s->lean, "sysreg_trap"), "ok"))
		assert_true(median(&s->lean, "sysreg_trap") > median(&s->native, "sysreg_trap"));
	assert_true(median(&s->lean, "mmio_read") > null_call);
	assert_true(median(&s->lean, "mmio_write") > null_call);
	/* a fault, a descriptor update and a TLB invalidation: more than a null call */
	assert_true(median(&s->lean, "s2perm_none") > null_call);
	assert_true(median(&s->lean, "s2perm_ro") > null_call);
	assert_true(median(&s->lean, "s2perm_wo") > null_call);
	assert_int_equal(median(&s->lean, "s2perm_rw"), median(&s->native, "s2perm_rw"));
	assert_true(median(&s->lean, "s2perm_tlbi") > 0);
	assert_true(median(&s->lean, "s2perm_tlbi") < median(&s->lean, "s2perm_ro"));
}

/*
 * PMU events: a count or "unsupported", never a made-up 0. Under icount both
 * the cycle counter and INST_RETIRED count instructions, so the extra
 * instructions of a null hypercall over the counter floor must agree exactly.
 */
static void test_events_agree_with_cycles(void **state)
{
	struct runs *s = *state;
	const struct vb_csv_table *t = &s->lean;
	size_t co = qemu_row(t, "counter_overhead"), hvc = qemu_row(t, "hvc_null");
	const char *ev = vb_csv_cell(t, hvc, "inst_retired");
	const char *exc = vb_csv_cell(t, hvc, "exc_taken");

	assert_non_null(ev);
	assert_non_null(exc);
	if (strcmp(exc, "unsupported"))
		assert_true(qemu_cell_long(t, hvc, "exc_taken") >= 1); /* the HVC itself */
	if (!strcmp(ev, "unsupported")) {
		printf("# %s: inst_retired unsupported\n", s->target);
		skip();
	}
	assert_int_equal(qemu_cell_long(t, hvc, "inst_retired") -
				 qemu_cell_long(t, co, "inst_retired"),
			 median(t, "hvc_null") - median(t, "counter_overhead"));
}

/*
 * Stage 1 Normal + stage 2 Device is Device: an unaligned load must take an
 * alignment fault. Where the emulator does not model that, say so: a skip
 * with the reason, not a pass.
 */
static void test_s2_device_wins(void **state)
{
	struct runs *s = *state;
	const char *const extra[] = { "--only", "probe_s2_device", NULL };
	struct qemu_run r;

	assert_int_equal(qemu_run(&r, s->target, "virt", extra), 0);
	if (r.status == 0) {
		printf("# %s: an unaligned load from a page that stage 2 makes Device completed: "
		       "QEMU 7.2 does not model the alignment fault; not checked here\n",
		       s->target);
		skip();
	}
	/* DFSC 0x21: alignment fault, reported by whichever stage took it */
	if (!strstr(r.err, "esr=") || !(strstr(r.err, "21 ") || strstr(r.err, "21\n")))
		fail_msg("the run failed, but not with an alignment fault: %s", r.err);
}

static struct runs a15 = { .target = "qemu-a15" }, a53 = { .target = "qemu-a53" },
		   a72 = { .target = "qemu-a72" };

/*
 * The icount caveat of docs/results.md, pinned: under QEMU 7.2's -icount an
 * exception a helper raises (a trapped MRS: access_check_cp_reg) counts the
 * rest of its translation block, while a stage-2 data abort (mmio_*,
 * s2perm_*) restores the exact count. With -singlestep (one instruction per
 * block) nothing is over-counted: sysreg_trap is then 1 lower (the ISB that
 * ends the MRS's block), every other trap row the same. If QEMU changes this,
 * the test fails and the documentation must change with it.
 */
static void test_icount_trap_overcount(void **state)
{
	static const char *const rows[] = { "sysreg_trap", "mmio_read", "mmio_write", "s2perm_ro" };
	const char *const only = "sysreg_trap,mmio_read,mmio_write,s2perm_ro";
	char root[] = "/tmp/vbench-ss-XXXXXX", path[600], line[512], cmd[800];
	struct vb_csv_table t[2];
	FILE *in, *out;

	(void)state;
	assert_non_null(mkdtemp(root));
	snprintf(path, sizeof(path), "%s/bench/targets", root);
	snprintf(cmd, sizeof(cmd), "mkdir -p '%s'", path);
	assert_int_equal(system(cmd), 0);
	in = fopen(VB_SRC_ROOT "/bench/targets/qemu-a72.conf", "r");
	snprintf(path, sizeof(path), "%s/bench/targets/qemu-a72.conf", root);
	out = fopen(path, "w");
	assert_non_null(in);
	assert_non_null(out);
	while (fgets(line, sizeof(line), in)) {
		if (!strncmp(line, "qemu ", 5))
			line[strcspn(line, "\n")] = '\0', strcat(line, " -singlestep\n");
		fputs(line, out);
	}
	fclose(in);
	fclose(out);
	for (int ss = 0; ss < 2; ss++) {
		const char *const extra[] = { "--only", only, "--n", "5", ss ? "--root" : NULL,
					      root,	NULL };
		struct qemu_run r;

		assert_int_equal(qemu_run(&r, "qemu-a72", "virt", extra), 0);
		if (r.status != 0)
			fail_msg("%s: %s", ss ? "singlestep" : "normal", r.err);
		assert_int_equal(qemu_summary(&r, &t[ss]), 0);
	}
	for (size_t i = 0; i < N(rows); i++) {
		long normal = qemu_cell_long(&t[0], qemu_row(&t[0], rows[i]), "median");
		long single = qemu_cell_long(&t[1], qemu_row(&t[1], rows[i]), "median");

		if (normal - single != (i == 0 ? 1 : 0))
			fail_msg("%s: %ld with -icount blocks, %ld one instruction per block",
				 rows[i], normal, single);
	}
	vb_csv_free(&t[0]);
	vb_csv_free(&t[1]);
	snprintf(cmd, sizeof(cmd), "rm -rf '%s'", root);
	assert_int_equal(system(cmd), 0);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_rows_present),
		cmocka_unit_test(test_full_costs_more),
		cmocka_unit_test(test_trap_relations),
		cmocka_unit_test(test_s2_device_wins),
		cmocka_unit_test(test_events_agree_with_cycles),
	};
	struct runs *targets[] = { &a15, &a53, &a72 };
	int failed = 0;

	for (size_t i = 0; i < N(targets); i++) {
		struct CMUnitTest named[N(tests)];
		char names[N(tests)][80];

		for (size_t j = 0; j < N(tests); j++) {
			snprintf(names[j], sizeof(names[j]), "%s(%s)", tests[j].name,
				 targets[i]->target);
			named[j] = tests[j];
			named[j].name = names[j];
		}
		current = targets[i];
		failed += _cmocka_run_group_tests(targets[i]->target, named, N(named), setup,
						  teardown);
	}
	{
		const struct CMUnitTest caveat[] = { cmocka_unit_test(test_icount_trap_overcount) };

		failed += _cmocka_run_group_tests("icount", caveat, N(caveat), NULL, NULL);
	}
	return failed;
}
