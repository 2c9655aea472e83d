/* traps.dat and tlb.dat: what the bar chart and the footprint curves read. */
#include <math.h>
#include <stdarg.h>
#include <stdlib.h>
#include <string.h>

#include "analysis/analysis.h"
#include "chart.h"
#include "plot.h"

#define VB_NAME 128

/* A growing string. */
struct vb_text {
	char *s;
	size_t len, cap;
};

static void vb_tprintf(struct vb_text *t, const char *fmt, ...)
	__attribute__((format(printf, 2, 3)));
static void vb_tprintf(struct vb_text *t, const char *fmt, ...)
{
	char *add;
	size_t n;
	va_list ap;

	va_start(ap, fmt);
	if (vasprintf(&add, fmt, ap) < 0)
		abort();
	va_end(ap);
	n = strlen(add);
	t->s = vb_grow(t->s, &t->cap, t->len + n + 1, 1);
	memcpy(t->s + t->len, add, n + 1);
	t->len += n;
	free(add);
}

/* " <v>", NaN as gnuplot's missing value spells it. */
static void vb_tnum(struct vb_text *t, double v)
{
	if (isnan(v))
		vb_tprintf(t, " NaN");
	else
		vb_tprintf(t, " %.10g", v);
}

/* A value for gnuplot: corrected when the overhead is known, NaN if none. */
static double vb_plot_value(const struct vb_row *r, double v)
{
	if (!r || !r->ok)
		return NAN;
	return r->has_overhead && strcmp(vb_row_get(r, "bench"), VB_OVERHEAD_BENCH) ?
		       v - r->overhead :
		       v;
}

static const char *vb_footprint(const struct vb_row *r)
{
	return vb_row_get(r, "footprint");
}

/* native, virt lean, virt full, then any other world in name order. */
static void vb_series_name(const struct vb_row *r, char *buf, size_t len)
{
	if (!strcmp(vb_row_get(r, "mode"), "native"))
		snprintf(buf, len, "native");
	else
		snprintf(buf, len, "%s %s", vb_row_get(r, "mode"), vb_row_get(r, "policy"));
}

static int vb_series_rank(const char *name)
{
	return !strcmp(name, "native")	  ? 0 :
	       !strcmp(name, "virt lean") ? 1 :
	       !strcmp(name, "virt full") ? 2 :
					    3;
}

static size_t vb_index_of(char (*names)[VB_NAME], size_t *n, const char *name)
{
	for (size_t i = 0; i < *n; i++)
		if (!strcmp(names[i], name))
			return i;
	snprintf(names[*n], VB_NAME, "%s", name);
	return (*n)++;
}

/* The memory family (issue #4) has charts of its own: the TLB curves and heat maps. */
static bool vb_is_memory(const struct vb_row *r)
{
	static const char *const memory[] = { "tlb_hit", "walk_full", "tlb_miss_chase",
					      "walk_cache", NULL };

	for (size_t i = 0; memory[i]; i++)
		if (!strcmp(vb_row_get(r, "bench"), memory[i]))
			return true;
	return false;
}

/* A bar of the trap chart: in cycles (the axis's unit; virq_timer counts ticks). */
static bool vb_is_trap(const struct vb_row *r)
{
	return !*vb_footprint(r) && !vb_is_memory(r) &&
	       strcmp(vb_row_get(r, "bench"), VB_OVERHEAD_BENCH) &&
	       !strcmp(vb_row_get(r, "unit"), "cycles");
}

static void vb_cluster_name(const struct vb_row *r, char *buf, size_t len)
{
	snprintf(buf, len, "%s", vb_row_get(r, "bench"));
}

/* A trap row of the target being drawn. */
static bool vb_is_trap_of(const struct vb_row *r, const char *target)
{
	return vb_is_trap(r) && !strcmp(vb_row_get(r, "target"), target);
}

static int vb_plot_traps_of(const struct vb_set *s, const char *target, const char *dir,
			    struct vb_charts *l, struct vb_error *e);

/* One bar chart per target: clusters of one target's benchmarks stay readable. */
int vb_plot_traps(const struct vb_set *s, const char *dir, struct vb_charts *l, struct vb_error *e)
{
	char(*targets)[VB_NAME] = vb_xcalloc(s->nrows + 1, VB_NAME);
	size_t nt = 0;
	int r = 0;

	for (size_t i = 0; i < s->nrows; i++)
		if (vb_is_trap(&s->rows[i]))
			vb_index_of(targets, &nt, vb_row_get(&s->rows[i], "target"));
	if (!nt) {
		struct vb_chart *ch = vb_chart_add(l, "traps", "Trap and interrupt costs");

		snprintf(ch->note, sizeof(ch->note),
			 "not drawn: no trap or interrupt benchmark in these runs");
	}
	for (size_t i = 0; i < nt && !r; i++)
		r = vb_plot_traps_of(s, targets[i], dir, l, e);
	free(targets);
	return r;
}

static int vb_plot_traps_of(const struct vb_set *s, const char *target, const char *dir,
			    struct vb_charts *l, struct vb_error *e)
{
	char(*series)[VB_NAME] = vb_xcalloc(s->nrows + 1, VB_NAME),
	(*clusters)[VB_NAME] = vb_xcalloc(s->nrows + 1, VB_NAME);
	const struct vb_row **cell;
	size_t ns = 0, nc = 0, order[VB_NAME];
	char id[VB_NAME + 8], title[VB_NAME + 32], file[VB_NAME + 16];
	struct vb_chart *ch;
	struct vb_text t = { 0 };
	char name[VB_NAME];
	int r = 0;

	snprintf(id, sizeof(id), "traps-%s", target);
	snprintf(title, sizeof(title), "Trap and interrupt costs: %s", target);
	snprintf(file, sizeof(file), "%s.dat", id);
	ch = vb_chart_add(l, id, title);
	for (size_t i = 0; i < s->nrows; i++)
		if (vb_is_trap_of(&s->rows[i], target)) {
			vb_series_name(&s->rows[i], name, sizeof(name));
			vb_index_of(series, &ns, name);
			vb_cluster_name(&s->rows[i], name, sizeof(name));
			vb_index_of(clusters, &nc, name);
		}
	if (!nc || ns > 64) {
		snprintf(ch->note, sizeof(ch->note), "not drawn: %s",
			 nc ? "more than 64 worlds" :
			      "no trap or interrupt benchmark in these runs");
		free(series), free(clusters);
		return 0;
	}
	for (size_t i = 0; i < ns; i++)
		order[i] = i;
	for (size_t i = 1; i < ns; i++) /* insertion sort by rank, then name */
		for (size_t j = i; j > 0; j--) {
			int a = vb_series_rank(series[order[j - 1]]),
			    b = vb_series_rank(series[order[j]]);

			if (a < b ||
			    (a == b && strcmp(series[order[j - 1]], series[order[j]]) <= 0))
				break;
			size_t tmp = order[j];
			order[j] = order[j - 1], order[j - 1] = tmp;
		}
	cell = vb_xcalloc(nc * ns, sizeof(*cell));
	for (size_t i = 0; i < s->nrows; i++) {
		size_t si, ci;

		if (!vb_is_trap_of(&s->rows[i], target))
			continue;
		vb_series_name(&s->rows[i], name, sizeof(name));
		si = vb_index_of(series, &ns, name);
		vb_cluster_name(&s->rows[i], name, sizeof(name));
		ci = vb_index_of(clusters, &nc, name);
		if (!cell[ci * ns + si] || (!cell[ci * ns + si]->ok && s->rows[i].ok))
			cell[ci * ns + si] = &s->rows[i];
	}
	vb_tprintf(&t, "\"benchmark\"");
	for (size_t i = 0; i < ns; i++)
		vb_tprintf(&t, " \"%s\" \"p10\" \"p90\"", series[order[i]]);
	vb_tprintf(&t, "\n");
	for (size_t c = 0; c < nc; c++) {
		vb_tprintf(&t, "\"%s\"", clusters[c]);
		for (size_t i = 0; i < ns; i++) {
			const struct vb_row *x = cell[c * ns + order[i]];

			vb_tnum(&t, vb_plot_value(x, x ? x->median : 0));
			vb_tnum(&t, vb_plot_value(x, x ? x->p10 : 0));
			vb_tnum(&t, vb_plot_value(x, x ? x->p90 : 0));
		}
		vb_tprintf(&t, "\n");
	}
	snprintf(ch->script, sizeof(ch->script), "traps.gp");
	snprintf(ch->vars, sizeof(ch->vars),
		 "data='%s'; nseries=%zu; subtitle='%s: median minus counter_overhead, "
		 "whiskers p10..p90 (min where no raw samples)'",
		 file, ns, target);
	snprintf(ch->note, sizeof(ch->note),
		 "%zu benchmarks, %zu worlds; bars are medians minus the run's counter_overhead, "
		 "whiskers p10 to p90 (the min where a run has no raw samples); rows in other "
		 "units than cycles (virq_timer: ticks) are in the tables only",
		 nc, ns);
	r = vb_plot_file(dir, file, t.s, e);
	free(t.s), free(cell), free(series), free(clusters);
	return r;
}

/* The curve a footprint row belongs to: its identity without bench sweep columns. */
static void vb_curve_name(const struct vb_row *r, char *buf, size_t len)
{
	snprintf(buf, len, "%s %s %s %s %s", vb_row_get(r, "target"), vb_row_get(r, "bench"),
		 vb_row_get(r, "mode"),
		 strcmp(vb_row_get(r, "policy"), "none") ? vb_row_get(r, "policy") : "",
		 vb_row_get(r, "config"));
	for (char *p = strstr(buf, "  "); p; p = strstr(buf, "  "))
		memmove(p, p + 1, strlen(p));
	if (*vb_row_get(r, "pattern"))
		snprintf(buf + strlen(buf), len - strlen(buf), " %s", vb_row_get(r, "pattern"));
}

static int vb_cmp_fp(const void *a, const void *b)
{
	const double *x = a, *y = b;

	return (x[0] > y[0]) - (x[0] < y[0]);
}

/* How many accesses one sample's value covers: 1 for "cycles", N for "cycles/N"; 0 otherwise. */
static double vb_accesses_per_value(const struct vb_row *x)
{
	const char *u = vb_row_get(x, "unit");
	double n;

	if (!strcmp(u, "cycles"))
		return 1;
	if (strncmp(u, "cycles/", 7) || vb_cell_num(u + 7, &n) || n <= 0)
		return 0;
	return n;
}

static bool vb_is_curve_point(const struct vb_row *x, const char *target)
{
	return x->ok && *vb_footprint(x) && vb_accesses_per_value(x) > 0 &&
	       !strcmp(vb_row_get(x, "target"), target);
}

/* One target's curves: per-access cost (the value / the accesses it covers) by footprint. */
static int vb_plot_tlb_of(const struct vb_set *s, const char *target, const char *dir,
			  struct vb_charts *l, struct vb_error *e)
{
	char(*curves)[VB_NAME] = vb_xcalloc(s->nrows + 1, VB_NAME), name[VB_NAME];
	char id[VB_NAME + 8], title[VB_NAME + 48], file[VB_NAME + 16];
	double *pts = vb_xcalloc(s->nrows * 4 + 1, sizeof(double));
	struct vb_text t = { 0 };
	struct vb_chart *ch;
	size_t nc = 0;
	int r;

	snprintf(id, sizeof(id), "tlb-%s", target);
	snprintf(title, sizeof(title), "TLB-miss cost against footprint: %s", target);
	snprintf(file, sizeof(file), "%s.dat", id);
	ch = vb_chart_add(l, id, title);
	/* each row's curve, named once: 1 + its index, 0 for rows on no curve */
	size_t *curve_of = vb_xcalloc(s->nrows + 1, sizeof(*curve_of));

	for (size_t i = 0; i < s->nrows; i++)
		if (vb_is_curve_point(&s->rows[i], target)) {
			vb_curve_name(&s->rows[i], name, sizeof(name));
			curve_of[i] = 1 + vb_index_of(curves, &nc, name);
		}
	for (size_t c = 0; c < nc; c++) {
		size_t np = 0;

		for (size_t i = 0; i < s->nrows; i++) {
			const struct vb_row *x = &s->rows[i];
			double fp, per;

			if (curve_of[i] != c + 1 || vb_parse_size(vb_footprint(x), &fp))
				continue;
			per = vb_accesses_per_value(x);
			pts[np * 4] = fp;
			pts[np * 4 + 1] = vb_plot_value(x, x->median) / per;
			pts[np * 4 + 2] = vb_plot_value(x, x->p10) / per;
			pts[np * 4 + 3] = vb_plot_value(x, x->p90) / per;
			np++;
		}
		qsort(pts, np, 4 * sizeof(double), vb_cmp_fp);
		vb_tprintf(&t, "%s\"footprint\" \"%s\"\n", c ? "\n\n" : "", curves[c]);
		for (size_t p = 0; p < np; p++) {
			vb_tprintf(&t, "%.0f", pts[p * 4]);
			for (int k = 1; k < 4; k++)
				vb_tnum(&t, pts[p * 4 + k]);
			vb_tprintf(&t, "\n");
		}
	}
	snprintf(ch->script, sizeof(ch->script), "tlb.gp");
	snprintf(ch->vars, sizeof(ch->vars),
		 "data='%s'; ncurves=%zu; subtitle='%s: (median minus counter_overhead) / accesses "
		 "per sample, whiskers p10..p90'",
		 file, nc, target);
	snprintf(
		ch->note, sizeof(ch->note),
		"%zu curves, one per configuration; a sample of unit cycles/N covers N accesses and "
		"is divided by N",
		nc);
	r = vb_plot_file(dir, file, t.s, e);
	free(t.s), free(pts), free(curves), free(curve_of);
	return r;
}

/* One chart per target: dozens of configurations on one axis are unreadable. */
int vb_plot_tlb(const struct vb_set *s, const char *dir, struct vb_charts *l, struct vb_error *e)
{
	char(*targets)[VB_NAME] = vb_xcalloc(s->nrows + 1, VB_NAME);
	size_t nt = 0;
	int r = 0;

	for (size_t i = 0; i < s->nrows; i++)
		if (s->rows[i].ok && *vb_footprint(&s->rows[i]))
			vb_index_of(targets, &nt, vb_row_get(&s->rows[i], "target"));
	if (!nt) {
		struct vb_chart *ch = vb_chart_add(l, "tlb", "TLB-miss cost against footprint");

		snprintf(ch->note, sizeof(ch->note),
			 "not drawn: no row of these runs has a footprint column");
	}
	for (size_t i = 0; i < nt && !r; i++)
		r = vb_plot_tlb_of(s, targets[i], dir, l, e);
	free(targets);
	return r;
}
