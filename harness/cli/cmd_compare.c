/* vbench compare BASE NEW: the change of every median, judged against a threshold. */
#include <getopt.h>
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "analysis/analysis.h"
#include "cmd.h"
#include "analysis/compare.h"
#include "results/outfile.h"

static const char vb_compare_usage[] =
	"usage: vbench compare [--threshold PCT] [--allow-different] [--csv FILE]\n"
	"                      [--level L] [--stable-pct P] BASE NEW\n"
	"Compares the medians of NEW with those of BASE, row by row: a row is matched by every\n"
	"non-statistic column both sides have (target, mode, policy, bench, config, ...).\n"
	"BASE and NEW are run folders or folders of run folders (results/); of a row measured\n"
	"in several runs of one side the latest run counts.\n"
	"For each row: both medians, the change in % of BASE and its interval (from the two\n"
	"medians' L confidence intervals; needs raw samples, `vbench run --samples`), and a\n"
	"verdict: regression (the change is above +PCT and its interval is above 0),\n"
	"improvement (below -PCT, interval below 0) or no change; `not measured` when a side's\n"
	"status is not ok (a row ok in BASE and not in NEW fails, as a regression does).\n"
	"Rows on one side only are listed as `only in BASE` / `only in NEW`.\n"
	"  --threshold PCT    the change that counts (default 5)\n"
	"  --allow-different  compare different targets or modes (they are then not matched on);\n"
	"                     a linux run in a guest (begin.in_guest=yes) and one on the host\n"
	"                     (no) or unknown are different modes here: `vbench analyze` and\n"
	"                     `vbench report` pair a guest's with the host's as virt/native\n"
	"  --csv FILE         also write the comparison as CSV (atomically)\n"
	"  --level, --stable-pct  as for `vbench analyze`\n"
	"Options come before BASE and NEW.\n"
	"Exit status: 0 no regression, 1 at least one regression or row no longer measured,\n"
	"2 bad usage or input, or nothing to compare: different clocks (icount, host, pmu),\n"
	"different targets or modes without --allow-different, no row in common.\n";

static const char *vb_cell_or(const struct vb_row *r, const char *col)
{
	return r ? vb_row_get(r, col) : "";
}

static const struct vb_row *vb_either(const struct vb_change *x)
{
	return x->base ? x->base : x->new;
}

/* Fills the printable cells of one change. */
static void vb_change_cells(const struct vb_change *x, char (*b)[48], const char **cells)
{
	const struct vb_row *r = vb_either(x);
	static const char *const id[] = {
		"target", "mode", "policy", "bench", "variant", "config"
	};

	for (size_t i = 0; i < 6; i++)
		cells[i] = vb_cell_or(r, id[i]);
	b[0][0] = b[1][0] = b[2][0] = b[3][0] = '\0';
	if (x->base && x->base->ok)
		vb_fmt_num(b[0], 48, x->base->median);
	if (x->new && x->new->ok)
		vb_fmt_num(b[1], 48, x->new->median);
	if (x->base && x->new && x->base->ok && x->new->ok)
		snprintf(b[2], 48, "%+.2f%%", x->pct);
	if (x->has_ci)
		snprintf(b[3], 48, "[%+.2f%%, %+.2f%%]", x->ci_lo, x->ci_hi);
	for (size_t i = 0; i < 4; i++)
		cells[6 + i] = b[i][0] ? b[i] : "-";
	cells[10] = vb_cell_or(r, "unit");
	cells[11] = vb_verdict_name(x->v);
	cells[12] = x->note;
}

/* The columns of the table; base..change are numbers, right-aligned. */
#define VB_NCELLS    13
#define VB_NUM_FIRST 6
#define VB_NUM_LAST  8
static const char *const vb_compare_head[VB_NCELLS] = {
	"target", "mode",   "policy",	"bench", "variant", "config", "base",
	"new",	  "change", "interval", "unit",	 "verdict", "note",
};

static void vb_compare_print(const struct vb_comparison *c)
{
	char b[4][48];
	const char *cells[VB_NCELLS];
	int w[VB_NCELLS];

	for (size_t i = 0; i < VB_NCELLS; i++)
		w[i] = (int)strlen(vb_compare_head[i]);
	for (size_t r = 0; r < c->n; r++) {
		vb_change_cells(&c->c[r], b, cells);
		for (size_t i = 0; i < VB_NCELLS; i++)
			if ((int)strlen(cells[i]) > w[i])
				w[i] = (int)strlen(cells[i]);
	}
	w[VB_NCELLS - 1] = 0;
	for (size_t i = 0; i < VB_NCELLS; i++)
		printf("%-*s%s", w[i], vb_compare_head[i], i + 1 < VB_NCELLS ? "  " : "\n");
	for (size_t r = 0; r < c->n; r++) {
		vb_change_cells(&c->c[r], b, cells);
		for (size_t i = 0; i < VB_NCELLS; i++)
			printf(i >= VB_NUM_FIRST && i <= VB_NUM_LAST ? "%*s%s" : "%-*s%s", w[i],
			       cells[i], i + 1 < VB_NCELLS ? "  " : "\n");
	}
}

int vb_comparison_csv(FILE *f, const struct vb_comparison *c)
{
	static const char *const head[] = { "key",	 "base_median", "new_median", "change_pct",
					    "ci_lo_pct", "ci_hi_pct",	"verdict",    "note" };
	int bad = vb_csv_row(f, head, 8);

	for (size_t r = 0; r < c->n && !bad; r++) {
		const struct vb_change *x = &c->c[r];
		char b[4][48], lo[32] = "", hi[32] = "", pct[32] = "";
		const char *cells[VB_NCELLS];

		vb_change_cells(x, b, cells);
		if (x->has_ci)
			snprintf(lo, sizeof(lo), "%.3f", x->ci_lo),
				snprintf(hi, sizeof(hi), "%.3f", x->ci_hi);
		if (strcmp(cells[8], "-"))
			snprintf(pct, sizeof(pct), "%.3f", x->pct);
		const char *row[] = { x->key,
				      strcmp(cells[6], "-") ? cells[6] : "",
				      strcmp(cells[7], "-") ? cells[7] : "",
				      pct,
				      lo,
				      hi,
				      vb_verdict_name(x->v),
				      x->note };
		bad |= vb_csv_row(f, row, 8);
	}
	return bad;
}

struct vb_compare_args {
	double threshold;
	bool cross;
	const char *csv;
	struct vb_analysis_opts o;
};

static int vb_compare_args(int argc, char **argv, struct vb_compare_args *a)
{
	static const struct option lo[] = {
		{ "threshold", required_argument, NULL, 't' },
		{ "allow-different", no_argument, NULL, 'a' },
		{ "csv", required_argument, NULL, 'c' },
		{ "level", required_argument, NULL, 'l' },
		{ "stable-pct", required_argument, NULL, 's' },
		{ "help", no_argument, NULL, 'h' },
		{ NULL, 0, NULL, 0 },
	};
	struct vb_error e;
	char *end;
	int c;

	memset(a, 0, sizeof(*a));
	a->threshold = 5;
	vb_analysis_defaults(&a->o);
	optind = 1;
	while ((c = getopt_long(argc, argv, "+h", lo, NULL)) != -1) {
		if (c == 'h')
			return fputs(vb_compare_usage, stdout), 0;
		if (c == 't') {
			a->threshold = strtod(optarg, &end);
			if (*end || end == optarg || !(a->threshold >= 0) || isinf(a->threshold))
				return vb_report(VB_EXIT_USAGE,
						 "compare: --threshold %s: not a percentage >= 0",
						 optarg);
		} else if (c == 'a') {
			a->cross = true;
		} else if (c == 'c') {
			a->csv = optarg;
		} else if (c == '?') {
			return fputs(vb_compare_usage, stderr), VB_EXIT_USAGE;
		} else if (vb_analysis_opt(c, optarg, &a->o, &e)) {
			return vb_report(VB_EXIT_USAGE, "compare: %s", e.msg);
		}
	}
	for (int i = optind; i < argc; i++)
		if (argv[i][0] == '-' && argv[i][1])
			return vb_report(VB_EXIT_USAGE,
					 "compare: %s after the folders: options come before BASE "
					 "and NEW (vbench compare --help)",
					 argv[i]);
	if (argc - optind != 2)
		return vb_report(VB_EXIT_USAGE,
				 "compare: %d folders given, BASE and NEW expected (vbench compare "
				 "--help)",
				 argc - optind);
	return -1; /* go on */
}

static int vb_compare_go(struct vb_set *base, struct vb_set *new, const struct vb_compare_args *a)
{
	char *tb = vb_set_values(base, "clock"), *tn = vb_set_values(new, "clock");
	struct vb_comparison c;
	struct vb_outfile of;
	struct vb_error e;
	int r = VB_EXIT_OK;

	if (strcmp(tb, tn)) { /* icount counts instructions, host and pmu time: no common scale */
		r = vb_report(VB_EXIT_USAGE,
			      "compare: BASE has clock %s but NEW has clock %s: numbers of "
			      "different clocks cannot be compared",
			      *tb ? tb : "(none)", *tn ? tn : "(none)");
		free(tb), free(tn);
		return r;
	}
	free(tb), free(tn);
	tb = vb_set_values(base, "timer"), tn = vb_set_values(new, "timer");
	if (strcmp(tb, tn)) { /* --clock ticks or kvm against the cycle counter: other units */
		r = vb_report(VB_EXIT_USAGE,
			      "compare: BASE is timed with %s but NEW with %s: cycles and ticks "
			      "cannot be compared (vbench run --clock; docs/kvm.md)",
			      *tb ? tb : "the cycle counter", *tn ? tn : "the cycle counter");
		free(tb), free(tn);
		return r;
	}
	free(tb), free(tn);
	tb = vb_set_targets(base), tn = vb_set_targets(new);
	if (strcmp(tb, tn) && !a->cross) {
		r = vb_report(
			VB_EXIT_USAGE,
			"compare: BASE has %s but NEW has %s: refusing to compare different "
			"targets or modes (--allow-different compares them anyway)%s",
			tb, tn,
			strstr(tb, "in_guest=") && strstr(tn, "in_guest=") ?
				"; a linux run in a guest pairs with the host's as virt/native "
				"in vbench analyze and vbench report" :
				"");
		free(tb), free(tn);
		return r;
	}
	free(tb), free(tn);
	vb_compare(base, new, a->threshold, a->cross, &c);
	vb_compare_print(&c);
	printf("\n%zu rows: %zu regressions, %zu improvements, %zu no longer measured, %zu only "
	       "in BASE, %zu only in NEW (threshold %g%%)\n",
	       c.n, c.regressions, c.improvements, c.lost, c.only_base, c.only_new, a->threshold);
	if (a->csv && (vb_outfile_open(&of, a->csv, &e) ||
		       vb_outfile_close(&of, vb_comparison_csv(of.f, &c), &e)))
		r = vb_report(VB_EXIT_FAILED, "compare: %s", e.msg);
	else if (!c.common)
		r = vb_report(VB_EXIT_USAGE,
			      "compare: BASE and NEW have no row in common: nothing was compared");
	else if (c.regressions || c.lost)
		r = VB_EXIT_FAILED;
	vb_comparison_free(&c);
	return r;
}

int vb_cmd_compare(int argc, char **argv)
{
	struct vb_compare_args a;
	struct vb_set base, new;
	struct vb_error e;
	int r = vb_compare_args(argc, argv, &a);

	if (r >= 0)
		return r;
	memset(&new, 0, sizeof(new));
	if (vb_load_runs(&base, argv + optind, 1, &a.o, &e) ||
	    vb_load_runs(&new, argv + optind + 1, 1, &a.o, &e))
		r = vb_report(VB_EXIT_USAGE, "compare: %s", e.msg);
	else
		r = vb_compare_go(&base, &new, &a);
	vb_set_free(&base);
	vb_set_free(&new);
	return r;
}
