/* vbench plot: gnuplot charts (PNG and SVG) of run folders. */
#include <stdlib.h>
#include <string.h>

#include "analysis/analysis.h"
#include "cmd.h"
#include "foldercmd.h"
#include "results/outfile.h"
#include "output/plot.h"

static const char vb_plot_usage[] =
	"usage: vbench plot [--out DIR] [--root DIR] RUN...\n"
	"Draws the runs' charts with gnuplot, each as DIR/<chart>.png and DIR/<chart>.svg:\n"
	"  traps-<target>   trap and interrupt costs as bars, one chart per target: native, virt\n"
	"                   lean and virt full side by side, medians minus counter_overhead,\n"
	"                   whiskers p10..p90 (rows in cycles)\n"
	"  traps-ticks-<target>  the same in ticks (virq_timer, KVM's virq_irq_line), medians\n"
	"                   as measured; traps-ticks64-<target> in ticks/64 (the trap rows of kvm\n"
	"                   and --clock ticks runs: 64 calls a sample)\n"
	"  tlb-<target>     TLB-miss cost per access against footprint (log scale), one curve per\n"
	"                   page-size configuration (rows with a footprint column);\n"
	"                   tlb-ticks-<target> the chases in ticks/1024, as measured\n"
	"  heatmap-<group>  virt/native ratio over stage-1 x stage-2 page sizes, one per\n"
	"                   target, policy and benchmark\n"
	"A chart without data is skipped and says why. Beside them: the data files gnuplot read\n"
	"(<chart>.dat), the templates (copied from <root>/plots/*.gp), plot.sh (the exact\n"
	"gnuplot commands: edit and run again), analysis.csv and charts.txt.\n"
	"DIR (default <root>/results/plots) is written atomically and replaced only if it is a\n"
	"plot folder. RUN is a run folder, or a folder of run folders.\n"
	"  --root DIR   the source root with plots/ (default: as for vbench run)\n"
	"Exit status: 0, 1 if gnuplot failed, 2 on bad usage or input.\n";

static int vb_write_list(const char *dir, const struct vb_charts *l, struct vb_error *e)
{
	char *text = NULL;
	size_t len = 0;
	FILE *m = open_memstream(&text, &len);
	int r;

	for (size_t i = 0; i < l->n; i++)
		fprintf(m, "%s\t%s\t%s\n", l->c[i].name, l->c[i].drawn ? "drawn" : "skipped",
			l->c[i].note);
	fclose(m);
	r = vb_plot_file(dir, "charts.txt", text, e);
	free(text);
	return r;
}

int vb_plot_folder(const struct vb_set *s, const char *root, const char *dir, struct vb_charts *l,
		   struct vb_error *e)
{
	struct vb_outfile of;
	char path[4096];

	snprintf(path, sizeof(path), "%s/analysis.csv", dir);
	if (vb_outfile_open(&of, path, e) || vb_outfile_close(&of, vb_analysis_write(of.f, s), e))
		return -1;
	return vb_plot_all(s, root, dir, l, e) || vb_write_list(dir, l, e) ? -1 : 0;
}

static int vb_plot_build(const struct vb_set *s, const char *root, const char *dir, void *ctx,
			 struct vb_error *e)
{
	return vb_plot_folder(s, root, dir, ctx, e);
}

int vb_cmd_plot(int argc, char **argv)
{
	struct vb_charts l = { 0 };
	const struct vb_folder_cmd c = { .name = "plot",
					 .usage = vb_plot_usage,
					 .default_out = "results/plots",
					 .marker = "plot.sh",
					 .printed = "",
					 .build = vb_plot_build,
					 .ctx = &l };
	int r = vb_folder_cmd_run(&c, argc, argv);

	for (size_t i = 0; r == VB_EXIT_OK && i < l.n; i++)
		fprintf(stderr, "%-24s %s\n", l.c[i].name, l.c[i].drawn ? "drawn" : l.c[i].note);
	free(l.c);
	return r;
}
