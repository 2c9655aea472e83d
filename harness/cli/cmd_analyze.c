/* vbench analyze: analysis.csv for run folders (overhead, intervals, stability, pairs). */
#include <math.h>
#include <getopt.h>
#include <stdlib.h>
#include <string.h>

#include "analysis/analysis.h"
#include "cmd.h"
#include "results/outfile.h"

static const char vb_analyze_usage[] =
	"usage: vbench analyze [--out FILE] [--level L] [--stable-pct P] RUN...\n"
	"Writes analysis.csv (to stdout, or atomically to FILE): every summary.csv column of\n"
	"the runs, then p10, overhead (the run's counter_overhead median), corrected (median\n"
	"minus overhead), ci_lo, ci_hi and ci (the median's L confidence interval from raw\n"
	"samples, or why there is none), stability (stable, unstable, unknown) and its basis,\n"
	"caveat (what the clock makes of the numbers), and for virt rows (and linux rows run\n"
	"in a guest) the paired native row (the host's): native_median, virt_minus_native,\n"
	"virt_over_native, pair_basis, their intervals virt_minus_native_ci and\n"
	"virt_over_native_ci, native_run, and pair_note (what a linux row was paired with,\n"
	"or why not).\n"
	"RUN is a run folder, or a folder of run folders (results/).\n"
	"  --level L        confidence level, 0.5..0.999 (default 0.95)\n"
	"  --stable-pct P   stable when the interval (and runs' spread) is within P% of the\n"
	"                   median (default 2)\n"
	"docs/analysis.md explains every column. Exit status: 0, or 2 on bad input.\n";

int vb_analysis_opt(int c, const char *arg, struct vb_analysis_opts *o, struct vb_error *e)
{
	char *end;
	double v = strtod(arg, &end);

	if (*end || arg == end || !isfinite(v))
		return vb_fail(e, "'%s' is not a number", arg);
	if (c == 'l' && (v < 0.5 || v > 0.999))
		return vb_fail(e, "--level %s: must be within 0.5..0.999", arg);
	if (c == 's' && v < 0)
		return vb_fail(e, "--stable-pct %s: must not be negative", arg);
	if (c == 'l')
		o->level = v;
	else
		o->stable_pct = v;
	return 0;
}

int vb_load_runs(struct vb_set *s, char **paths, int n, const struct vb_analysis_opts *o,
		 struct vb_error *e)
{
	memset(s, 0, sizeof(*s));
	for (int i = 0; i < n; i++)
		if (vb_set_add(s, paths[i], e))
			return -1;
	vb_analyze(s, o);
	return 0;
}

int vb_cmd_analyze(int argc, char **argv)
{
	static const struct option lo[] = {
		{ "out", required_argument, NULL, 'o' },
		{ "level", required_argument, NULL, 'l' },
		{ "stable-pct", required_argument, NULL, 's' },
		{ "help", no_argument, NULL, 'h' },
		{ NULL, 0, NULL, 0 },
	};
	struct vb_analysis_opts o;
	const char *out = NULL;
	struct vb_outfile of;
	struct vb_error e;
	struct vb_set s;
	int c, r = VB_EXIT_OK;

	vb_analysis_defaults(&o);
	optind = 1;
	while ((c = getopt_long(argc, argv, "+o:h", lo, NULL)) != -1) {
		if (c == 'h')
			return fputs(vb_analyze_usage, stdout), VB_EXIT_OK;
		if (c == 'o')
			out = optarg;
		else if (c == '?' || vb_analysis_opt(c, optarg, &o, &e))
			return c == '?' ? (fputs(vb_analyze_usage, stderr), VB_EXIT_USAGE) :
					  vb_report(VB_EXIT_USAGE, "analyze: %s", e.msg);
	}
	if (optind >= argc)
		return fputs(vb_analyze_usage, stderr), VB_EXIT_USAGE;
	if (vb_load_runs(&s, argv + optind, argc - optind, &o, &e)) {
		vb_set_free(&s);
		return vb_report(VB_EXIT_USAGE, "analyze: %s", e.msg);
	}
	if (!out) {
		if (vb_analysis_write(stdout, &s) || fflush(stdout))
			r = vb_report(VB_EXIT_FAILED, "analyze: writing stdout failed");
	} else if (vb_outfile_open(&of, out, &e) ||
		   vb_outfile_close(&of, vb_analysis_write(of.f, &s), &e)) {
		r = vb_report(VB_EXIT_FAILED, "analyze: %s", e.msg);
	}
	vb_set_free(&s);
	return r;
}
