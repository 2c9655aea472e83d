/* traps-<target>.dat: trap and interrupt costs as bars, one cluster a benchmark, a bar a world. */
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "analysis/analysis.h"
#include "analysis/context.h"
#include "chart.h"
#include "plot.h"
#include "plotrows.h"

/*
 * The trap charts, one per unit: cycles (PMCCNTR), and ticks of the generic
 * timer (virq_timer in every world, and every row of KVM's, whose PMCCNTR
 * excludes the host), and ticks per 64 calls (the trap rows of KVM and of --clock ticks
 * runs: a tick is too coarse for one call): units never share an axis.
 */
struct vb_trap_unit {
	const char *unit, *kind, *ytitle, *subtitle;
};

static const struct vb_trap_unit vb_trap_units[] = {
	{ "cycles", "traps", "cycles (log scale)",
	  "median minus the run''s counter_overhead (log scale, value on each bar), whiskers "
	  "p10..p90" },
	{ "ticks", "traps-ticks", "generic-timer ticks (log scale)",
	  "in ticks of the virtual counter, medians as measured: nothing subtracted (log scale, "
	  "value on each bar), whiskers p10..p90" },
	{ "ticks/64", "traps-ticks64", "generic-timer ticks per 64 calls (log scale)",
	  "ticks of the virtual counter for 64 calls a sample, medians as measured: nothing "
	  "subtracted or divided (log scale, value on each bar), whiskers p10..p90" },
};

/* A bar of the trap chart in unit u. */
static bool vb_is_trap(const struct vb_row *r, const struct vb_trap_unit *u)
{
	return !*vb_row_get(r, "footprint") && !vb_is_memory(r) &&
	       strcmp(vb_row_get(r, "bench"), VB_OVERHEAD_BENCH) &&
	       !strcmp(vb_row_get(r, "unit"), u->unit);
}

static bool vb_in_group(const struct vb_row *r, const char *group, const struct vb_trap_unit *u)
{
	char g[VB_NAME];

	vb_plot_group(r, g, sizeof(g));
	return vb_is_trap(r, u) && !strcmp(g, group);
}

/* What the slot of a bar with no number says: the status and why. */
static void vb_slot_label(const struct vb_row *x, double v, char *buf, size_t len)
{
	const char *st = x ? vb_row_get(x, "status") : "";

	if (!x)
		snprintf(buf, len, "not run");
	else if (!strcmp(st, "na"))
		snprintf(buf, len, "na: %s",
			 !strcmp(vb_row_get(x, "mode"), "native") ? "no hypervisor natively" :
			 !strcmp(vb_row_get(x, "mode"), "kvm")	  ? "not under KVM" :
								    "no meaning here");
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
			    const struct vb_trap_unit *u, const char *dir, struct vb_charts *l,
			    struct vb_error *e)
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
		if (vb_in_group(&s->rows[i], groups->v[g], u)) {
			first = first ? first : &s->rows[i];
			vb_row_world(&s->rows[i], name, sizeof(name));
			vb_names_add(&w, name);
			vb_names_add(&cl, vb_row_get(&s->rows[i], "bench"));
		}
	vb_plot_chart_id(groups, g, u->kind, id, sizeof(id), &split);
	vb_row_context(first, ctx, sizeof(ctx));
	snprintf(title, sizeof(title), "Trap and interrupt costs in %s: %s (%s)", u->unit,
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

		if (!vb_in_group(x, groups->v[g], u))
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
		     "data='%s'; nseries=%zu; title='%s'; subtitle='%s'; ytitle='%s'; "
		     "array wstyle[%zu] = [",
		     file, w.n, title, u->subtitle, u->ytitle, w.n);
	for (size_t i = 0; i < w.n; i++)
		r += snprintf(ch->vars + r, sizeof(ch->vars) - r, "%s%d", i ? "," : "",
			      vb_world_style(w.v[order[i]]));
	snprintf(ch->vars + r, sizeof(ch->vars) - r, "]");
	snprintf(
		ch->note, sizeof(ch->note),
		"%zu benchmarks, %zu world%s, %s; bars are medians in %s%s, whiskers p10 to p90 "
		"(the min where a run has no raw samples); a slot without a number names its "
		"status%s%s; rows in %s are in a chart of their own",
		cl.n, w.n, w.n == 1 ? "" : "s", ctx, u->unit,
		u == vb_trap_units ?
			" minus the run's counter_overhead" :
		u == vb_trap_units + 1 ?
			" as measured (KVM's rows and virq_timer: the virtual counter)" :
			" as measured (the virtual counter, 64 calls a sample)",
		split ? "; the target's runs in other clocks or builds are in charts of their own" :
			"",
		dups ? "; a bar measured in several runs shows the latest" : "",
		u == vb_trap_units ? "ticks (virq_timer, KVM's)" : "cycles or other units");
	r = vb_plot_file(dir, file, t.s, e);
	free(t.s), free(cell);
	vb_names_free(&w), vb_names_free(&cl);
	return r;
}

/*
 * One bar chart per target, context and unit: numbers of different clocks
 * or units never share an axis. The ticks chart only where there are ticks.
 */
int vb_plot_traps(const struct vb_set *s, const char *dir, struct vb_charts *l, struct vb_error *e)
{
	int r = 0;

	for (size_t k = 0; k < sizeof(vb_trap_units) / sizeof(vb_trap_units[0]) && !r; k++) {
		const struct vb_trap_unit *u = &vb_trap_units[k];
		struct vb_names groups;
		char g[VB_NAME];

		vb_names_init(&groups, s->nrows);
		for (size_t i = 0; i < s->nrows; i++)
			if (vb_is_trap(&s->rows[i], u)) {
				vb_plot_group(&s->rows[i], g, sizeof(g));
				vb_names_add(&groups, g);
			}
		if (!groups.n && k == 0) {
			struct vb_chart *ch = vb_chart_add(l, "traps", "Trap and interrupt costs");

			snprintf(ch->note, sizeof(ch->note),
				 "not drawn: no trap or interrupt benchmark in cycles in these "
				 "runs");
		}
		for (size_t i = 0; i < groups.n && !r; i++)
			r = vb_plot_traps_of(s, &groups, i, u, dir, l, e);
		vb_names_free(&groups);
	}
	return r;
}
