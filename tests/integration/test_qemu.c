/*
 * Every default target boots under QEMU and report what issue #2 promises.
 * Runs are deterministic (-icount shift=0): cycles are instructions, so the
 * comparisons below are exact, and a change of path length shows.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include <stdio.h>
#include <string.h>
#include <sys/stat.h>

#include "qemu_run.h"

/*
 * The longest null-hypercall round trip we accept, in instructions beyond
 * the counter's own fences (hvc_null - counter_overhead). It is what the
 * README reports: the guest's call (argument moves, HVC) and hyp-min's
 * short path. A longer path is a regression of the measured trap path.
 */
struct target_case {
	const char *target;
	long hvc_path_max;
};

static const struct target_case a15 = { "qemu-a15", 11 };
static const struct target_case a53 = { "qemu-a53", 10 };
static const struct target_case a72 = { "qemu-a72", 10 };

static void run_ok(struct qemu_run *r, const char *target, const char *mode,
		   const char *const *extra, struct vb_csv_table *t)
{
	assert_int_equal(qemu_run(r, target, mode, extra), 0);
	if (r->status != 0)
		fail_msg("vbench run %s %s exited %d: %s", target, mode, r->status, r->err);
	assert_int_equal(qemu_summary(r, t), 0);
}

static void assert_cell(const struct vb_csv_table *t, size_t row, const char *col, const char *want)
{
	const char *got = vb_csv_cell(t, row, col);

	assert_non_null(got);
	assert_string_equal(got, want);
}

static void test_virt_rows(void **state)
{
	const struct target_case *c = *state;
	struct qemu_run r;
	struct vb_csv_table t;

	run_ok(&r, c->target, "virt", NULL, &t);
	size_t co = qemu_row(&t, "counter_overhead"), hvc = qemu_row(&t, "hvc_null");
	assert_true(co && hvc);
	assert_cell(&t, co, "status", "ok");
	assert_cell(&t, hvc, "status", "ok");
	assert_cell(&t, hvc, "mode", "virt");
	assert_cell(&t, hvc, "emulated", "yes");
	assert_cell(&t, hvc, "clock", "icount");
	assert_cell(&t, hvc, "unit", "cycles");
	long floor = qemu_cell_long(&t, co, "median"), trap = qemu_cell_long(&t, hvc, "median");
	assert_true(floor > 0);
	assert_true(trap > floor); /* a hypercall costs more than reading the counter */
	assert_true(trap - floor <= c->hvc_path_max);
	assert_true(qemu_cell_long(&t, hvc, "n") > 0);
	vb_csv_free(&t);
}

static void test_native_rows(void **state)
{
	const struct target_case *c = *state;
	struct qemu_run r;
	struct vb_csv_table t;

	run_ok(&r, c->target, "native", NULL, &t);
	size_t co = qemu_row(&t, "counter_overhead"), hvc = qemu_row(&t, "hvc_null");
	assert_true(co && hvc);
	assert_cell(&t, co, "status", "ok");
	assert_cell(&t, co, "mode", "native");
	assert_true(qemu_cell_long(&t, co, "median") > 0);
	/* no hypervisor: "not applicable", never a 0 */
	assert_cell(&t, hvc, "status", "na");
	assert_cell(&t, hvc, "median", "");
	vb_csv_free(&t);
}

/* Every column but the run id must agree between two deterministic runs. */
static void test_deterministic_repeat(void **state)
{
	const struct target_case *c = *state;
	struct qemu_run r1, r2;
	struct vb_csv_table t1, t2;

	run_ok(&r1, c->target, "virt", NULL, &t1);
	run_ok(&r2, c->target, "virt", NULL, &t2);
	assert_int_equal(t1.nrows, t2.nrows);
	assert_true(t1.nrows >= 3);
	for (size_t row = 1; row < t1.nrows; row++) {
		assert_int_equal(t1.rows[row].n, t2.rows[row].n);
		for (size_t i = 0; i < t1.rows[row].n; i++) {
			if (strcmp(t1.rows[0].f[i], "run_id") == 0)
				continue;
			assert_string_equal(t1.rows[row].f[i], t2.rows[row].f[i]);
		}
	}
	vb_csv_free(&t1);
	vb_csv_free(&t2);
}

/* A guest read of hyp-min's memory: a stage-2 fault record and a failed run, not a hang. */
static void test_stage2_isolation(void **state)
{
	const struct target_case *c = *state;
	const char *const extra[] = { "--only", "probe_hyp_memory", NULL };
	struct qemu_run r;
	struct stat st;
	char path[600];

	assert_int_equal(qemu_run(&r, c->target, "virt", extra), 0);
	assert_int_not_equal(r.status, 0);
	if (!strstr(r.err, "s2_dabt"))
		fail_msg("no stage-2 data abort reported: %s", r.err);
	assert_non_null(strstr(r.err, "0x40000000")); /* the address it touched */
	snprintf(path, sizeof(path), "%s/summary.csv", r.dir);
	assert_int_not_equal(stat(path, &st), 0); /* nothing half-written in its place */
	snprintf(path, sizeof(path), "%s.failed/console.log", r.dir);
	assert_int_equal(stat(path, &st), 0); /* the evidence is kept */
}

/* With --samples, the raw samples agree with the guest's own summary. */
static void test_raw_samples(void **state)
{
	const struct target_case *c = *state;
	const char *const extra[] = { "--samples", NULL };
	struct qemu_run r;
	struct vb_csv_table t, s;
	struct vb_error e;
	char path[600];

	run_ok(&r, c->target, "virt", extra, &t);
	snprintf(path, sizeof(path), "%s/samples.csv", r.dir);
	memset(&s, 0, sizeof(s));
	assert_int_equal(vb_csv_read(path, &s, &e), 0);
	size_t hvc = qemu_row(&t, "hvc_null");
	long n = qemu_cell_long(&t, hvc, "n"), count = 0, min = -1;
	/* samples.csv names its summary row by number */
	for (size_t row = 1; row < s.nrows; row++) {
		if (qemu_cell_long(&s, row, "row") == (long)hvc) {
			long v = qemu_cell_long(&s, row, "value");
			count++;
			if (min < 0 || v < min)
				min = v;
		}
	}
	assert_int_equal(count, n);
	assert_int_equal(min, qemu_cell_long(&t, hvc, "min"));
	vb_csv_free(&t);
	vb_csv_free(&s);
}

static const struct qemu_check checks[] = {
	{ "virt_rows", test_virt_rows },
	{ "native_rows", test_native_rows },
	{ "deterministic_repeat", test_deterministic_repeat },
	{ "stage2_isolation", test_stage2_isolation },
	{ "raw_samples", test_raw_samples },
};

int main(void)
{
	void *const states[] = { (void *)&a15, (void *)&a53, (void *)&a72 };
	const char *const names[] = { a15.target, a53.target, a72.target };

	return qemu_run_checks("qemu", checks, sizeof(checks) / sizeof(checks[0]), states, names,
			       sizeof(names) / sizeof(names[0]));
}
