/* vbench history: results/history.csv, and one metric charted across revisions. */
#include <math.h>
#include <getopt.h>
#include <stdlib.h>
#include <string.h>

#include "analysis/analysis.h"
#include "cmd.h"
#include "analysis/history.h"
#include "results/outfile.h"
#include "output/plot.h"

static const char vb_history_usage[] =
	"usage: vbench history add [--file FILE] RUN...\n"
	"       vbench history plot --bench B [--target T] [--threshold PCT] [--file FILE]\n"
	"                           [--out DIR]\n"
	"add: appends every row of each run folder (a run folder exists only once verified) to\n"
	"FILE (default <root>/results/history.csv): run_id, date, rev (the images' build\n"
	"revision), target, mode, policy, bench, config, other (further identity columns as\n"
	"name=value;...), median, ci_lo, ci_hi, ci (or why there is none), unit, clock. A run\n"
	"already in the file is skipped. The file is rewritten atomically.\n"
	"plot: charts benchmark B's median across the runs in FILE, one curve per target,\n"
	"mode, policy and configuration, with the median's interval as error bars; a point more\n"
	"than PCT (default 5) above the previous point of its curve, with disjoint intervals\n"
	"when both have one, is a regression and circled in red. DIR (default\n"
	"<root>/results/history-plot) gets history.png, history.svg, history.dat, the templates.\n"
	"Exit status: 0, 1 on a failure (gnuplot), 2 on bad usage or input.\n";

struct vb_hargs {
	const char *file, *out, *bench, *target, *root;
	double threshold;
	struct vb_paths p;
	char deffile[PATH_MAX + 32], defout[PATH_MAX + 32];
};

static int vb_history_plot(struct vb_hargs *a)
{
	struct vb_outdir d;
	struct vb_error e;
	char vars[2048], sub[200], tmpl[PATH_MAX + 32], styles[1024] = "", *text = NULL;
	size_t regs = 0, len = 0;
	int n, r = VB_EXIT_OK;
	FILE *f;

	n = vb_outdir_begin(&d, a->out ? a->out : a->defout, "history.dat", &e);
	if (n)
		return vb_report(n == -2 ? VB_EXIT_USAGE : VB_EXIT_FAILED, "history: %s", e.msg);
	n = vb_history_data(a->file, a->bench, a->target, a->threshold, d.tmp, &regs, styles,
			    sizeof(styles), &e);
	for (int i = 0; n > 0 && i < 2; i++) {
		const char *name = i ? "history.gp" : "common.gp";

		snprintf(tmpl, sizeof(tmpl), "%s/plots/%s", a->p.root, name);
		f = fopen(tmpl, "rb");
		if (!f) {
			n = vb_fail(&e, "cannot open the template %s", tmpl);
			break;
		}
		text = vb_xcalloc(1, 1 << 16);
		len = fread(text, 1, (1 << 16) - 1, f);
		fclose(f);
		text[len] = '\0';
		if (vb_plot_file(d.tmp, name, text, &e))
			n = -1;
		free(text);
	}
	snprintf(sub, sizeof(sub), "%s%s%s, %zu regressions above %g%%", a->bench,
		 a->target ? " on " : "", a->target ? a->target : "", regs, a->threshold);
	snprintf(vars, sizeof(vars),
		 "data='history.dat'; ncurves=%d; subtitle='%s'; array cstyle[%d] = [%s]", n, sub,
		 n > 0 ? n : 1, n > 0 ? styles : "1");
	if (n < 0 || vb_gnuplot(d.tmp, "history.gp", vars, "png", "history.png", &e) ||
	    vb_gnuplot(d.tmp, "history.gp", vars, "svg", "history.svg", &e) ||
	    vb_outdir_commit(&d, &e))
		r = vb_report(n < 0 ? VB_EXIT_USAGE : VB_EXIT_FAILED, "history: %s", e.msg);
	vb_outdir_abort(&d);
	if (r == VB_EXIT_OK)
		printf("%s/history.png\n%s\n", d.final, sub);
	return r;
}

static int vb_history_addcmd(struct vb_hargs *a, char **runs, int n)
{
	struct vb_analysis_opts o;
	struct vb_error e;
	struct vb_set s;
	size_t added, skipped;
	int r = VB_EXIT_OK;

	vb_analysis_defaults(&o);
	if (vb_load_runs(&s, runs, n, &o, &e))
		r = vb_report(VB_EXIT_USAGE, "history: %s", e.msg);
	else if (vb_history_add(a->file, &s, &added, &skipped, &e))
		r = vb_report(VB_EXIT_FAILED, "history: %s", e.msg);
	else
		printf("%s: %zu rows added, %zu runs already there\n", a->file, added, skipped);
	vb_set_free(&s);
	return r;
}

int vb_cmd_history(int argc, char **argv)
{
	static const struct option lo[] = {
		{ "file", required_argument, NULL, 'f' },
		{ "out", required_argument, NULL, 'o' },
		{ "bench", required_argument, NULL, 'b' },
		{ "target", required_argument, NULL, 't' },
		{ "threshold", required_argument, NULL, 'p' },
		{ "root", required_argument, NULL, 'r' },
		{ "help", no_argument, NULL, 'h' },
		{ NULL, 0, NULL, 0 },
	};
	struct vb_hargs a = { .threshold = 5 };
	const char *sub = argc > 1 ? argv[1] : "";
	struct vb_error e;
	char *end;
	int c;

	if (!strcmp(sub, "-h") || !strcmp(sub, "--help"))
		return fputs(vb_history_usage, stdout), VB_EXIT_OK;
	if (strcmp(sub, "add") && strcmp(sub, "plot"))
		return fputs(vb_history_usage, stderr), VB_EXIT_USAGE;
	optind = 1;
	while ((c = getopt_long(argc - 1, argv + 1, "+h", lo, NULL)) != -1) {
		const char **dst[] = { ['f'] = &a.file,
				       ['o'] = &a.out,
				       ['b'] = &a.bench,
				       ['t'] = &a.target,
				       ['r'] = &a.root };

		if (c == 'h')
			return fputs(vb_history_usage, stdout), VB_EXIT_OK;
		if (c == '?')
			return fputs(vb_history_usage, stderr), VB_EXIT_USAGE;
		if (c == 'p') {
			a.threshold = strtod(optarg, &end);
			if (*end || end == optarg || !(a.threshold >= 0) || isinf(a.threshold))
				return vb_report(VB_EXIT_USAGE, "history: --threshold %s", optarg);
		} else {
			*dst[c] = optarg;
		}
	}
	if (vb_paths_resolve(&a.p, NULL, a.root, &e))
		return vb_report(VB_EXIT_USAGE, "history: %s", e.msg);
	snprintf(a.deffile, sizeof(a.deffile), "%s/results/history.csv", a.p.root);
	snprintf(a.defout, sizeof(a.defout), "%s/results/history-plot", a.p.root);
	a.file = a.file ? a.file : a.deffile;
	if (!strcmp(sub, "plot")) {
		if (!a.bench || optind + 1 < argc)
			return fputs(vb_history_usage, stderr), VB_EXIT_USAGE;
		return vb_history_plot(&a);
	}
	if (optind + 1 >= argc)
		return fputs(vb_history_usage, stderr), VB_EXIT_USAGE;
	return vb_history_addcmd(&a, argv + optind + 1, argc - optind - 1);
}
