/* vbench compare, analyze and show end to end, on synthetic run folders. */
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "helpers.h"
#include "base/util.h"

static struct vbt_cli cli;
static char *out, *err;
static int status;

/* Runs "vbench <args>" (helpers.c): its status, stdout and stderr into the globals. */
static void vb(const char *tmp, const char *args)
{
	vbt_cli_run(&cli, tmp, args);
	status = cli.status, out = cli.out, err = cli.err;
}

/* base/ and new/: a 10% shift, +-2% noise, a row that disappears. */
static void mkside(const char *dir, double shift, unsigned seed, int with_missing)
{
	uint64_t v[1000];
	struct vbt_run r;

	mkdir(dir, 0777);
	vbt_run_begin(&r, dir, "run", "qemu-a72", "virt", "lean", NULL);
	vbt_noise(v, 1000, 1000 * shift, 2, seed);
	vbt_run_row(&r, "shifted", "s1-4k_s2-4k", NULL, v, 1000);
	vbt_noise(v, 1000, 500, 2, seed + 1);
	vbt_run_row(&r, "steady", "s1-4k_s2-4k", NULL, v, 1000);
	if (with_missing)
		vbt_run_row(&r, "gone", "s1-4k_s2-4k", NULL, v, 1000);
	vbt_run_end(&r);
}

static void test_compare_cli(void **state)
{
	char *t = vbt_tmpdir(), *a, *csv;

	(void)state;
	a = vb_xasprintf("%s/base", t), mkside(a, 1.0, 1, 1), free(a);
	a = vb_xasprintf("%s/new", t), mkside(a, 1.1, 7, 0), free(a);
	a = vb_xasprintf("%s/same", t), mkside(a, 1.0, 9, 1), free(a);
	a = vb_xasprintf("compare %s/base %s/new", t, t);
	vb(t, a), free(a);
	assert_int_equal(status, 1);
	vbt_contains(out, "shifted");
	vbt_contains(out, "regression");
	vbt_contains(out, "only in BASE");
	vbt_contains(out, "1 regressions");
	/* +-2% noise on every row: no regression at the default 5% */
	a = vb_xasprintf("compare %s/base %s/same", t, t);
	vb(t, a), free(a);
	assert_int_equal(status, 0);
	vbt_contains(out, "0 regressions, 0 improvements");
	/* a 15% threshold lets the 10% shift pass */
	a = vb_xasprintf("compare --threshold 15 --csv %s/c.csv %s/base %s/new", t, t, t);
	vb(t, a), free(a);
	assert_int_equal(status, 0);
	csv = vb_xasprintf("%s/c.csv", t), a = vbt_read(csv);
	vbt_contains(a, "\"verdict\"");
	vbt_contains(a, "only in BASE");
	free(a), free(csv);
	vbt_rmdir(t);
}

static void test_compare_refuses_other_target(void **state)
{
	char *t = vbt_tmpdir(), *a;
	uint64_t v[10] = { 5, 5, 5, 5, 5, 5, 5, 5, 5, 5 };
	struct vbt_run r;

	(void)state;
	vbt_run_begin(&r, t, "a15", "qemu-a15", "virt", "lean", NULL);
	vbt_run_row(&r, "hvc_null", "s1-4k_s2-4k", NULL, v, 10);
	vbt_run_end(&r);
	vbt_run_begin(&r, t, "a72", "qemu-a72", "virt", "lean", NULL);
	vbt_run_row(&r, "hvc_null", "s1-4k_s2-4k", NULL, v, 10);
	vbt_run_end(&r);
	a = vb_xasprintf("compare %s/a15 %s/a72", t, t);
	vb(t, a), free(a);
	assert_int_equal(status, 2);
	vbt_contains(err, "refusing to compare different targets or modes");
	a = vb_xasprintf("compare --allow-different %s/a15 %s/a72", t, t);
	vb(t, a), free(a);
	assert_int_equal(status, 0);
	vbt_contains(out, "no change");
	vb(t, "compare --help");
	assert_int_equal(status, 0);
	vb(t, "compare /nonexistent /nonexistent");
	assert_int_equal(status, 2);
	vbt_contains(err, "/nonexistent");
	vbt_rmdir(t);
}

/* The value of column `col` in the CSV line that contains `key` (quoted cells). */
static char *csv_cell(const char *csv, const char *key, const char *col)
{
	const char *line = strstr(csv, key), *head = csv, *p;
	int idx = 0, i = 0;
	char want[64], *out;

	if (!line)
		fail_msg("no line with %s", key);
	while (line > csv && line[-1] != '\n')
		line--;
	snprintf(want, sizeof(want), "\"%s\"", col);
	p = strstr(head, want);
	if (!p || p > strchr(head, '\n'))
		fail_msg("no column %s", col);
	for (const char *q = head; q < p; q++)
		idx += *q == ',';
	for (p = line; i < idx; p++)
		i += *p == ',';
	out = vb_xstrndup(p + 1, strcspn(p + 1, "\""));
	return out;
}

/* analysis.csv's corrected column is median - overhead, in the file itself. */
static void test_analyze_corrected_column(void **state)
{
	char *t = vbt_tmpdir(), *a, *c;
	uint64_t o[10] = { 3, 3, 3, 3, 3, 3, 3, 3, 3, 3 }, v[10];
	struct vbt_run r;

	(void)state;
	for (int i = 0; i < 10; i++)
		v[i] = 513;
	vbt_run_begin(&r, t, "run", "qemu-a72", "virt", "full", NULL);
	vbt_run_row(&r, "counter_overhead", "s1-4k_s2-4k", NULL, o, 10);
	vbt_run_row(&r, "hvc_null", "s1-4k_s2-4k", NULL, v, 10);
	vbt_run_row(&r, "virq_timer", "s1-4k_s2-4k", NULL, v, 10);
	vbt_run_end(&r);
	/* virq_timer counts ticks: the cycle counter's overhead is not its to subtract */
	a = vb_xasprintf("sed -i 's/\"virq_timer\",\"s1-4k_s2-4k\",\"full\",\"cycles\"/"
			 "\"virq_timer\",\"s1-4k_s2-4k\",\"full\",\"ticks\"/' %s/run/summary.csv",
			 t);
	assert_int_equal(system(a), 0);
	free(a);
	a = vb_xasprintf("analyze %s/run", t);
	vb(t, a), free(a);
	assert_int_equal(status, 0);
	c = csv_cell(out, "\"hvc_null\"", "overhead");
	assert_string_equal(c, "3");
	free(c);
	c = csv_cell(out, "\"hvc_null\"", "corrected");
	assert_string_equal(c, "510");
	free(c);
	c = csv_cell(out, "\"virq_timer\"", "corrected");
	assert_string_equal(c, "");
	free(c);
	c = csv_cell(out, "\"virq_timer\"", "overhead");
	assert_string_equal(c, "");
	free(c);
	c = csv_cell(out, "\"counter_overhead\"", "corrected");
	assert_string_equal(c, ""); /* never its own overhead subtracted */
	free(c);
	vbt_rmdir(t);
}

/* compare cannot pass without comparing. */
static void test_compare_must_compare(void **state)
{
	char *t = vbt_tmpdir(), *a;

	(void)state;
	vbt_run_small(t, "base", "icount", "sysreg_trap", NULL);
	vbt_run_small(t, "lost", "icount", "sysreg_trap", "unsupported");
	vbt_run_small(t, "host", "host", "sysreg_trap", NULL);
	vbt_run_small(t, "other", "icount", "hvc_null", NULL);
	/* ok -> unsupported: the same row, not measured, and the gate fails */
	a = vb_xasprintf("compare %s/base %s/lost", t, t);
	vb(t, a), free(a);
	assert_int_equal(status, 1);
	vbt_contains(out, "not measured");
	vbt_contains(out, "status ok -> unsupported");
	vbt_contains(out, "1 no longer measured");
	vbt_contains(out, "0 only in BASE, 0 only in NEW");
	/* the table says which variant and in what unit */
	vbt_contains(out, "variant");
	vbt_contains(out, "16384");
	vbt_contains(out, "cycles");
	/* different clocks: refused with the reason */
	a = vb_xasprintf("compare %s/base %s/host", t, t);
	vb(t, a), free(a);
	assert_int_equal(status, 2);
	vbt_contains(err, "clock host");
	vbt_contains(err, "cannot be compared");
	/* no row in common (the chase is; drop it by comparing two others) */
	vbt_run_small(t, "b2", "icount", "sysreg_trap", NULL);
	vbt_run_small(t, "n2", "icount", "hvc_null", NULL);
	{
		char *p = vb_xasprintf("%s/b2/summary.csv", t), *s = vbt_read(p), *x;

		x = strstr(s, "\n\"b2\",\"qemu-a72\",\"armv8\",\"virt\",\"tlb_miss_chase\"");
		assert_non_null(x);
		x[1] = '\0';
		vbt_write(p, s);
		free(s), free(p);
	}
	a = vb_xasprintf("compare %s/b2 %s/n2", t, t);
	vb(t, a), free(a);
	assert_int_equal(status, 2);
	vbt_contains(err, "no row in common");
	/* an option after the folders says so */
	a = vb_xasprintf("compare %s/base %s/other --threshold 3", t, t);
	vb(t, a), free(a);
	assert_int_equal(status, 2);
	vbt_contains(err, "--threshold after the folders");
	/* usage text prints percent signs, not printf escapes */
	vb(t, "compare --help");
	assert_null(strstr(out, "%%"));
	vbt_contains(out, "in % of BASE");
	vb(t, "analyze --help");
	assert_null(strstr(out, "%%"));
	vbt_contains(out, "P% of the");
	/* cannot create the CSV: a failure (1), not bad usage */
	a = vb_xasprintf("compare --csv /proc/nope/c.csv %s/base %s/base", t, t);
	vb(t, a), free(a);
	assert_int_equal(status, 1);
	vbt_rmdir(t);
}

/* What other commands take, show takes; names that do not exist list those that do. */
static void test_show_folder_and_names(void **state)
{
	char *t = vbt_tmpdir(), *a;

	(void)state;
	vbt_run_small(t, "one", "icount", "sysreg_trap", NULL);
	vbt_run_small(t, "two", "icount", "hvc_null", NULL);
	a = vb_xasprintf("show %s", t);
	vb(t, a), free(a);
	assert_int_equal(status, 0);
	vbt_contains(out, "sysreg_trap");
	vbt_contains(out, "hvc_null");
	a = vb_xasprintf("show %s/one/..", t);
	vb(t, a), free(a);
	assert_int_equal(status, 0);
	vb(t, "show /proc/self/fdinfo");
	assert_int_equal(status, 2);
	vbt_contains(err, "no summary.csv");
	vb(t, "run --suite nosuchsuite --target qemu-a72");
	assert_int_equal(status, 2);
	vbt_contains(err, "suites: default, pagesize, walkcache");
	vb(t, "run --target nosuchtarget");
	assert_int_equal(status, 2);
	vbt_contains(
		err,
		"targets: orangepi-pc, qemu-a15-uboot, qemu-a15, qemu-a53, qemu-a72-uboot, qemu-a72, qemu-max, rpi4, vexpress-a15, zcu102");
	/* cannot create the output: 1, as everywhere; a folder not its own: 2 */
	a = vb_xasprintf("plot --out /proc/nope/plots %s", t);
	vb(t, a), free(a);
	assert_int_equal(status, 1);
	a = vb_xasprintf("report --out %s/one %s", t, t);
	vb(t, a), free(a);
	assert_int_equal(status, 2);
	vbt_rmdir(t);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_compare_cli),
		cmocka_unit_test(test_compare_refuses_other_target),
		cmocka_unit_test(test_analyze_corrected_column),
		cmocka_unit_test(test_compare_must_compare),
		cmocka_unit_test(test_show_folder_and_names),
	};

	vbt_vbench(); /* fails at once if vbench is not built */
	return cmocka_run_group_tests(tests, NULL, NULL);
}
