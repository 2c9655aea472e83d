/*
 * vbench plot's Linux chart (linux-<target>): the chase per mapping, host and
 * guest curves, TLB events where counted; on synthetic linux runs of known
 * medians and on the real runs of tests/data/linux.
 */
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include "helpers.h"
#include "base/util.h"

#define FIXTURE VB_SRC_ROOT "/tests/data/linux/qemu-a72-linux-n20"
#define COLS	"variant;footprint;chase_mapping;kernel;l1d_tlb_refill;dtlb_walk"

static struct vbt_cli cli;

static void vb(const char *tmp, const char *fmt, ...) __attribute__((format(printf, 2, 3)));
static void vb(const char *tmp, const char *fmt, ...)
{
	va_list ap;
	char *args;

	va_start(ap, fmt);
	if (vasprintf(&args, fmt, ap) < 0)
		abort();
	va_end(ap);
	vbt_cli_run(&cli, tmp, args);
	free(args);
}

static char *file(const char *dir, const char *name)
{
	char *s = vbt_file_in(dir, name);

	if (!s)
		fail_msg("no %s/%s", dir, name);
	return s;
}

/* `n` equal samples of v: median, p10 and p90 are v. */
static void row(struct vbt_run *r, const char *bench, const char *config, const char *extra,
		uint64_t v)
{
	uint64_t s[21];

	for (int i = 0; i < 21; i++)
		s[i] = v;
	vbt_run_row(r, bench, config, extra, s, 21);
}

/* The chase's unit as vbench-linux writes it (the helpers write cycles). */
static void chase_unit(const char *dir, const char *id)
{
	char *p = vb_xasprintf("%s/%s/summary.csv", dir, id), *s = vbt_read(p);
	struct vbt_buf out = { 0 };

	for (char *line = strtok(s, "\n"); line; line = strtok(NULL, "\n")) {
		char *at = strstr(line, "tlb_miss_chase") ? strstr(line, "\"cycles\"") : NULL;

		if (at)
			vbt_append(&out, "%.*s\"cycles/1024\"%s\n", (int)(at - line), line, at + 8);
		else
			vbt_append(&out, "%s\n", line);
	}
	vbt_write(p, out.s);
	free(p), free(s), free(out.s);
}

/*
 * A linux run: counter_overhead ov; per access, c[0..1] cycles at 16 KiB and 1 MiB on
 * 4 KiB pages and c[2..3] on THP; dtlb_walk w per 1024 accesses on 4 KiB pages; 1 GiB
 * unsupported; l1d_tlb_refill never counted.
 */
static void lxrun(const char *dir, const char *id, const char *in_guest, const char *kernel,
		  uint64_t ov, const uint64_t *c, const uint64_t *w)
{
	static const char *const fp[] = { "16384", "1048576" };
	struct vbt_run r;
	char *extra, *meta, *p;

	vbt_run_begin(&r, dir, id, "qemu-a72", "linux", "none", COLS);
	extra = vb_xasprintf("variant=;footprint=;chase_mapping=;kernel=%s;l1d_tlb_refill="
			     "unsupported;dtlb_walk=unsupported",
			     kernel);
	row(&r, "counter_overhead", "linux", extra, ov);
	free(extra);
	for (int m = 0; m < 2; m++)
		for (int f = 0; f < 2; f++) {
			char dtlb[32];

			snprintf(dtlb, sizeof(dtlb), "%llu", (unsigned long long)w[f]);
			extra = vb_xasprintf("variant=%s;footprint=%s;chase_mapping=%s;kernel=%s;"
					     "l1d_tlb_refill=unsupported;dtlb_walk=%s",
					     fp[f], fp[f], m ? "s1-2m" : "s1-4k", kernel,
					     m ? "unsupported" : dtlb);
			row(&r, "tlb_miss_chase", m ? "linux-thp" : "linux-4k", extra,
			    ov + c[m * 2 + f] * 1024);
			free(extra);
		}
	extra = vb_xasprintf("variant=16384;footprint=16384;chase_mapping=;kernel=%s;"
			     "l1d_tlb_refill=;dtlb_walk=",
			     kernel);
	vbt_run_status(&r, "tlb_miss_chase", "linux-1g", extra, "unsupported");
	free(extra);
	vbt_run_end(&r);
	chase_unit(dir, id);
	p = vb_xasprintf("%s/%s/meta.csv", dir, id);
	extra = vbt_read(p);
	meta = vb_xasprintf("%s\"begin.in_guest\",\"%s\"\n\"begin.ev_l1d_tlb_refill\","
			    "\"not_in_armv8_pmuv3_events\"\n",
			    extra, in_guest);
	vbt_write(p, meta);
	free(p), free(extra), free(meta);
}

/* Host and guest curves per mapping, events beside, the values gnuplot read. */
static void test_linux_chart(void **state)
{
	char *t = vbt_tmpdir(), *runs = vb_xasprintf("%s/runs", t), *pl = vb_xasprintf("%s/pl", t);
	static const uint64_t hc[] = { 3, 10, 2, 4 }, gc[] = { 6, 25, 3, 5 };
	static const uint64_t hw[] = { 512, 1024 }, gw[] = { 1024, 3072 };
	char *s;

	(void)state;
	mkdir(runs, 0777);
	lxrun(runs, "a-host", "no", "6.1.0-57-arm64", 1024, hc, hw);
	lxrun(runs, "b-guest", "yes", "6.1.0-57-arm64", 2048, gc, gw);
	vb(t, "plot --out %s %s", pl, runs);
	if (cli.status)
		fail_msg("vbench plot: %s", cli.err);
	/* per access, counter_overhead subtracted: (median - overhead) / 1024 */
	s = file(pl, "linux-qemu-a72.dat");
	vbt_contains(s, "\"footprint\" \"linux host\"\n16384 3 3 3\n1048576 10 10 10\n");
	vbt_contains(s, "\"footprint\" \"linux guest\"\n16384 6 6 6\n1048576 25 25 25\n");
	vbt_contains(s, "\"footprint\" \"linux host\"\n16384 2 2 2\n1048576 4 4 4\n"); /* THP */
	vbt_contains(s, "\"footprint\" \"linux guest\"\n16384 3 3 3\n1048576 5 5 5\n");
	/* events raw, per access: where counted (dtlb_walk on 4 KiB pages), never 0 for the rest */
	vbt_contains(s,
		     "\"footprint\" \"dtlb_walk, linux host\"\n16384 0.5 0.5 0.5\n1048576 1 1 1");
	vbt_contains(s, "\"footprint\" \"dtlb_walk, linux guest\"\n16384 1 1 1\n1048576 3 3 3");
	assert_null(strstr(s, "l1d_tlb_refill"));
	free(s);
	s = file(pl, "plot.sh");
	vbt_contains(s, "array ptitle[3] = ['4 KiB pages','4 KiB pages: TLB events',"
			"'THP (2 MiB)']");
	vbt_contains(s, "array pytitle[3] = ['cycles per access','events per access',"
			"'cycles per access']");
	/* the worlds' styles of common.gp: the host native's (1), the guest KVM's (4) */
	vbt_contains(s, "array lname[4] = ['linux host','linux guest','dtlb_walk, linux host',"
			"'dtlb_walk, linux guest']");
	vbt_contains(s, "array lstyle[4] = [1,4,1,4]");
	vbt_contains(s, "array ldash[4] = [1,1,4,4]");
	vbt_contains(s, "array cstyle[6] = [1,4,1,4,1,4]");
	vbt_contains(s, "linux.gp");
	free(s);
	s = file(pl, "charts.txt");
	vbt_contains(s, "linux-qemu-a72\tdrawn\t2 mappings, 6 curves, clock icount, emulated");
	vbt_contains(s, "linux-1g not drawn: no run measured it");
	vbt_contains(s, "tlb\tskipped\tnot drawn: no bare-metal row"); /* not in the TLB chart */
	free(s);
	s = file(pl, "linux-qemu-a72.png");
	assert_memory_equal(s, "\x89PNG\r\n\x1a\n", 8);
	free(s);
	s = file(pl, "linux-qemu-a72.svg");
	vbt_contains(s, "<svg");
	vbt_contains(s, "linux guest");	   /* the legend names the series */
	vbt_contains(s, "THP (2 MiB)");	   /* and the panels their mapping */
	assert_null(strstr(s, "hugetlb")); /* no hugetlb mapping was measured */
	free(s);
	free(runs), free(pl);
	vbt_rmdir(t);
}

/* Kernels named where they differ; a second host run drawn as its own curve, never merged. */
static void test_linux_chart_kernels_runs(void **state)
{
	char *t = vbt_tmpdir(), *runs = vb_xasprintf("%s/runs", t), *pl = vb_xasprintf("%s/pl", t);
	static const uint64_t c[] = { 3, 10, 2, 4 }, w[] = { 512, 1024 };
	char *s;

	(void)state;
	mkdir(runs, 0777);
	lxrun(runs, "a-host", "no", "6.1.0-57-arm64", 1024, c, w);
	lxrun(runs, "b-host", "no", "6.1.0-57-arm64", 1024, c, w);
	lxrun(runs, "c-guest", "yes", "6.12.0-guest", 1024, c, w);
	vb(t, "plot --out %s %s", pl, runs);
	if (cli.status)
		fail_msg("vbench plot: %s", cli.err);
	s = file(pl, "linux-qemu-a72.dat");
	vbt_contains(s, "\"linux host 6.1.0-57-arm64\"\n");
	vbt_contains(s, "\"linux host 6.1.0-57-arm64 (run 2)\"\n");
	vbt_contains(s, "\"linux guest 6.12.0-guest\"\n");
	free(s);
	s = file(pl, "charts.txt");
	vbt_contains(s, "drawn once per run (run 2, ...), never merged");
	free(s);
	free(runs), free(pl);
	vbt_rmdir(t);
}

/* The real run: four mappings, 1 GiB not obtained, QEMU's TLB events not counted (said). */
static void test_linux_chart_real(void **state)
{
	char *t = vbt_tmpdir(), *pl = vb_xasprintf("%s/pl", t), *s;

	(void)state;
	vb(t, "plot --out %s %s", pl, FIXTURE);
	if (cli.status)
		fail_msg("vbench plot: %s", cli.err);
	s = file(pl, "plot.sh");
	vbt_contains(s, "array ptitle[4] = ['4 KiB pages','hugetlb 64 KiB','THP (2 MiB)',"
			"'hugetlb 2 MiB']");
	vbt_contains(s, "array lname[1] = ['linux, guest unknown']");
	vbt_contains(s, "array lstyle[1] = [5]");
	free(s);
	/* QEMU: 3 instructions per access, the perf read subtracted */
	s = file(pl, "linux-qemu-a72.dat");
	vbt_contains(s, "\"footprint\" \"linux, guest unknown\"\n16384 3.002929688");
	free(s);
	s = file(pl, "charts.txt");
	vbt_contains(s, "linux-qemu-a72\tdrawn\t4 mappings, 4 curves");
	vbt_contains(s, "linux-1g not drawn: no run measured it");
	vbt_contains(s, "no TLB event counted (l1d_tlb_refill not_in_armv8_pmuv3_events, "
			"l2d_tlb_refill not_in_armv8_pmuv3_events, dtlb_walk "
			"not_in_armv8_pmuv3_events, mem_access not_in_armv8_pmuv3_events)");
	free(s);
	free(pl);
	vbt_rmdir(t);
}

/* The real guest's run and the real host's (tests/data/linux/README.md): a curve each. */
static void test_linux_chart_real_guest(void **state)
{
	char *t = vbt_tmpdir(), *pl = vb_xasprintf("%s/pl", t), *s;

	(void)state;
	vb(t, "plot --out %s %s %s", pl, VB_SRC_ROOT "/tests/data/linux/qemu-a72-linux-host-n20",
	   VB_SRC_ROOT "/tests/data/linux/qemu-a72-linux-guest-n20");
	if (cli.status)
		fail_msg("vbench plot: %s", cli.err);
	s = file(pl, "plot.sh");
	vbt_contains(s, "array lname[2] = ['linux host','linux guest']");
	vbt_contains(s, "array lstyle[2] = [1,4]");
	free(s);
	s = file(pl, "linux-qemu-a72.dat");
	vbt_contains(s, "\"footprint\" \"linux host\"\n16384 3.002929688");
	vbt_contains(s, "\"footprint\" \"linux guest\"\n16384 3.002929688");
	free(s);
	s = file(pl, "charts.txt");
	vbt_contains(s, "linux-qemu-a72\tdrawn\t4 mappings, 8 curves");
	free(s);
	free(pl);
	vbt_rmdir(t);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_linux_chart),
		cmocka_unit_test(test_linux_chart_kernels_runs),
		cmocka_unit_test(test_linux_chart_real),
		cmocka_unit_test(test_linux_chart_real_guest),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
