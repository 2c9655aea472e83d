/* vbench report: a static HTML page of run folders, charts embedded, publishable as it is. */
#include <getopt.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include "analysis.h"
#include "cmd.h"
#include "outfile.h"
#include "report.h"

static const char vb_report_usage[] =
	"usage: vbench report [--out DIR] [--root DIR] RUN...\n"
	"Writes DIR/index.html: one static page with the runs' context (run, date, target,\n"
	"mode, policy, revision, clock, command), the charts of `vbench plot` (embedded, so the\n"
	"page alone works offline, opened from disk), the results with overhead, corrected\n"
	"median, the median's confidence interval and a stability verdict, the virtualized\n"
	"against native pairs, and the method. DIR/plots/ holds the charts as PNG and SVG with\n"
	"their data and templates; DIR/analysis.csv the table.\n"
	"DIR (default <root>/results/report) is written atomically and replaced only if it has\n"
	"an index.html. RUN is a run folder, or a folder of run folders.\n"
	"Exit status: 0, 1 if drawing failed, 2 on bad usage or input.\n";

static int vb_report_build(const struct vb_set *s, const char *root, const char *dir,
			   struct vb_error *e)
{
	char plots[PATH_MAX + 64], index[PATH_MAX + 64];
	struct vb_charts l = { 0 };
	struct vb_outfile of;
	int r;

	snprintf(plots, sizeof(plots), "%s/plots", dir);
	snprintf(index, sizeof(index), "%s/index.html", dir);
	if (mkdir(plots, 0777))
		return vb_fail(e, "cannot create %s", plots);
	r = vb_plot_folder(s, root, plots, &l, e);
	if (!r) {
		struct vb_outfile ac;
		char p[PATH_MAX + 64];

		snprintf(p, sizeof(p), "%s/analysis.csv", dir);
		r = vb_outfile_open(&ac, p, e) ||
		    vb_outfile_close(&ac, vb_analysis_write(ac.f, s), e);
	}
	if (!r)
		r = vb_outfile_open(&of, index, e) ||
		    vb_outfile_close(&of, vb_report_html(of.f, s, plots, &l), e);
	free(l.c);
	return r ? -1 : 0;
}

int vb_cmd_report(int argc, char **argv)
{
	static const struct option lo[] = {
		{ "out", required_argument, NULL, 'o' },
		{ "root", required_argument, NULL, 'r' },
		{ "help", no_argument, NULL, 'h' },
		{ NULL, 0, NULL, 0 },
	};
	const char *out = NULL, *root = NULL;
	struct vb_analysis_opts o;
	struct vb_paths p;
	struct vb_outdir d;
	struct vb_error e;
	struct vb_set s;
	char def[PATH_MAX + 16];
	int c, r = VB_EXIT_OK;

	vb_analysis_defaults(&o);
	optind = 1;
	while ((c = getopt_long(argc, argv, "+o:h", lo, NULL)) != -1) {
		if (c == 'h')
			return fputs(vb_report_usage, stdout), VB_EXIT_OK;
		if (c == '?')
			return fputs(vb_report_usage, stderr), VB_EXIT_USAGE;
		*(c == 'o' ? &out : &root) = optarg;
	}
	if (optind >= argc)
		return fputs(vb_report_usage, stderr), VB_EXIT_USAGE;
	if (vb_paths_resolve(&p, NULL, root, &e))
		return vb_report(VB_EXIT_USAGE, "report: %s", e.msg);
	snprintf(def, sizeof(def), "%s/results/report", p.root);
	if (vb_load_runs(&s, argv + optind, argc - optind, &o, &e)) {
		vb_set_free(&s);
		return vb_report(VB_EXIT_USAGE, "report: %s", e.msg);
	}
	if (vb_outdir_begin(&d, out ? out : def, "index.html", &e))
		r = vb_report(VB_EXIT_USAGE, "report: %s", e.msg);
	else if (vb_report_build(&s, p.root, d.tmp, &e) || vb_outdir_commit(&d, &e))
		r = vb_report(VB_EXIT_FAILED, "report: %s", e.msg);
	vb_outdir_abort(&d);
	if (r == VB_EXIT_OK)
		printf("%s/index.html\n", d.final);
	vb_set_free(&s);
	return r;
}
