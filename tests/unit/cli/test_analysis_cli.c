/* vbench compare, plot and report end to end, on synthetic run folders. */
#include <libgen.h>
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <unistd.h>

#include "helpers.h"
#include "base/util.h"

static char vbench[PATH_MAX + 16], build[PATH_MAX];
static char *out, *err;
static int status;

static void find_vbench(void)
{
	char exe[PATH_MAX];
	ssize_t n = readlink("/proc/self/exe", exe, sizeof(exe) - 1);

	assert_true(n > 0);
	exe[n] = '\0';
	snprintf(build, sizeof(build), "%s", dirname(dirname(dirname(dirname(exe)))));
	snprintf(vbench, sizeof(vbench), "%s/bin/vbench", build);
	if (access(vbench, X_OK))
		fail_msg("no %s: build it first (make harness)", vbench);
}

/* Runs "vbench <args>" with the source root's templates; keeps status, stdout, stderr. */
static void vb(const char *tmp, const char *args)
{
	char *o = vb_xasprintf("%s/stdout", tmp), *e = vb_xasprintf("%s/stderr", tmp);
	char *cmd = vb_xasprintf("VBENCH_ROOT='%s' %s %s >%s 2>%s </dev/null", VB_SRC_ROOT, vbench,
				 args, o, e);
	int st = system(cmd);

	status = WIFEXITED(st) ? WEXITSTATUS(st) : -1;
	free(out), free(err);
	out = vbt_read(o);
	err = vbt_read(e);
	free(cmd), free(o), free(e);
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
	char *t = vbt_tmpdir(), *a;

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
	free(out), out = vb_xasprintf("%s/c.csv", t), a = vbt_read(out);
	vbt_contains(a, "\"verdict\"");
	vbt_contains(a, "only in BASE");
	free(a);
	free(out), out = NULL;
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

/* One side of a compare: hvc_null ok or `status`, in `clock`. */
static void mkcmp(const char *dir, const char *id, const char *clock, const char *bench,
		  const char *status)
{
	uint64_t v[10] = { 13, 13, 13, 13, 13, 13, 13, 13, 13, 13 };
	struct vbt_run r;

	vbt_run_begin(&r, dir, id, "qemu-a72", "virt", "lean", "variant");
	vbt_run_clock(&r, clock);
	if (status)
		vbt_run_status(&r, bench, "s1-4k_s2-4k", "variant=", status);
	else
		vbt_run_row(&r, bench, "s1-4k_s2-4k", "variant=", v, 10);
	vbt_run_row(&r, "tlb_miss_chase", "s1-4k_s2-4k", "variant=16384", v, 10);
	vbt_run_end(&r);
}

/* compare cannot pass without comparing. */
static void test_compare_must_compare(void **state)
{
	char *t = vbt_tmpdir(), *a;

	(void)state;
	mkcmp(t, "base", "icount", "sysreg_trap", NULL);
	mkcmp(t, "lost", "icount", "sysreg_trap", "unsupported");
	mkcmp(t, "host", "host", "sysreg_trap", NULL);
	mkcmp(t, "other", "icount", "hvc_null", NULL);
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
	mkcmp(t, "b2", "icount", "sysreg_trap", NULL);
	mkcmp(t, "n2", "icount", "hvc_null", NULL);
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
	mkcmp(t, "one", "icount", "sysreg_trap", NULL);
	mkcmp(t, "two", "icount", "hvc_null", NULL);
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
		"targets: orangepi-pc, qemu-a15, qemu-a53, qemu-a72, qemu-max, rpi4, vexpress-a15, zcu102");
	/* cannot create the output: 1, as everywhere; a folder not its own: 2 */
	a = vb_xasprintf("plot --out /proc/nope/plots %s", t);
	vb(t, a), free(a);
	assert_int_equal(status, 1);
	a = vb_xasprintf("report --out %s/one %s", t, t);
	vb(t, a), free(a);
	assert_int_equal(status, 2);
	vbt_rmdir(t);
}

/* native, virt lean and virt full; TLB rows over footprints and page sizes. */
static void mkruns(const char *dir)
{
	static const char *const cfg[] = { "s1-4k_s2-4k", "s1-4k_s2-64k", "s1-64k_s2-4k",
					   "s1-64k_s2-64k" };
	static const char *const fp[] = { "4k", "64k", "1M" };
	uint64_t v[100], o[100];
	struct vbt_run r;

	vbt_noise(o, 100, 3, 0, 1);
	for (int w = 0; w < 3; w++) {
		vbt_run_begin(&r, dir,
			      w == 0 ? "n" :
			      w == 1 ? "vl" :
				       "vf",
			      "qemu-a72", w ? "virt" : "native",
			      w == 0 ? "none" :
			      w == 1 ? "lean" :
				       "full",
			      "footprint");
		for (int c = 0; c < 4; c++) {
			char config[32];

			snprintf(config, sizeof(config), "%s", cfg[c]);
			if (!w)
				config[strcspn(config, "_")] = '\0';
			if (!w && c % 2)
				continue; /* native has no stage 2 */
			vbt_run_row(&r, "counter_overhead", config, "footprint=", o, 100);
			for (int f = 0; f < 3; f++) {
				char extra[32];

				snprintf(extra, sizeof(extra), "footprint=%s", fp[f]);
				vbt_noise(v, 100, (10 + 10 * f) * (1 + w * 0.3 + c * 0.1), 5,
					  3 + f);
				vbt_run_row(&r, "tlb_miss_chase", config, extra, v, 100);
			}
		}
		vbt_noise(v, 100, w ? 20 + 600 * (w - 1) : 0, 2, 5);
		if (w)
			vbt_run_row(&r, "hvc_null", "s1-4k_s2-4k", "footprint=", v, 100);
		else
			vbt_run_na(&r, "hvc_null", "s1-4k", "footprint=");
		vbt_noise(v, 100, 50 + w * 100, 2, 6);
		vbt_run_row(&r, "virq", w ? "s1-4k_s2-4k" : "s1-4k", "footprint=", v, 100);
		vbt_run_end(&r);
	}
}

static void file_starts(const char *dir, const char *name, const char *magic, size_t n)
{
	char *p = vb_xasprintf("%s/%s", dir, name), buf[16] = { 0 };
	FILE *f = fopen(p, "rb");

	if (!f)
		fail_msg("no %s", p);
	assert_int_equal(fread(buf, 1, n, f), n);
	fclose(f);
	if (memcmp(buf, magic, n))
		fail_msg("%s does not start with its format's signature", p);
	free(p);
}

static char *file(const char *dir, const char *name)
{
	char *p = vb_xasprintf("%s/%s", dir, name), *s = vbt_read(p);

	if (!s)
		fail_msg("no %s", p);
	free(p);
	return s;
}

static void test_plot(void **state)
{
	char *t = vbt_tmpdir(), *runs = vb_xasprintf("%s/runs", t), *pl = vb_xasprintf("%s/pl", t);
	char *a, *s;

	(void)state;
	mkdir(runs, 0777);
	mkruns(runs);
	a = vb_xasprintf("plot --out %s %s", pl, runs);
	vb(t, a), free(a);
	if (status)
		fail_msg("vbench plot: %s", err);
	/* the data gnuplot read: three worlds, native na for hvc_null (said in its slot) */
	s = file(pl, "traps-qemu-a72.dat"); /* one bar chart per target */
	vbt_contains(s, "\"native\" \"p10\" \"p90\" \"slot\" \"hyp-min lean\" \"p10\" \"p90\" "
			"\"slot\" \"hyp-min full\"");
	vbt_contains(s, "\"hvc_null\" NaN NaN NaN \"na: no hypervisor natively\" 17");
	vbt_contains(s, "\"virq\" 47");
	free(s);
	/* the worlds' styles, the same in every chart: native 1, lean 2, full 3 */
	s = file(pl, "plot.sh");
	vbt_contains(s, "array wstyle[3] = [1,2,3]");
	vbt_contains(s, "array ptitle[4] = ['s1 4k / s2 4k','s1 4k / s2 64k','s1 64k / s2 4k',"
			"'s1 64k / s2 64k']");
	vbt_contains(s, "array lname[3] = ['native','hyp-min lean','hyp-min full']");
	vbt_contains(s, "xmin=4096; xmax=1048576");
	free(s);
	/* small multiples: a panel per configuration, native of its stage 1 in each */
	s = file(pl, "tlb-qemu-a72.dat"); /* one TLB chart per target */
	vbt_contains(s, "\"footprint\" \"hyp-min lean\"\n4096 ");
	vbt_contains(s, "\n65536 ");
	vbt_contains(s, "\n1048576 ");
	{
		int blocks = 0;

		for (char *p = s; (p = strstr(p, "\"footprint\"")); p++)
			blocks++;
		assert_int_equal(blocks, 4 * 3); /* 4 panels: native, lean, full */
	}
	free(s);
	/* the heat map of lean tlb_miss_chase: 2 x 2 page sizes at the largest footprint */
	s = file(pl, "heatmap-qemu-a72-lean-tlb_miss_chase.dat");
	vbt_contains(s, "\"4k\" \"4k\" 1");
	vbt_contains(s, "\"64k\" \"64k\" 1");
	free(s);
	for (int i = 0; i < 3; i++) {
		const char *n[] = { "traps-qemu-a72", "tlb-qemu-a72",
				    "heatmap-qemu-a72-lean-tlb_miss_chase" };
		char *png = vb_xasprintf("%s.png", n[i]), *svg = vb_xasprintf("%s.svg", n[i]);

		file_starts(pl, png, "\x89PNG\r\n\x1a\n", 8);
		s = file(pl, svg);
		vbt_contains(s, "<svg");
		vbt_contains(s, "</svg>");
		if (i == 0) {
			vbt_contains(s, "hyp-min lean"); /* the legend names the series */
			vbt_contains(s, "hyp-min full");
			vbt_contains(s, "clock icount, emulated"); /* and the title the clock */
		}
		free(s), free(png), free(svg);
	}
	s = file(pl, "charts.txt");
	vbt_contains(s, "tlb-qemu-a72\tdrawn");
	free(s);
	/* a folder that is not a plot folder is never replaced */
	a = vb_xasprintf("plot --out %s %s", runs, runs);
	vb(t, a), free(a);
	assert_int_equal(status, 2);
	vbt_contains(err, "not replacing");
	free(runs), free(pl);
	vbt_rmdir(t);
}

/* Charts split what cannot share an axis, and say so, rather than merge it. */
static void test_plot_never_mixes(void **state)
{
	char *t = vbt_tmpdir(), *runs = vb_xasprintf("%s/runs", t), *pl = vb_xasprintf("%s/pl", t);
	uint64_t o[10] = { 3, 3, 3, 3, 3, 3, 3, 3, 3, 3 }, v[10], c[10];
	const char *cols = "variant;footprint";
	struct vbt_run r;
	char *a, *x;

	(void)state;
	mkdir(runs, 0777);
	for (int i = 0; i < 10; i++)
		v[i] = 500, c[i] = 3077;
	/* the default run: icount, with counter_overhead */
	vbt_run_begin(&r, runs, "a-default", "qemu-a72", "virt", "lean", cols);
	vbt_run_row(&r, "counter_overhead", "s1-4k_s2-4k", "variant=;footprint=", o, 10);
	vbt_run_row(&r, "hvc_null", "s1-4k_s2-4k", "variant=;footprint=", v, 10);
	vbt_run_row(&r, "tlb_miss_chase", "s1-4k_s2-4k", "variant=16384;footprint=16384", c, 10);
	vbt_run_row(&r, "tlb_miss_chase", "s1-4k_s2-4k", "variant=1048576;footprint=1048576", c,
		    10);
	vbt_run_row(&r, "walk_full", "s1-4k_s2-4k", "variant=;footprint=", v, 10);
	vbt_run_end(&r);
	/* the same target with the host clock */
	vbt_run_begin(&r, runs, "b-host", "qemu-a72", "virt", "lean", cols);
	vbt_run_clock(&r, "host");
	vbt_run_row(&r, "hvc_null", "s1-4k_s2-4k", "variant=;footprint=", o, 10);
	vbt_run_end(&r);
	/* the suite's run of the same configuration: no counter_overhead */
	vbt_run_begin(&r, runs, "c-suite", "qemu-a72", "virt", "lean", cols);
	vbt_run_row(&r, "tlb_miss_chase", "s1-4k_s2-4k", "variant=16384;footprint=16384", c, 10);
	vbt_run_row(&r, "walk_full", "s1-4k-2m_s2-4k-2m", "variant=;footprint=", c, 10);
	vbt_run_end(&r);
	/* native, with the chase's block-mapped control (its own row, microbench/chase.c) */
	vbt_run_begin(&r, runs, "d-native", "qemu-a72", "native", "none", cols);
	vbt_run_row(&r, "tlb_miss_chase", "s1-4k", "variant=16384;footprint=16384", c, 10);
	vbt_run_row(&r, "tlb_miss_chase_blocks", "s1-4k", "variant=16384;footprint=16384", o, 10);
	vbt_run_row(&r, "walk_full", "s1-4k", "variant=;footprint=", o, 10);
	vbt_run_row(&r, "walk_full", "s1-4k-2m", "variant=;footprint=", o, 10);
	vbt_run_end(&r);
	a = vb_xasprintf("plot --out %s %s", pl, runs);
	vb(t, a), free(a);
	if (status)
		fail_msg("vbench plot: %s", err);
	x = file(pl, "charts.txt");
	vbt_contains(x, "traps-qemu-a72-icount\tdrawn");
	vbt_contains(x, "traps-qemu-a72-host\tdrawn");
	vbt_contains(x, "in charts of their own");
	vbt_contains(x, "raw medians: some runs have no counter_overhead");
	vbt_contains(x, "never merged");
	vbt_contains(x, "(a diagonal)");
	free(x);
	x = file(pl, "tlb-qemu-a72.dat");
	vbt_contains(x, "\"footprint\" \"hyp-min lean\"\n16384 3077 ");
	vbt_contains(x, "\"footprint\" \"hyp-min lean (run 2)\"\n16384 3077 ");
	vbt_contains(x, "\"footprint\" \"native blocks\"\n16384 3 ");
	free(x);
	x = file(pl, "traps-qemu-a72-host.dat");
	vbt_contains(x, "\"hvc_null\" 3 ");
	assert_null(strstr(x, "497")); /* icount's 500 - 3 is in the other chart */
	free(x);
	free(runs), free(pl);
	vbt_rmdir(t);
}

/* history: a host-clock run is never a point of an icount curve; the legend is short. */
static void test_history_split_by_clock(void **state)
{
	char *t = vbt_tmpdir(), *a, *x;

	(void)state;
	mkcmp(t, "icount", "icount", "hvc_null", NULL);
	mkcmp(t, "zhost", "host", "hvc_null", NULL);
	/* the host run's hvc_null is 100 times slower: a "regression" if merged */
	a = vb_xasprintf("sed -i 's/\"13\"/\"1300\"/g' %s/zhost/summary.csv", t);
	assert_int_equal(system(a), 0);
	free(a);
	a = vb_xasprintf("history add --file %s/h.csv %s/icount %s/zhost", t, t, t);
	vb(t, a), free(a);
	assert_int_equal(status, 0);
	a = vb_xasprintf("history plot --file %s/h.csv --bench hvc_null --out %s/hp", t, t);
	vb(t, a), free(a);
	if (status)
		fail_msg("history plot: %s", err);
	vbt_contains(out, "0 regressions");
	x = file(t, "hp/history.dat");
	vbt_contains(x, "\"run\" \"qemu-a72 lean clock icount\"");
	vbt_contains(x, "\"run\" \"qemu-a72 lean clock host\"");
	free(x);
	vbt_rmdir(t);
}

static void test_report_in_chromium(void **state)
{
	char *t = vbt_tmpdir(), *runs = vb_xasprintf("%s/runs", t),
	     *rep = vb_xasprintf("%s/rep", t);
	char *a, *s, *shot = vb_xasprintf("%s/tests/artefacts", build);
	const char *flags = "--headless --no-sandbox --disable-gpu --no-first-run "
			    "--disable-background-networking --disable-component-update "
			    "--disable-sync";

	(void)state;
	mkdir(runs, 0777);
	mkruns(runs);
	a = vb_xasprintf("report --out %s %s", rep, runs);
	vb(t, a), free(a);
	if (status)
		fail_msg("vbench report: %s", err);
	s = file(rep, "index.html");
	vbt_contains(s, "<table id=\"results\">");
	vbt_contains(s, "data:image/svg+xml;base64,");
	/* the first screen is the summary, then the charts, then the tables */
	{
		char *sum = strstr(s, "<section id=\"summary\">"), *fig = strstr(s, "<figure"),
		     *res = strstr(s, "<table id=\"results\">");
		size_t n = 0;

		assert_non_null(sum), assert_non_null(fig), assert_non_null(res);
		assert_true(sum < fig && fig < res);
		vbt_contains(
			sum,
			"qemu-a72 &mdash; emulated: cycles are instructions <span class=\"ctx\">(clock icount");
		vbt_contains(sum, "<th>native</th><th>hyp-min lean</th><th>hyp-min full</th>");
		vbt_contains(sum, "<tr><td>hvc_null</td><td class=\"num none\">na</td>"
				  "<td class=\"num\">17</td>");
		vbt_contains(sum, "all (native na)");
		/* said once per run and per summary table, not on every row */
		for (char *p = s; (p = strstr(p, "cycles are instructions")); p++)
			n++;
		assert_true(n >= 1 && n <= 3 + 1);
	}
	vbt_contains(s, "<details><summary>command</summary>");
	vbt_contains(s, "<th>variant</th><th>config</th><th>status</th><th>median</th><th>"
			"overhead</th><th>corrected</th><th>unit</th>");
	/* a virt value shows where native is na */
	vbt_contains(s, "<td>hvc_null</td><td></td><td>s1-4k_s2-4k</td><td>17</td><td>na</td>");
	assert_null(strstr(s, "http://"));
	assert_null(strstr(s, "https://"));
	free(s);
	if (system("command -v chromium >/dev/null 2>&1"))
		fail_msg("chromium is not installed (scripts/install-deps.sh installs it)");
	mkdir(shot, 0777);
	a = vb_xasprintf("cd %s && timeout 120 chromium %s --user-data-dir=%s/prof1 "
			 "--virtual-time-budget=5000 --dump-dom file://%s/index.html >%s/dom.html "
			 "2>%s/chromium.log && timeout 120 chromium %s --user-data-dir=%s/prof2 "
			 "--window-size=1200,3000 --screenshot=%s/report.png file://%s/index.html "
			 ">>%s/chromium.log 2>&1",
			 t, flags, t, rep, t, t, flags, t, shot, rep, t);
	if (system(a))
		fail_msg("chromium failed: %s", file(t, "chromium.log"));
	free(a);
	s = file(t, "dom.html");
	/* 1 bar chart + 1 TLB chart + 6 heat maps (3 benches x lean/full with page sizes) */
	vbt_contains(s, "data-charts-loaded=\"");
	{
		unsigned ok = 0, total = 0;
		char *p = strstr(s, "data-charts-loaded=\"");

		assert_int_equal(sscanf(p, "data-charts-loaded=\"%u/%u\"", &ok, &total), 2);
		assert_true(total >= 3);
		assert_int_equal(ok, total);
	}
	vbt_contains(s, "data-empty-tables=\"0\"");
	free(s);
	file_starts(shot, "report.png", "\x89PNG\r\n\x1a\n", 8);
	/* the first screen as a reader sees it */
	a = vb_xasprintf("cd %s && timeout 120 chromium %s --user-data-dir=%s/prof3 "
			 "--window-size=1200,900 --screenshot=%s/report-first-screen.png "
			 "file://%s/index.html >>%s/chromium.log 2>&1",
			 t, flags, t, shot, rep, t);
	if (system(a))
		fail_msg("chromium failed: %s", file(t, "chromium.log"));
	free(a);
	file_starts(shot, "report-first-screen.png", "\x89PNG\r\n\x1a\n", 8);
	free(runs), free(rep), free(shot);
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
		cmocka_unit_test(test_plot),
		cmocka_unit_test(test_plot_never_mixes),
		cmocka_unit_test(test_history_split_by_clock),
		cmocka_unit_test(test_report_in_chromium),
	};

	find_vbench();
	return cmocka_run_group_tests(tests, NULL, NULL);
}
