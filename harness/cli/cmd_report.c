/* vbench report: a static HTML page of run folders, charts embedded, publishable as it is. */
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include "analysis/analysis.h"
#include "cmd.h"
#include "foldercmd.h"
#include "results/outfile.h"
#include "output/report.h"

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

static int vb_report_folder(const struct vb_set *s, const char *root, const char *dir, void *ctx,
			    struct vb_error *e)
{
	(void)ctx;
	return vb_report_build(s, root, dir, e);
}

int vb_cmd_report(int argc, char **argv)
{
	const struct vb_folder_cmd c = { .name = "report",
					 .usage = vb_report_usage,
					 .default_out = "results/report",
					 .marker = "index.html",
					 .printed = "index.html",
					 .build = vb_report_folder };

	return vb_folder_cmd_run(&c, argc, argv);
}
