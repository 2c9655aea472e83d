/*
 * heatmap-<target>-<policy>-<bench>[-<variant>][-<facet>].dat: virt/native over stage-1 x
 * stage-2 page sizes. The axes are sizes only, in order; what else a configuration
 * changes (start level, walk attributes) is a facet: a map of its own.
 */
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "analysis/analysis.h"
#include "analysis/context.h"
#include "chart.h"
#include "plot.h"
#include "plotrows.h"

#define VB_AXIS 32

/* One stage of a config ("s1-4k-2m-nc"): the mapping size (else the granule) and its tags. */
static int vb_stage(const char *config, const char *stage, double *bytes, char *tags, size_t len)
{
	char cfg[VB_NAME], *save = NULL;

	snprintf(cfg, sizeof(cfg), "%s", config);
	tags[0] = '\0';
	for (char *t = strtok_r(cfg, "_", &save); t; t = strtok_r(NULL, "_", &save)) {
		char *s2 = NULL, *x;
		size_t n = 0, k = 0;
		double b;

		if (strncmp(t, stage, 2) || t[2] != '-')
			continue;
		*bytes = -1;
		for (x = strtok_r(t + 3, "-", &s2); x; x = strtok_r(NULL, "-", &s2), k++)
			if (k < 2 && !vb_parse_size(x, &b))
				*bytes = b;
			else if (n < len)
				n += (size_t)snprintf(tags + n, len - n, "%s%s %s", n ? ", " : "",
						      stage, x);
		return *bytes > 0 ? 0 : -1;
	}
	return -1;
}

/* The map a virt row belongs to and its cell; false if it has none. */
struct vb_heat {
	char group[VB_NAME]; /* target|context|policy|bench|variant|facet */
	char variant[64], facet[96];
	double s1, s2, ratio, fp;
};

static bool vb_heat_row(const struct vb_row *r, struct vb_heat *h)
{
	double diff;
	const char *basis, *cfg = vb_row_get(r, "config");
	char g[VB_NAME], t1[48], t2[48];

	if (!r->native || !vb_is_memory(r) || vb_row_pair(r, &h->ratio, &diff, &basis) ||
	    !isfinite(h->ratio) || h->ratio <= 0 || vb_stage(cfg, "s1", &h->s1, t1, sizeof(t1)) ||
	    vb_stage(cfg, "s2", &h->s2, t2, sizeof(t2)))
		return false;
	if (snprintf(h->facet, sizeof(h->facet), "%s%s%s", t1, *t1 && *t2 ? ", " : "", t2) >=
	    (int)sizeof(h->facet))
		return false;
	h->fp = 0;
	if (*vb_row_get(r, "footprint")) { /* one map at the largest footprint: see below */
		vb_parse_size(vb_row_get(r, "footprint"), &h->fp);
		h->variant[0] = '\0';
	} else {
		snprintf(h->variant, sizeof(h->variant), "%s",
			 *vb_row_get(r, "variant") ? vb_row_get(r, "variant") :
						     vb_row_get(r, "pattern"));
	}
	vb_plot_group(r, g, sizeof(g));
	return snprintf(h->group, sizeof(h->group), "%s|%s|%s|%s|%s", g, vb_row_get(r, "policy"),
			vb_row_get(r, "bench"), h->variant, h->facet) < (int)sizeof(h->group);
}

struct vb_axis {
	double v[VB_AXIS];
	size_t n;
};

static size_t vb_axis_add(struct vb_axis *a, double v)
{
	for (size_t i = 0; i < a->n; i++)
		if (a->v[i] == v)
			return i;
	if (a->n == VB_AXIS)
		return VB_AXIS - 1;
	a->v[a->n] = v;
	return a->n++;
}

static int vb_cmp_d(const void *a, const void *b)
{
	const double *x = a, *y = b;

	return (*x > *y) - (*x < *y);
}

/* A diagonal: no stage-1 size met with two stage-2 sizes nor the other way round. */
static bool vb_diagonal(unsigned (*cnt)[VB_AXIS], size_t nx, size_t ny)
{
	for (size_t i = 0; i < nx; i++) {
		unsigned row = 0;

		for (size_t j = 0; j < ny; j++)
			row += cnt[i][j] > 0;
		if (row > 1)
			return false;
	}
	for (size_t j = 0; j < ny; j++) {
		unsigned col = 0;

		for (size_t i = 0; i < nx; i++)
			col += cnt[i][j] > 0;
		if (col > 1)
			return false;
	}
	return true;
}

/*
 * One map, from the rows whose heat cell h[i] is in the group (ok[i]). A footprint row is
 * drawn at the largest footprint every configuration measured (each cell's largest, the
 * smallest of them), so no configuration drops out.
 */
static int vb_heat_one(const struct vb_set *s, const struct vb_heat *hs, const bool *ok,
		       const char *dir, const char *group, struct vb_charts *l, struct vb_error *e)
{
	struct vb_axis x = { 0 }, y = { 0 };
	static double logsum[VB_AXIS][VB_AXIS], cellfp[VB_AXIS][VB_AXIS];
	static unsigned cnt[VB_AXIS][VB_AXIS];
	double fp = INFINITY, lo = INFINITY, hi = 0;
	const struct vb_row *first = NULL;
	char name[VB_NAME * 2], file[VB_NAME * 2 + 16], a[32], b[32], ctx[96], sub[256];
	struct vb_text t = { 0 };
	struct vb_chart *ch;
	struct vb_heat h;
	int r;

	memset(logsum, 0, sizeof(logsum)), memset(cnt, 0, sizeof(cnt));
	memset(cellfp, 0, sizeof(cellfp));
	for (size_t i = 0; i < s->nrows; i++) /* each cell's largest footprint, unsorted axes */
		if (ok[i] && !strcmp(hs[i].group, group)) {
			size_t xi = vb_axis_add(&x, hs[i].s1), yi = vb_axis_add(&y, hs[i].s2);

			cellfp[xi][yi] = fmax(cellfp[xi][yi], hs[i].fp);
			cnt[xi][yi] = 1;
		}
	for (size_t i = 0; i < x.n; i++)
		for (size_t j = 0; j < y.n; j++)
			if (cnt[i][j])
				fp = fmin(fp, cellfp[i][j]);
	fp = isfinite(fp) ? fp : 0;
	x.n = y.n = 0;
	memset(cnt, 0, sizeof(cnt));
	for (int pass = 0; pass < 2; pass++) { /* the axes, sorted; then the cells */
		for (size_t i = 0; i < s->nrows; i++) {
			if (!ok[i] || strcmp(hs[i].group, group) || hs[i].fp != fp)
				continue;
			first = first ? first : &s->rows[i];
			if (pass) {
				size_t xi = vb_axis_add(&x, hs[i].s1),
				       yi = vb_axis_add(&y, hs[i].s2);

				logsum[xi][yi] += log(hs[i].ratio);
				cnt[xi][yi]++;
			} else {
				vb_axis_add(&x, hs[i].s1), vb_axis_add(&y, hs[i].s2);
			}
		}
		qsort(x.v, x.n, sizeof(x.v[0]), vb_cmp_d);
		qsort(y.v, y.n, sizeof(y.v[0]), vb_cmp_d);
	}
	vb_heat_row(first, &h);
	vb_row_context(first, ctx, sizeof(ctx));
	snprintf(name, sizeof(name), "heatmap-%s-%s-%s%s%s%s%s", vb_row_get(first, "target"),
		 vb_row_get(first, "policy"), vb_row_get(first, "bench"), *h.variant ? "-" : "",
		 h.variant, *h.facet ? "-" : "", h.facet);
	vb_slug(name, sizeof(name), name); /* in place: each byte is read before it is written */
	ch = vb_chart_add(l, name, "");
	snprintf(ch->title, sizeof(ch->title), "Virtualized / native: %s %s %s%s%s (%s)",
		 vb_row_get(first, "target"), vb_row_get(first, "policy"),
		 vb_row_get(first, "bench"), *h.variant ? " " : "", h.variant, ctx);
	vb_fmt_size(a, sizeof(a), fp);
	snprintf(sub, sizeof(sub), "%s%s%s%s",
		 *h.facet ? h.facet : "natural start level, write-back walks",
		 fp > 0 ? "; footprint " : "", fp > 0 ? a : "",
		 fp > 0 ? " (the largest all measured)" : "");
	if (x.n * y.n < 2 || vb_diagonal(cnt, x.n, y.n)) {
		snprintf(
			ch->note, sizeof(ch->note), "not drawn (%s): %s", sub,
			x.n * y.n < 2 ?
				"measured in one page-size configuration only (see the tables)" :
				"every configuration changes both stages' page size together (a "
				"diagonal), so a map cannot tell stage 1 from stage 2; the pairs table "
				"has each ratio");
		return 0;
	}
	vb_tprintf(&t, "\"x\" \"y\" \"ratio\" \"s1\" \"s2\" \"rows\"\n");
	for (size_t i = 0; i < x.n; i++)
		for (size_t j = 0; j < y.n; j++)
			if (cnt[i][j]) {
				double v = exp(logsum[i][j] / cnt[i][j]);

				lo = fmin(lo, v), hi = fmax(hi, v);
				vb_fmt_size(a, sizeof(a), x.v[i]),
					vb_fmt_size(b, sizeof(b), y.v[j]);
				vb_tprintf(&t, "%zu %zu %.6g \"%s\" \"%s\" %u\n", i, j, v, a, b,
					   cnt[i][j]);
			}
	/* the colours span the data, at least 0.05 wide: equal cells stay one light colour */
	lo = fmin(lo, 1.0);
	hi = fmax(hi, lo + 0.05);
	snprintf(file, sizeof(file), "%s.dat", name);
	snprintf(ch->script, sizeof(ch->script), "heatmap.gp");
	snprintf(ch->vars, sizeof(ch->vars),
		 "data='%s'; title='%s'; subtitle='%s (geometric mean per cell)'; cbmin=%.6g; "
		 "cbmax=%.6g",
		 file, ch->title, sub, lo, hi);
	snprintf(ch->note, sizeof(ch->note),
		 "%zu stage-1 x %zu stage-2 page sizes, %s; each cell is the geometric mean of "
		 "virt/native median ratios (minus counter_overhead where known)",
		 x.n, y.n, sub);
	r = vb_plot_file(dir, file, t.s, e);
	free(t.s);
	return r;
}

int vb_plot_heatmaps(const struct vb_set *s, const char *dir, struct vb_charts *l,
		     struct vb_error *e)
{
	struct vb_heat *hs = vb_xcalloc(s->nrows + 1, sizeof(*hs));
	bool *ok = vb_xcalloc(s->nrows + 1, sizeof(*ok));
	struct vb_names groups;
	int r = 0;

	vb_names_init(&groups, s->nrows);
	for (size_t i = 0; i < s->nrows; i++) /* each row's map and cell, once */
		if ((ok[i] = vb_heat_row(&s->rows[i], &hs[i])))
			vb_names_add(&groups, hs[i].group);
	for (size_t i = 0; i < groups.n && !r; i++)
		r = vb_heat_one(s, hs, ok, dir, groups.v[i], l, e);
	if (!groups.n) {
		struct vb_chart *ch = vb_chart_add(l, "heatmap", "Virtualized / native heat map");

		snprintf(ch->note, sizeof(ch->note),
			 "not drawn: no virt row with a measured native pair and page sizes");
	}
	vb_names_free(&groups);
	free(hs), free(ok);
	return r;
}
