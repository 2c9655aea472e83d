/*
 * The report's Linux section: which vbench-linux runs were paired, a guest's
 * (begin.in_guest=yes) against the host's (no), and why the others were not;
 * then the pairs, configuration by configuration, with their intervals. The
 * pairing is analysis.c's, the bare-metal one.
 */
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "analysis/analysis.h"
#include "analysis/context.h"
#include "report.h"

static void vb_td(FILE *f, const char *s)
{
	fputs("<td>", f);
	vb_html_esc(f, s);
	fputs("</td>", f);
}

/* What one run's rows were paired with: "12 rows against host run H (kernel K)". */
static void vb_run_pairing(FILE *f, const struct vb_set *s, const struct vb_run *run)
{
	const struct vb_run *other = NULL;
	const char *note = NULL;
	size_t paired = 0, as_native = 0;

	for (size_t i = run->row0; i < run->row0 + run->nrows; i++) {
		const struct vb_row *r = &s->rows[i];

		paired += r->native != NULL;
		other = r->native ? r->native->run : other;
		note = !note && !r->native ? r->pair_note : note;
	}
	for (size_t i = 0; i < s->nrows && !paired; i++)
		if (s->rows[i].native && s->rows[i].native->run == run)
			as_native++, other = s->rows[i].run;
	fputs("<td>", f);
	if (paired)
		fprintf(f, "%zu of %zu rows paired with the host's run ", paired, run->nrows);
	else if (as_native)
		fprintf(f, "the host side of %zu rows of the guest's run ", as_native);
	if (paired || as_native) {
		vb_html_esc(f, vb_run_meta(other, "run_id"));
		fputs(" (kernel ", f);
		vb_html_esc(f, vb_run_meta(other, "begin.kernel"));
		fputs(")", f);
	}
	if (note && (paired || as_native))
		fputs("; others ", f);
	if (note) /* the first reason a row was left alone: unknown, or no host row */
		vb_html_esc(f, note);
	else if (!paired && !as_native)
		fputs("not paired: no run in a guest of the same target, arch and clock", f);
	fputs("</td>", f);
}

static void vb_linux_runs(FILE *f, const struct vb_set *s)
{
	static const char *const head[] = { "run",    "target",	  "arch",	    "clock",
					    "kernel", "in_guest", "guest_evidence", "pairing" };
	static const char *const keys[] = {
		"run_id",	"target",	  "begin.arch",		 "begin.clock",
		"begin.kernel", "begin.in_guest", "begin.guest_evidence"
	};

	fputs("<table id=\"linux-runs\"><thead><tr>", f);
	for (size_t i = 0; i < 8; i++)
		fprintf(f, "<th>%s</th>", head[i]);
	fputs("</tr></thead><tbody>\n", f);
	for (size_t i = 0; i < s->nruns; i++) {
		const struct vb_run *run = s->runs[i];

		if (!run->nrows || vb_linux_side(&s->rows[run->row0]) == VB_LINUX_NOT)
			continue;
		fputs("<tr>", f);
		for (size_t k = 0; k < 7; k++) {
			const char *v = vb_run_meta(run, keys[k]);

			vb_td(f, k == 5 && !*v ? "unknown (not recorded)" : v);
		}
		vb_run_pairing(f, s, run);
		fputs("</tr>\n", f);
	}
	fputs("</tbody></table>\n", f);
}

/* "lo..hi" into buf, or the reason there is none (noci: vb_row_pair_ci failed, saying why). */
static void vb_interval(char *buf, size_t len, int noci, double lo, double hi, bool ratio,
			const char *why)
{
	char a[40], b[40];

	if (noci || isnan(lo)) {
		snprintf(buf, len, "%s",
			 noci ? (*why ? why : "-") : "unavailable: the host's interval reaches 0");
		return;
	}
	if (ratio)
		snprintf(a, sizeof(a), "%.3f", lo), snprintf(b, sizeof(b), "%.3f", hi);
	else
		vb_fmt_num(a, sizeof(a), lo), vb_fmt_num(b, sizeof(b), hi);
	snprintf(buf, len, "%s..%s", a, b);
}

static void vb_linux_pairs(FILE *f, const struct vb_set *s)
{
	static const char *const head[] = { "target",	    "bench",	     "variant",
					    "config",	    "chase_mapping", "guest",
					    "host",	    "guest - host",  "interval",
					    "guest / host", "interval",	     "unit",
					    "basis" };
	size_t n = 0;

	fputs("<table id=\"linux-pairs\"><thead><tr>", f);
	for (size_t i = 0; i < 13; i++)
		fprintf(f, "<th>%s</th>", head[i]);
	fputs("</tr></thead><tbody>\n", f);
	for (size_t i = 0; i < s->nrows; i++) {
		const struct vb_row *r = &s->rows[i];
		double ratio, diff, dlo = NAN, dhi = NAN, qlo = NAN, qhi = NAN;
		const char *basis = "", *why = "";
		char b[6][96];
		int noci;

		if (!r->native || vb_linux_side(r) != VB_LINUX_GUEST)
			continue;
		for (size_t k = 0; k < 6; k++)
			snprintf(b[k], sizeof(b[k]), "-");
		if (vb_row_pair(r, &ratio, &diff, &basis)) {
			snprintf(b[0], sizeof(b[0]), "%s", vb_row_get(r, "status"));
			snprintf(b[1], sizeof(b[1]), "%s", vb_row_get(r->native, "status"));
		} else {
			double v = !strcmp(basis, "raw") ? r->median : r->median - r->overhead;

			vb_fmt_num(b[0], sizeof(b[0]), v);
			vb_fmt_num(b[1], sizeof(b[1]), v - diff);
			vb_fmt_num(b[2], sizeof(b[2]), diff);
			if (!isnan(ratio))
				snprintf(b[4], sizeof(b[4]), "%.3f", ratio);
			noci = vb_row_pair_ci(r, &dlo, &dhi, &qlo, &qhi, &why);
			vb_interval(b[3], sizeof(b[3]), noci, dlo, dhi, false, why);
			vb_interval(b[5], sizeof(b[5]), noci, qlo, qhi, true, why);
		}
		const char *v[] = { vb_row_get(r, "target"),
				    vb_row_get(r, "bench"),
				    vb_row_get(r, "variant"),
				    vb_row_get(r, "config"),
				    vb_row_get(r, "chase_mapping"),
				    b[0],
				    b[1],
				    b[2],
				    b[3],
				    b[4],
				    b[5],
				    vb_row_get(r, "unit"),
				    basis };

		fputs("<tr>", f);
		for (size_t k = 0; k < 13; k++)
			vb_td(f, v[k]);
		fputs("</tr>\n", f);
		n++;
	}
	if (!n)
		fputs("<tr><td colspan=\"13\">no linux run in a guest has a host run to pair "
		      "with (the runs above say why)</td></tr>",
		      f);
	fputs("</tbody></table>\n", f);
}

void vb_report_linux(FILE *f, const struct vb_set *s)
{
	bool any = false;

	for (size_t i = 0; i < s->nrows && !any; i++)
		any = vb_linux_side(&s->rows[i]) != VB_LINUX_NOT;
	if (!any)
		return;
	fputs("<h2>Linux: in a guest against the host</h2>\n<p>vbench-linux runs "
	      "(docs/linux.md) pair as virtualized/native when one ran in a guest "
	      "(<code>begin.in_guest=yes</code>) and the other on the host (<code>no</code>), of "
	      "the same target, arch and clock: row by row and configuration by configuration "
	      "(mapping, page size obtained, footprint, pattern), corrected medians (median minus "
	      "the run's counter_overhead, the perf read), intervals from both medians' intervals. "
	      "A run whose begin record says <code>in_guest=unknown</code> is never paired: it "
	      "could be either. Linux rows never pair with bare-metal ones. A guest's perf "
	      "<code>cycles</code> stop while KVM handles an exit (its PMU excludes the host): "
	      "the chase, warm, takes none; a row that exits (a page fault the host must map) "
	      "leaves the host's share out.</p>\n",
	      f);
	vb_linux_runs(f, s);
	vb_linux_pairs(f, s);
}
