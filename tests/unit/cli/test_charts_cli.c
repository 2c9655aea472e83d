/* vbench plot, history plot and report end to end, on synthetic run folders. */
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

/* A run's summary.csv with every row in unit instead of cycles (vbt_run_row writes cycles). */
static void set_unit(const char *runs, const char *id, const char *unit)
{
	char *p = vb_xasprintf("%s/%s/summary.csv", runs, id), *s = vbt_read(p), *at;
	char *u = vb_xasprintf("\"%s\"", unit);

	while ((at = strstr(s, "\"cycles\""))) {
		char *n = vb_xasprintf("%.*s%s%s", (int)(at - s), s, u, at + strlen("\"cycles\""));

		free(s);
		s = n;
	}
	vbt_write(p, s);
	free(s), free(u), free(p);
}

/*
 * KVM's rows are in ticks (CNTVCT): a trap chart of their own, beside
 * virq_timer's ticks of the other worlds, in KVM's style (4); the cycles
 * chart keeps native and hyp-min only. Ticks and cycles never share an axis.
 */
static void test_plot_kvm_ticks(void **state)
{
	char *t = vbt_tmpdir(), *runs = vb_xasprintf("%s/runs", t), *pl = vb_xasprintf("%s/pl", t);
	char *a, *x;
	uint64_t v[10];
	struct vbt_run r;

	(void)state;
	mkdir(runs, 0777);
	vbt_run_begin(&r, runs, "a-lean", "qemu-a72", "virt", "lean", NULL);
	vbt_noise(v, 10, 13, 0, 1);
	vbt_run_row(&r, "hvc_null", "s1-4k_s2-4k", NULL, v, 10);
	vbt_run_end(&r);
	vbt_run_begin(&r, runs, "b-lean-timer", "qemu-a72", "virt", "lean", NULL);
	vbt_noise(v, 10, 6, 0, 2);
	vbt_run_row(&r, "virq_timer", "s1-4k_s2-4k", NULL, v, 10);
	vbt_run_end(&r);
	set_unit(runs, "b-lean-timer", "ticks");
	vbt_run_begin(&r, runs, "c-kvm", "qemu-a72", "kvm", "none", "kernel");
	vbt_noise(v, 10, 95, 0, 3);
	vbt_run_row(&r, "hvc_null", "s1-4k", "kernel=6.1.0-57-arm64", v, 10);
	vbt_noise(v, 10, 381, 0, 4);
	vbt_run_row(&r, "virq_timer", "s1-4k", "kernel=6.1.0-57-arm64", v, 10);
	vbt_run_na(&r, "virq_lr", "s1-4k", "kernel=6.1.0-57-arm64");
	vbt_run_end(&r);
	set_unit(runs, "c-kvm", "ticks");
	a = vb_xasprintf("plot --out %s %s", pl, runs);
	vb(t, a), free(a);
	if (status)
		fail_msg("vbench plot: %s", err);
	x = file(pl, "traps-qemu-a72.dat"); /* cycles: hyp-min only */
	vbt_contains(x, "\"hvc_null\" 13 ");
	assert_null(strstr(x, "kvm"));
	assert_null(strstr(x, "virq_timer"));
	free(x);
	x = file(pl, "traps-ticks-qemu-a72.dat"); /* ticks: KVM's rows and virq_timer */
	vbt_contains(x, "\"hyp-min lean\" \"p10\" \"p90\" \"slot\" \"kvm 6.1.0-57-arm64\"");
	vbt_contains(x, "\"hvc_null\" NaN NaN NaN \"not run\" 95 ");
	vbt_contains(x, "\"virq_timer\" 6 ");
	vbt_contains(x, " 381 ");
	vbt_contains(x, "\"virq_lr\" NaN NaN NaN \"not run\" NaN NaN NaN \"na: not under KVM\"");
	free(x);
	x = file(pl, "plot.sh");
	vbt_contains(x, "Trap and interrupt costs in ticks: qemu-a72");
	vbt_contains(x, "ytitle='generic-timer ticks (log scale)'");
	vbt_contains(x, "array wstyle[2] = [2,4]");
	free(x);
	x = file(pl, "charts.txt");
	vbt_contains(x, "traps-ticks-qemu-a72\tdrawn");
	vbt_contains(x, "bars are medians in ticks as measured");
	free(x);
	free(runs), free(pl);
	vbt_rmdir(t);
}

/* bench's rows of a run's summary.csv in unit instead of cycles. */
static void set_row_unit(const char *runs, const char *id, const char *bench, const char *unit)
{
	char *c = vb_xasprintf("sed -i '/\"%s\"/s|\"cycles\"|\"%s\"|' %s/%s/summary.csv", bench,
			       unit, runs, id);

	assert_int_equal(system(c), 0);
	free(c);
}

/* One run of the ticks-clock test: sysreg_trap in ticks/64, a chase at 16k and 1M in ticks/1024. */
static void ticks_run(const char *runs, const char *id, const char *mode, const char *policy,
		      const char *kernel, uint64_t trap, bool ticks)
{
	char extra[128];
	uint64_t v[10];
	struct vbt_run r;

	vbt_run_begin(&r, runs, id, "qemu-a72", mode, policy, "kernel;timer;footprint");
	snprintf(extra, sizeof(extra), "kernel=%s;timer=%s;footprint=", kernel,
		 ticks ? "cntvct" : "");
	vbt_noise(v, 10, trap, 0, 7);
	vbt_run_row(&r, "sysreg_trap", strcmp(mode, "virt") ? "s1-4k" : "s1-4k_s2-4k", extra, v,
		    10);
	for (int f = 0; f < 2; f++) {
		snprintf(extra, sizeof(extra), "kernel=%s;timer=%s;footprint=%s", kernel,
			 ticks ? "cntvct" : "", f ? "1m" : "16k");
		vbt_noise(v, 10, ticks ? 192 : 3077, 0, 8);
		vbt_run_row(&r, "tlb_miss_chase", strcmp(mode, "virt") ? "s1-4k" : "s1-4k_s2-4k",
			    extra, v, 10);
	}
	vbt_run_end(&r);
	if (ticks) {
		set_row_unit(runs, id, "sysreg_trap", "ticks/64");
		set_row_unit(runs, id, "tlb_miss_chase", "ticks/1024");
	} else {
		set_row_unit(runs, id, "tlb_miss_chase", "cycles/1024");
	}
}

/*
 * --clock ticks (native, hyp-min) beside KVM: the report's ticks table pairs
 * every world with native's ticks run (ratio in one unit), and says "units
 * differ" against native's cycles without one; the chases in ticks/1024 are
 * the ticks TLB chart's series, KVM's in its style (4), never on the cycles one.
 */
static void test_ticks_clock_pairing(void **state)
{
	char *t = vbt_tmpdir(), *runs = vb_xasprintf("%s/runs", t), *rep = vb_xasprintf("%s/r", t);
	char *a, *x, *sum;

	(void)state;
	mkdir(runs, 0777);
	ticks_run(runs, "a-native", "native", "none", "", 1, false);
	ticks_run(runs, "b-lean", "virt", "lean", "", 119, false);
	ticks_run(runs, "c-kvm", "kvm", "none", "6.1.0-57-arm64", 9340, true);
	a = vb_xasprintf("report --out %s %s", rep, runs);
	vb(t, a), free(a);
	if (status)
		fail_msg("vbench report: %s", err);
	x = file(rep, "index.html");
	sum = strstr(x, "timed with the virtual counter (ticks)");
	assert_non_null(sum);
	*strstr(sum, "</table>") = '\0';
	vbt_contains(sum, "<th>kvm 6.1.0-57-arm64</th>");
	vbt_contains(sum, "units differ: ticks/64 vs cycles");
	assert_null(strstr(sum, "<th>native</th>"));
	free(x);
	ticks_run(runs, "d-native-ticks", "native", "none", "", 12, true);
	ticks_run(runs, "e-lean-ticks", "virt", "lean", "", 476, true);
	a = vb_xasprintf("report --out %s %s", rep, runs);
	vb(t, a), free(a);
	if (status)
		fail_msg("vbench report: %s", err);
	x = file(rep, "index.html");
	sum = strstr(x, "timed with the virtual counter (ticks)");
	assert_non_null(sum);
	*strstr(sum, "</table>") = '\0';
	vbt_contains(sum, "<th>native</th><th>hyp-min lean</th><th>kvm 6.1.0-57-arm64</th>");
	vbt_contains(sum, "(39.7x)"); /* 476 / 12 */
	vbt_contains(sum, "(778x)");  /* 9340 / 12 */
	assert_null(strstr(sum, "units differ"));
	free(x);
	/* the cycles table: native and lean alone, its own ratio */
	x = file(rep, "index.html");
	*strstr(x, "timed with the virtual counter (ticks)") = '\0';
	vbt_contains(x, "(119x)");
	assert_null(strstr(strstr(x, "<section id=\"summary\">"), "kvm 6.1"));
	free(x);
	x = file(rep, "plots/tlb-ticks-qemu-a72.dat");
	vbt_contains(x, "\"footprint\" \"native\"\n16384 192 ");
	vbt_contains(x, "\"footprint\" \"hyp-min lean\"\n16384 192 ");
	vbt_contains(x, "\"footprint\" \"kvm 6.1.0-57-arm64\"\n16384 192 ");
	free(x);
	x = file(rep, "plots/tlb-qemu-a72.dat"); /* cycles per access: no ticks curve */
	assert_null(strstr(x, "kvm"));
	assert_null(strstr(x, " 192 "));
	free(x);
	x = file(rep, "plots/plot.sh");
	vbt_contains(x, "TLB-miss cost against footprint in ticks: qemu-a72");
	vbt_contains(x, "ytitle='ticks per 1024 accesses'");
	free(x);
	x = file(rep, "plots/charts.txt");
	vbt_contains(x, "tlb-ticks-qemu-a72\tdrawn");
	vbt_contains(x, "never divided");
	free(x);
	free(runs), free(rep);
	vbt_rmdir(t);
}

/* history: a host-clock run is never a point of an icount curve; the legend is short. */
static void test_history_split_by_clock(void **state)
{
	char *t = vbt_tmpdir(), *a, *x;

	(void)state;
	vbt_run_small(t, "icount", "icount", "hvc_null", NULL);
	vbt_run_small(t, "zhost", "host", "hvc_null", NULL);
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
	char *a, *s, *shot = vb_xasprintf("%s/tests/artefacts", vbt_build());
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
		cmocka_unit_test(test_plot),
		cmocka_unit_test(test_plot_never_mixes),
		cmocka_unit_test(test_plot_kvm_ticks),
		cmocka_unit_test(test_ticks_clock_pairing),
		cmocka_unit_test(test_history_split_by_clock),
		cmocka_unit_test(test_report_in_chromium),
	};

	vbt_vbench(); /* fails at once if vbench is not built */
	return cmocka_run_group_tests(tests, NULL, NULL);
}
