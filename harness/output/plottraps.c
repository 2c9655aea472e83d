/* traps-<target>.dat: trap and interrupt costs as bars, one cluster a benchmark, a bar a world. */
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "analysis/analysis.h"
#include "analysis/context.h"
#include "chart.h"
#include "plot.h"
#include "plotrows.h"

/* A bar of the trap chart: in cycles (the axis's unit; virq_timer counts ticks). */
static bool vb_is_trap(const struct vb_row *r)
{
	return !*vb_row_get(r, "footprint") && !vb_is_memory(r) &&
	       strcmp(vb_row_get(r, "bench"), VB_OVERHEAD_BENCH) &&
	       !strcmp(vb_row_get(r, "unit"), "cycles");
}

static bool vb_in_group(const struct vb_row *r, const char *group)
{
	char g[VB_NAME];

	vb_plot_group(r, g, sizeof(g));
	return vb_is_trap(r) && !strcmp(g, group);
}

/* What the slot of a bar with no number says: the status and why. */
static void vb_slot_label(const struct vb_row *x, double v, char *buf, size_t len)
{
	const char *st = x ? vb_row_get(x, "status") : "";

	if (!x)
		snprintf(buf, len, "not run");
	else if (!strcmp(st, "na"))
		snprintf(buf, len, "na: %s",
			 strcmp(vb_row_get(x, "mode"), "native") ? "no meaning here" :
								   "no hypervisor natively");
	else if (!strcmp(st, "unsupported"))
		snprintf(buf, len, "unsupported: not trapped here");
	else if (!x->ok)
		snprintf(buf, len, "%s", st);
	else if (!(v > 0))
		snprintf(buf, len, "%g", v); /* log scale: no bar, the value says it */
	else
		buf[0] = '\0';
}

/* Worlds in their style order (native, lean, full, kvm), then by name. */
static void vb_sort_worlds(const struct vb_names *w, size_t *order)
{
	for (size_t i = 0; i < w->n; i++)
		order[i] = i;
	for (size_t i = 1; i < w->n; i++)
		for (size_t j = i; j > 0; j--) {
			int a = vb_world_style(w->v[order[j - 1]]),
			    b = vb_world_style(w->v[order[j]]);
			size_t tmp = order[j];

			if (a < b || (a == b && strcmp(w->v[order[j - 1]], w->v[order[j]]) <= 0))
				break;
			order[j] = order[j - 1], order[j - 1] = tmp;
		}
}

static void vb_traps_data(const struct vb_set *s, const struct vb_names *w,
			  const struct vb_names *cl, const size_t *order,
			  const struct vb_row **cell, struct vb_text *t)
{
	char label[96];

	vb_tprintf(t, "\"benchmark\"");
	for (size_t i = 0; i < w->n; i++)
		vb_tprintf(t, " \"%s\" \"p10\" \"p90\" \"slot\"", w->v[order[i]]);
	vb_tprintf(t, "\n");
	for (size_t c = 0; c < cl->n; c++) {
		vb_tprintf(t, "\"%s\"", cl->v[c]);
		for (size_t i = 0; i < w->n; i++) {
			const struct vb_row *x = cell[c * w->n + order[i]];
			double v = vb_plot_value(x, x ? x->median : 0, true);

			vb_tnum(t, v);
			vb_tnum(t, vb_plot_value(x, x ? x->p10 : 0, true));
			vb_tnum(t, vb_plot_value(x, x ? x->p90 : 0, true));
			vb_slot_label(x, v, label, sizeof(label));
			vb_tprintf(t, " \"%s\"", label);
		}
		vb_tprintf(t, "\n");
	}
	(void)s;
}

static int vb_plot_traps_of(const struct vb_set *s, const struct vb_names *groups, size_t g,
			    const char *dir, struct vb_charts *l, struct vb_error *e)
{
	struct vb_names w, cl;
	const struct vb_row **cell, *first = NULL;
	size_t order[64], dups = 0;
	char id[VB_NAME + 16], name[VB_NAME], ctx[96], file[VB_NAME + 24], title[256];
	struct vb_chart *ch;
	struct vb_text t = { 0 };
	bool split;
	int r;

	vb_names_init(&w, s->nrows), vb_names_init(&cl, s->nrows);
	for (size_t i = 0; i < s->nrows; i++)
		if (vb_in_group(&s->rows[i], groups->v[g])) {
			first = first ? first : &s->rows[i];
			vb_row_world(&s->rows[i], name, sizeof(name));
			vb_names_add(&w, name);
			vb_names_add(&cl, vb_row_get(&s->rows[i], "bench"));
		}
	vb_plot_chart_id(groups, g, "traps", id, sizeof(id), &split);
	vb_row_context(first, ctx, sizeof(ctx));
	snprintf(title, sizeof(title), "Trap and interrupt costs: %s (%s)",
		 vb_row_get(first, "target"), ctx);
	ch = vb_chart_add(l, id, title);
	if (w.n > 64) {
		snprintf(ch->note, sizeof(ch->note), "not drawn: more than 64 worlds");
		vb_names_free(&w), vb_names_free(&cl);
		return 0;
	}
	vb_sort_worlds(&w, order);
	cell = vb_xcalloc(cl.n * w.n, sizeof(*cell));
	for (size_t i = 0; i < s->nrows; i++) {
		const struct vb_row *x = &s->rows[i], **c;

		if (!vb_in_group(x, groups->v[g]))
			continue;
		vb_row_world(x, name, sizeof(name));
		c = &cell[vb_names_add(&cl, vb_row_get(x, "bench")) * w.n + vb_names_add(&w, name)];
		dups += *c && (*c)->ok && x->ok;
		if (vb_plot_better(*c, x)) /* runs in name order: the latest, corrected, one */
			*c = x;
	}
	vb_traps_data(s, &w, &cl, order, cell, &t);
	snprintf(file, sizeof(file), "%s.dat", id);
	snprintf(ch->script, sizeof(ch->script), "traps.gp");
	r = snprintf(ch->vars, sizeof(ch->vars),
		     "data='%s'; nseries=%zu; title='%s'; subtitle='median minus the run''s "
		     "counter_overhead (log scale, value on each bar), whiskers p10..p90'; "
		     "array wstyle[%zu] = [",
		     file, w.n, title, w.n);
	for (size_t i = 0; i < w.n; i++)
		r += snprintf(ch->vars + r, sizeof(ch->vars) - r, "%s%d", i ? "," : "",
			      vb_world_style(w.v[order[i]]));
	snprintf(ch->vars + r, sizeof(ch->vars) - r, "]");
	snprintf(
		ch->note, sizeof(ch->note),
		"%zu benchmarks, %zu world%s, %s; bars are medians minus the run's "
		"counter_overhead, whiskers p10 to p90 (the min where a run has no raw samples); a "
		"slot without a number names its status%s%s; rows in other units than cycles "
		"(virq_timer: ticks) are in the tables only",
		cl.n, w.n, w.n == 1 ? "" : "s", ctx,
		split ? "; the target's runs in other clocks or builds are in charts of their own" :
			"",
		dups ? "; a bar measured in several runs shows the latest" : "");
	r = vb_plot_file(dir, file, t.s, e);
	free(t.s), free(cell);
	vb_names_free(&w), vb_names_free(&cl);
	return r;
}

/* One bar chart per target and context: numbers of different clocks never share an axis. */
int vb_plot_traps(const struct vb_set *s, const char *dir, struct vb_charts *l, struct vb_error *e)
{
	struct vb_names groups;
	char g[VB_NAME];
	int r = 0;

	vb_names_init(&groups, s->nrows);
	for (size_t i = 0; i < s->nrows; i++)
		if (vb_is_trap(&s->rows[i])) {
			vb_plot_group(&s->rows[i], g, sizeof(g));
			vb_names_add(&groups, g);
		}
	if (!groups.n) {
		struct vb_chart *ch = vb_chart_add(l, "traps", "Trap and interrupt costs");

		snprintf(ch->note, sizeof(ch->note),
			 "not drawn: no trap or interrupt benchmark in these runs");
	}
	for (size_t i = 0; i < groups.n && !r; i++)
		r = vb_plot_traps_of(s, &groups, i, dir, l, e);
	vb_names_free(&groups);
	return r;
}
