/* vbench plot: gnuplot charts (PNG and SVG) of run folders. */
#include <getopt.h>
#include <stdlib.h>
#include <string.h>

#include "analysis.h"
#include "cmd.h"
#include "outfile.h"
#include "plot.h"

static const char vb_plot_usage[] =
	"usage: vbench plot [--out DIR] [--root DIR] RUN...\n"
	"Draws the runs' charts with gnuplot, each as DIR/<chart>.png and DIR/<chart>.svg:\n"
	"  traps            trap and interrupt costs as bars: native, virt lean, virt full side\n"
	"                   by side, medians minus counter_overhead, whiskers p10..p90\n"
	"  tlb              TLB-miss cost against footprint (log scale), one curve per\n"
	"                   page-size configuration (rows with a footprint column)\n"
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

int vb_cmd_plot(int argc, char **argv)
{
	static const struct option lo[] = {
		{ "out", required_argument, NULL, 'o' },
		{ "root", required_argument, NULL, 'r' },
		{ "help", no_argument, NULL, 'h' },
		{ NULL, 0, NULL, 0 },
	};
	const char *out = NULL, *root = NULL;
	struct vb_analysis_opts o;
	struct vb_charts l = { 0 };
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
			return fputs(vb_plot_usage, stdout), VB_EXIT_OK;
		if (c == '?')
			return fputs(vb_plot_usage, stderr), VB_EXIT_USAGE;
		*(c == 'o' ? &out : &root) = optarg;
	}
	if (optind >= argc)
		return fputs(vb_plot_usage, stderr), VB_EXIT_USAGE;
	if (vb_paths_resolve(&p, NULL, root, &e))
		return vb_report(VB_EXIT_USAGE, "plot: %s", e.msg);
	snprintf(def, sizeof(def), "%s/results/plots", p.root);
	if (vb_load_runs(&s, argv + optind, argc - optind, &o, &e)) {
		vb_set_free(&s);
		return vb_report(VB_EXIT_USAGE, "plot: %s", e.msg);
	}
	if (vb_outdir_begin(&d, out ? out : def, "plot.sh", &e))
		r = vb_report(VB_EXIT_USAGE, "plot: %s", e.msg);
	else if (vb_plot_folder(&s, p.root, d.tmp, &l, &e) || vb_outdir_commit(&d, &e))
		r = vb_report(VB_EXIT_FAILED, "plot: %s", e.msg);
	vb_outdir_abort(&d);
	for (size_t i = 0; r == VB_EXIT_OK && i < l.n; i++)
		fprintf(stderr, "%-24s %s\n", l.c[i].name, l.c[i].drawn ? "drawn" : l.c[i].note);
	if (r == VB_EXIT_OK)
		printf("%s\n", d.final);
	free(l.c);
	vb_set_free(&s);
	return r;
}
