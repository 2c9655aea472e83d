/*
 * The report's first screen: per target and context, what each trap and virtual-interrupt
 * path and a full two-stage walk cost in every world, and virtualized minus native.
 */
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "analysis/analysis.h"
#include "analysis/context.h"
#include "plotrows.h"
#include "report.h"

#define VB_WORLDS 8

/* A summary row: a trap or interrupt path (any non-memory row but the overhead), walk_full. */
static bool vb_summary_row(const struct vb_row *r)
{
	const char *b = vb_row_get(r, "bench");

	if (!strcmp(b, VB_OVERHEAD_BENCH) || *vb_row_get(r, "footprint"))
		return false;
	if (!strcmp(b, "walk_full")) /* the cold walk when there is one (variant "cold") */
		return !*vb_row_get(r, "variant") || !strcmp(vb_row_get(r, "variant"), "cold");
	return !vb_is_memory(r);
}

/* Timed with the virtual counter: a kvm run's rows, and a --clock ticks run's (timer=cntvct). */
static bool vb_ticks_timed(const struct vb_row *r)
{
	return !strcmp(vb_row_get(r, "timer"), "cntvct") || !strcmp(vb_row_get(r, "mode"), "kvm");
}

/* The summary's table of a row: its chart group, and "|ticks" when the virtual counter timed it. */
static void vb_summary_key(const struct vb_row *r, char *buf, size_t len)
{
	char g[VB_NAME - 8]; /* room for the suffix in a VB_NAME */

	vb_plot_group(r, g, sizeof(g));
	snprintf(buf, len, "%.*s%s", (int)(sizeof(g) - 1), g, vb_ticks_timed(r) ? "|ticks" : "");
}

/* walk_full in the first configuration of the set: the default one, s1-4k_s2-4k, first. */
static bool vb_default_config(const struct vb_row *r)
{
	const char *c = vb_row_get(r, "config");

	return strcmp(vb_row_get(r, "bench"), "walk_full") || !*c || !strcmp(c, "s1-4k") ||
	       !strcmp(c, "s1-4k_s2-4k");
}

/* unit: the row's (its last column); a cell in another (KVM's ticks) names its own. */
static void vb_td_num(FILE *f, const struct vb_row *x, const char *cls, const char *unit)
{
	const char *own = x ? vb_row_get(x, "unit") : "";
	bool other = x && x->ok && strcmp(own, unit);

	double v;
	char b[48];

	if (!x) {
		fprintf(f, "<td class=\"%s none\">not run</td>", cls);
	} else if (!x->ok) {
		fprintf(f, "<td class=\"%s none\">", cls);
		vb_html_esc(f, vb_row_get(x, "status"));
		fputs("</td>", f);
	} else if (vb_row_corrected(x, &v)) { /* no overhead to subtract: raw, said for cycles */
		vb_fmt_num(b, sizeof(b), x->median);
		fprintf(f, "<td class=\"%s raw\">%s%s%s%s</td>", cls, b,
			strncmp(own, "cycles", 6) ? "" : " (raw)", other ? " " : "",
			other ? own : "");
	} else {
		vb_fmt_num(b, sizeof(b), v);
		fprintf(f, "<td class=\"%s\">%s%s%s</td>", cls, b, other ? " " : "",
			other ? own : "");
	}
}

/* virt - native, or why not: with no native path, the whole virt cost is virtualization's. */
static void vb_td_delta(FILE *f, const struct vb_row *v, const struct vb_row *n)
{
	double a, b;
	char buf[48];

	if (!v || !v->ok) {
		fputs("<td class=\"delta none\">-</td>", f);
		return;
	}
	if (vb_row_corrected(v, &a))
		a = v->median;
	if (!n || !n->ok) { /* na natively: the path exists only virtualized */
		if (n && !strcmp(vb_row_get(n, "status"), "na"))
			fputs("<td class=\"delta\">all (native na)</td>", f);
		else
			fprintf(f, "<td class=\"delta none\">- (native %s)</td>",
				n ? vb_row_get(n, "status") : "not run");
		return;
	}
	if (strcmp(vb_row_get(v, "unit"), vb_row_get(n, "unit"))) { /* KVM's ticks, native cycles */
		fputs("<td class=\"delta none\">- (units differ: ", f);
		vb_html_esc(f, vb_row_get(v, "unit"));
		fputs(" vs ", f);
		vb_html_esc(f, vb_row_get(n, "unit"));
		fputs(")</td>", f);
		return;
	}
	if (vb_row_corrected(n, &b))
		b = n->median;
	vb_fmt_num(buf, sizeof(buf), a - b);
	fprintf(f, "<td class=\"delta\">%s%s", a - b > 0 ? "+" : "", buf);
	if (b > 0)
		fprintf(f, " (%.3gx)", a / b);
	fputs("</td>", f);
}

/*
 * The native row of a ticks table's path when no native run was timed in ticks: the
 * cycles table's (same target and context), so that the difference says "units differ".
 */
static const struct vb_row *vb_native_fallback(const struct vb_set *s, const char *group,
					       const char *bench)
{
	const struct vb_row *n = NULL;
	size_t len = strlen(group) - strlen("|ticks");
	char name[VB_NAME];

	for (size_t i = 0; i < s->nrows; i++) {
		const struct vb_row *r = &s->rows[i];

		vb_summary_key(r, name, sizeof(name));
		if (strlen(name) != len || strncmp(name, group, len) || !vb_summary_row(r) ||
		    !vb_default_config(r) || strcmp(vb_row_get(r, "bench"), bench))
			continue;
		vb_row_world(r, name, sizeof(name));
		if (!strcmp(name, "native") && vb_plot_better(n, r))
			n = r;
	}
	return n;
}

static void vb_summary_group(FILE *f, const struct vb_set *s, const char *group)
{
	struct vb_names w, benches;
	const struct vb_row **cell, *first = NULL;
	char name[VB_NAME], ctx[96];
	size_t native = SIZE_MAX, order[VB_WORLDS], nw = 0;
	size_t gl = strlen(group);
	bool ticks = gl > 6 && !strcmp(group + gl - 6, "|ticks");

	vb_names_init(&w, s->nrows), vb_names_init(&benches, s->nrows);
	for (size_t i = 0; i < s->nrows; i++) {
		const struct vb_row *r = &s->rows[i];

		vb_summary_key(r, name, sizeof(name));
		if (strcmp(name, group) || !vb_summary_row(r) || !vb_default_config(r))
			continue;
		first = first ? first : r;
		vb_row_world(r, name, sizeof(name));
		vb_names_add(&w, name);
		vb_names_add(&benches, vb_row_get(r, "bench"));
	}
	if (!first || w.n > VB_WORLDS) {
		vb_names_free(&w), vb_names_free(&benches);
		return;
	}
	for (int style = 1; style <= 5; style++) /* native, lean, full, kvm, others */
		for (size_t i = 0; i < w.n; i++)
			if (vb_world_style(w.v[i]) == style)
				order[nw++] = i;
	cell = vb_xcalloc(w.n * benches.n, sizeof(*cell));
	for (size_t i = 0; i < s->nrows; i++) {
		const struct vb_row *r = &s->rows[i], **c;

		vb_summary_key(r, name, sizeof(name));
		if (strcmp(name, group) || !vb_summary_row(r) || !vb_default_config(r))
			continue;
		vb_row_world(r, name, sizeof(name));
		c = &cell[vb_names_add(&benches, vb_row_get(r, "bench")) * w.n +
			  vb_names_add(&w, name)];
		if (vb_plot_better(*c, r)) /* the latest measured, corrected where one is */
			*c = r;
	}
	for (size_t i = 0; i < w.n; i++)
		if (!strcmp(w.v[i], "native"))
			native = i;
	vb_row_context(first, ctx, sizeof(ctx));
	fputs("<table class=\"summary\"><caption>", f);
	vb_html_esc(f, vb_row_get(first, "target"));
	fputs(" &mdash; ", f);
	vb_html_esc(f, *vb_row_caveat(first) ? vb_row_caveat(first) : ctx);
	if (ticks)
		fputs(", timed with the virtual counter (ticks)", f);
	fprintf(f, " <span class=\"ctx\">(%s)</span></caption>\n<thead><tr><th>path</th>", ctx);
	for (size_t i = 0; i < nw; i++) {
		fputs("<th>", f);
		vb_html_esc(f, w.v[order[i]]);
		fputs("</th>", f);
	}
	for (size_t i = 0; i < nw; i++)
		if (order[i] != native) {
			fputs("<th>", f);
			vb_html_esc(f, w.v[order[i]]);
			fputs(" &minus; native</th>", f);
		}
	fputs("<th>unit</th></tr></thead><tbody>\n", f);
	for (size_t b = 0; b < benches.n; b++) {
		const struct vb_row *any = NULL, *nat = NULL;
		bool measured = false;

		for (size_t i = 0; i < nw; i++)
			measured |= cell[b * w.n + order[i]] && cell[b * w.n + order[i]]->ok;
		if (ticks && !measured) /* a row the ticks clock has no form of (TICKS_NA) */
			continue;
		nat = native != SIZE_MAX ? cell[b * w.n + native] :
		      ticks		 ? vb_native_fallback(s, group, benches.v[b]) :
					   NULL;
		fputs("<tr><td>", f);
		vb_html_esc(f, benches.v[b]);
		fputs("</td>", f);
		for (size_t i = 0; i < nw && !any; i++)
			any = cell[b * w.n + order[i]];
		for (size_t i = 0; i < nw; i++)
			vb_td_num(f, cell[b * w.n + order[i]], "num",
				  any ? vb_row_get(any, "unit") : "");
		for (size_t i = 0; i < nw; i++)
			if (order[i] != native)
				vb_td_delta(f, cell[b * w.n + order[i]], nat);
		fputs("<td>", f);
		vb_html_esc(f, any ? vb_row_get(any, "unit") : "");
		fputs("</td></tr>\n", f);
	}
	fputs("</tbody></table>\n", f);
	free(cell);
	vb_names_free(&w), vb_names_free(&benches);
}

void vb_report_summary(FILE *f, const struct vb_set *s)
{
	struct vb_names groups;
	char g[VB_NAME];

	fputs("<section id=\"summary\"><h2>Summary: what virtualization costs</h2>\n"
	      "<p>Each trap and virtual-interrupt path, and a full two-stage walk "
	      "(<code>walk_full</code> in the default configuration), in every world: the "
	      "median minus the run's <code>counter_overhead</code>, then each virtualized world "
	      "against native. Where native has no such path (<i>na</i>), all of the cost is "
	      "virtualization's. One table per target and clock: numbers of different clocks are "
	      "never compared. KVM's rows are timed with the virtual counter (its cycle counter "
	      "does not count the host), and so are the runs made with <code>vbench run --clock "
	      "ticks</code>: they share a table of their own, where each world's ratio to native "
	      "is taken in the same unit (the trap rows in <code>ticks/64</code>: 64 calls a "
	      "sample) and a path no world measured in ticks is left out. A cell in another unit "
	      "than its row's names it, and no difference is taken between two units (a ticks "
	      "table without a native ticks run says <i>units differ</i> against native's "
	      "cycles).</p>\n",
	      f);
	vb_names_init(&groups, s->nrows);
	for (size_t i = 0; i < s->nrows; i++)
		if (vb_summary_row(&s->rows[i])) {
			vb_summary_key(&s->rows[i], g, sizeof(g));
			vb_names_add(&groups, g);
		}
	for (size_t i = 0; i < groups.n; i++)
		vb_summary_group(f, s, groups.v[i]);
	if (!groups.n)
		fputs("<p>No trap, interrupt or walk row in these runs: see the charts and "
		      "tables.</p>\n",
		      f);
	fputs("</section>\n", f);
	vb_names_free(&groups);
}
