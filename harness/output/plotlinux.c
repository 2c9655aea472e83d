/*
 * linux-<target>.dat: vbench-linux's page chase, cost per access against footprint,
 * a panel per mapping (4 KiB, THP, hugetlb 64 KiB / 2 MiB / 1 GiB where measured), a
 * curve per run in its world's style (the host's as native, a guest's as KVM's), and
 * the TLB events per access where the core counted them (plots/linux.gp).
 */
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "analysis/analysis.h"
#include "analysis/context.h"
#include "chart.h"
#include "plot.h"
#include "plotrows.h"

/* The mappings in order of page size, with their panel titles (docs/linux.md). */
static const char *const vb_lx_map[][2] = {
	{ "linux-4k", "4 KiB pages" },	 { "linux-64k", "hugetlb 64 KiB" },
	{ "linux-thp", "THP (2 MiB)" },	 { "linux-2m", "hugetlb 2 MiB" },
	{ "linux-1g", "hugetlb 1 GiB" },
};
#define VB_LX_NMAP (sizeof(vb_lx_map) / sizeof(vb_lx_map[0]))

/* The chase's TLB event columns, drawn per access where counted (a number, not unsupported). */
static const char *const vb_lx_events[] = { "l1d_tlb_refill", "l2d_tlb_refill", "dtlb_walk",
					    "mem_access" };
#define VB_LX_NEV (sizeof(vb_lx_events) / sizeof(vb_lx_events[0]))

struct vb_lx_curve {
	size_t map; /* index into vb_lx_map */
	int event;  /* -1: the cost; else an index into vb_lx_events */
	char label[VB_NAME], base[VB_NAME];
	const struct vb_row *first;
	int style, dash;
	size_t np;
	double *pts; /* footprint, value, p10, p90 */
};

struct vb_lx {
	struct vb_lx_curve *c;
	size_t n, cap;
	bool corrected, events;
	double fpmin, fpmax;
	size_t runsplit;
};

static size_t vb_lx_map_of(const struct vb_row *r)
{
	for (size_t m = 0; m < VB_LX_NMAP; m++)
		if (!strcmp(vb_row_get(r, "config"), vb_lx_map[m][0]))
			return m;
	return VB_LX_NMAP;
}

/* Accesses one value covers: N of "cycles/N", 1 of "cycles"; 0 for another unit. */
static double vb_lx_per(const struct vb_row *r)
{
	const char *u = vb_row_get(r, "unit");
	double n;

	if (!strcmp(u, "cycles"))
		return 1;
	return strncmp(u, "cycles/", 7) || vb_cell_num(u + 7, &n) || n <= 0 ? 0 : n;
}

/* A chase row of a linux run with a mapping this chart knows (any status). */
static bool vb_lx_chase(const struct vb_row *r)
{
	return !strcmp(vb_row_get(r, "mode"), "linux") &&
	       !strcmp(vb_row_get(r, "bench"), "tlb_miss_chase") && vb_lx_map_of(r) < VB_LX_NMAP;
}

static bool vb_lx_point(const struct vb_row *r)
{
	double fp;

	return vb_lx_chase(r) && r->ok && vb_lx_per(r) > 0 &&
	       !vb_parse_size(vb_row_get(r, "footprint"), &fp);
}

/* Target and what the numbers are (clock, emulated): not the kernel, which a guest's may change. */
static void vb_lx_group(const struct vb_row *r, char *buf, size_t len)
{
	snprintf(buf, len, "%s|%s%s", vb_row_get(r, "target"), vb_row_get(r, "clock"),
		 strcmp(vb_row_get(r, "emulated"), "yes") ? "" : "-emulated");
}

static struct vb_lx_curve *vb_lx_curve_of(struct vb_lx *t, const struct vb_row *r, int event)
{
	size_t map = vb_lx_map_of(r);
	struct vb_lx_curve *c;
	char world[64];

	for (size_t i = 0; i < t->n; i++)
		if (t->c[i].first->run == r->run && t->c[i].map == map && t->c[i].event == event)
			return &t->c[i];
	t->c = vb_grow(t->c, &t->cap, t->n + 1, sizeof(*t->c));
	c = &t->c[t->n++];
	memset(c, 0, sizeof(*c));
	c->map = map, c->event = event, c->first = r;
	vb_row_world(r, world, sizeof(world));
	c->style = vb_world_style(world);
	snprintf(c->base, sizeof(c->base), "%s%s%s", event < 0 ? "" : vb_lx_events[event],
		 event < 0 ? "" : ", ", world);
	return c;
}

static void vb_lx_add(struct vb_lx_curve *c, double fp, double v, double lo, double hi)
{
	c->pts = vb_xrealloc(c->pts, (c->np + 1) * 4 * sizeof(double));
	c->pts[c->np * 4] = fp, c->pts[c->np * 4 + 1] = v;
	c->pts[c->np * 4 + 2] = lo, c->pts[c->np * 4 + 3] = hi;
	c->np++;
}

static int vb_lx_cmp_pt(const void *a, const void *b)
{
	const double *x = a, *y = b;

	return (x[0] > y[0]) - (x[0] < y[0]);
}

/* Labels: the world; its kernel where the chart's runs differ in it; "(run 2)" for a repeat. */
static void vb_lx_labels(struct vb_lx *t)
{
	bool kernels = false;

	for (size_t i = 1; i < t->n; i++)
		kernels |= strcmp(vb_row_get(t->c[i].first, "kernel"),
				  vb_row_get(t->c[0].first, "kernel")) != 0;
	for (size_t i = 0; i < t->n; i++) {
		struct vb_lx_curve *c = &t->c[i];

		if (kernels) {
			size_t n = strlen(c->base);

			snprintf(c->base + n, sizeof(c->base) - n, " %s",
				 vb_row_get(c->first, "kernel"));
		}
		snprintf(c->label, sizeof(c->label), "%s", c->base);
		qsort(c->pts, c->np, 4 * sizeof(double), vb_lx_cmp_pt);
	}
	for (size_t i = 0; i < t->n; i++) {
		unsigned k = 1;

		for (size_t j = 0; j < i; j++)
			k += t->c[j].map == t->c[i].map && t->c[j].event == t->c[i].event &&
			     !strcmp(t->c[j].base, t->c[i].base);
		if (k > 1) {
			size_t n = strlen(t->c[i].label);

			snprintf(t->c[i].label + n, sizeof(t->c[i].label) - n, " (run %u)", k);
			t->runsplit++;
		}
	}
}

static void vb_lx_collect(const struct vb_set *s, const char *group, struct vb_lx *t)
{
	char g[VB_NAME];

	t->corrected = true;
	t->fpmin = INFINITY, t->fpmax = 0;
	for (size_t i = 0; i < s->nrows; i++) {
		vb_lx_group(&s->rows[i], g, sizeof(g));
		if (vb_lx_point(&s->rows[i]) && !strcmp(g, group))
			t->corrected &= s->rows[i].has_overhead;
	}
	for (size_t i = 0; i < s->nrows; i++) {
		const struct vb_row *x = &s->rows[i];
		double fp, per = vb_lx_per(x), ev;

		vb_lx_group(x, g, sizeof(g));
		if (!vb_lx_point(x) || strcmp(g, group))
			continue;
		vb_parse_size(vb_row_get(x, "footprint"), &fp);
		vb_lx_add(vb_lx_curve_of(t, x, -1), fp,
			  vb_plot_value(x, x->median, t->corrected) / per,
			  vb_plot_value(x, x->p10, t->corrected) / per,
			  vb_plot_value(x, x->p90, t->corrected) / per);
		t->fpmin = fmin(t->fpmin, fp), t->fpmax = fmax(t->fpmax, fp);
		for (size_t k = 0; k < VB_LX_NEV; k++)
			if (!vb_cell_num(vb_row_get(x, vb_lx_events[k]), &ev)) {
				vb_lx_add(vb_lx_curve_of(t, x, (int)k), fp, ev / per, ev / per,
					  ev / per);
				t->events = true;
			}
	}
	vb_lx_labels(t);
}

static int vb_lx_cmp_curve(const void *a, const void *b)
{
	const struct vb_lx_curve *x = a, *y = b;

	if (x->event != y->event)
		return x->event - y->event;
	return x->style != y->style ? x->style - y->style : strcmp(x->label, y->label);
}

/* Legend entries: one per label; the cost's dash 1 (a world's second label 2, ...), an event's its own. */
static size_t vb_lx_legend(struct vb_lx *t, struct vb_names *leg, int *lstyle, int *ldash)
{
	qsort(t->c, t->n, sizeof(*t->c), vb_lx_cmp_curve); /* cost first, native, kvm, others */
	for (size_t i = 0; i < t->n; i++) {
		size_t before = leg->n, k = vb_names_add(leg, t->c[i].label);

		if (k == before) {
			lstyle[k] = t->c[i].style;
			ldash[k] = t->c[i].event < 0 ? 1 : 2 + t->c[i].event;
			for (size_t j = 0; j < k && t->c[i].event < 0; j++)
				ldash[k] += lstyle[j] == lstyle[k];
		}
		t->c[i].dash = ldash[k];
	}
	return leg->n;
}

/* What the note says of mappings with no number, and of events not counted. */
static void vb_lx_missing(const struct vb_set *s, const char *group, const struct vb_lx *t,
			  char *buf, size_t len)
{
	size_t n = 0;
	char g[VB_NAME];
	const struct vb_row *any = NULL;

	buf[0] = '\0';
	for (size_t m = 0; m < VB_LX_NMAP; m++) {
		bool seen = false, drawn = false;

		for (size_t i = 0; i < s->nrows; i++) {
			vb_lx_group(&s->rows[i], g, sizeof(g));
			if (!vb_lx_chase(&s->rows[i]) || strcmp(g, group) ||
			    vb_lx_map_of(&s->rows[i]) != m)
				continue;
			seen = true, any = &s->rows[i];
		}
		for (size_t i = 0; i < t->n; i++)
			drawn |= t->c[i].map == m;
		if (seen && !drawn && n < len)
			n += (size_t)snprintf(buf + n, len - n,
					      "; %s not drawn: no run measured it",
					      vb_lx_map[m][0]);
	}
	if (!t->events && any && n < len) {
		n += (size_t)snprintf(buf + n, len - n, "; no TLB event counted (");
		for (size_t k = 0; k < VB_LX_NEV && n < len; k++) {
			char key[64];
			const char *why;

			snprintf(key, sizeof(key), "begin.ev_%s", vb_lx_events[k]);
			why = vb_run_meta(any->run, key);
			n += (size_t)snprintf(buf + n, len - n, "%s%s %s", k ? ", " : "",
					      vb_lx_events[k], *why ? why : "not recorded");
		}
		if (n < len)
			snprintf(buf + n, len - n, ")");
	}
}

static int vb_plot_linux_of(const struct vb_set *s, const struct vb_names *groups, size_t g,
			    const char *dir, struct vb_charts *l, struct vb_error *e)
{
	struct vb_lx t = { 0 };
	struct vb_names leg, ptitle, pytitle;
	struct vb_text d = { 0 }, v = { 0 };
	char id[VB_NAME + 16], file[VB_NAME + 24], title[256], ctx[96], missing[512], t2[VB_NAME];
	int *pfirst, *pcount, *cstyle, *cdash, *lstyle, *ldash, blocks = 0, r;
	double *pymax;
	const struct vb_row *first = NULL;
	size_t np = 0, nl, cols, maps = 0;
	struct vb_chart *ch;
	bool split;

	vb_lx_collect(s, groups->v[g], &t);
	vb_names_init(&leg, t.n);
	lstyle = vb_xcalloc(t.n + 1, sizeof(int)), ldash = vb_xcalloc(t.n + 1, sizeof(int));
	nl = vb_lx_legend(&t, &leg, lstyle, ldash);
	vb_names_init(&ptitle, 2 * VB_LX_NMAP), vb_names_init(&pytitle, 2 * VB_LX_NMAP);
	pfirst = vb_xcalloc(2 * VB_LX_NMAP, sizeof(int)),
	pcount = vb_xcalloc(2 * VB_LX_NMAP, sizeof(int));
	pymax = vb_xcalloc(2 * VB_LX_NMAP, sizeof(double));
	cstyle = vb_xcalloc(t.n + 1, sizeof(int)), cdash = vb_xcalloc(t.n + 1, sizeof(int));
	/* a panel per mapping and kind (cost, events), in the mappings' order */
	for (size_t m = 0; m < VB_LX_NMAP; m++)
		for (int kind = 0; kind < 2; kind++) {
			size_t before = (size_t)blocks;
			double top = 0;

			pfirst[np] = blocks;
			for (size_t i = 0; i < t.n; i++) {
				const struct vb_lx_curve *c = &t.c[i];

				if (c->map != m || (c->event >= 0) != kind)
					continue;
				vb_tprintf(&d, "%s\"footprint\" \"%s\"\n", blocks ? "\n\n" : "",
					   c->label);
				for (size_t q = 0; q < c->np; q++) {
					vb_tprintf(&d, "%.0f", c->pts[q * 4]);
					for (int k = 1; k < 4; k++)
						vb_tnum(&d, c->pts[q * 4 + k]);
					vb_tprintf(&d, "\n");
					top = fmax(top, isnan(c->pts[q * 4 + 3]) ?
								c->pts[q * 4 + 1] :
								c->pts[q * 4 + 3]);
				}
				cstyle[blocks] = c->style, cdash[blocks] = c->dash;
				blocks++;
			}
			if ((size_t)blocks == before)
				continue;
			pcount[np] = blocks - (int)before;
			pymax[np] = top > 0 ? top * 1.15 : 1;
			snprintf(t2, sizeof(t2), "%s%s", vb_lx_map[m][1],
				 kind ? ": TLB events" : "");
			snprintf(ptitle.v[np], VB_NAME, "%s", t2);
			snprintf(pytitle.v[np], VB_NAME, "%s",
				 kind ? "events per access" : "cycles per access");
			maps += !kind;
			np++;
		}
	for (size_t i = 0; i < s->nrows && !first; i++) {
		char gg[VB_NAME];

		vb_lx_group(&s->rows[i], gg, sizeof(gg));
		first = vb_lx_point(&s->rows[i]) && !strcmp(gg, groups->v[g]) ? &s->rows[i] : NULL;
	}
	snprintf(ctx, sizeof(ctx), "clock %s%s", vb_row_get(first, "clock"),
		 strcmp(vb_row_get(first, "emulated"), "yes") ? "" : ", emulated");
	vb_plot_chart_id(groups, g, "linux", id, sizeof(id), &split);
	snprintf(title, sizeof(title), "Linux page chase against footprint: %s (%s)",
		 vb_row_get(first, "target"), ctx);
	ch = vb_chart_add(l, id, title);
	snprintf(file, sizeof(file), "%s.dat", id);
	cols = t.events ? 2 : np <= 1 ? 1 : np <= 4 ? 2 : 3;
	vb_tprintf(&v,
		   "data='%s'; title='%s'; subtitle='%s / accesses per sample, whiskers p10..p90; "
		   "a panel per mapping%s'; npanels=%zu; ncols=%zu; width=%d; height=%d; "
		   "xmin=%.0f; xmax=%.0f; nlegend=%zu",
		   file, title,
		   t.corrected ? "(median minus counter_overhead)" :
				 "median (raw: not every run has a counter_overhead)",
		   t.events ? "; events: median count per sample / accesses, raw" : "", np, cols,
		   cols == 1 ? 960 : 1200,
		   (int)(cols == 1 ? 540 : 120 + 300 * ((np + cols - 1) / cols)), t.fpmin, t.fpmax,
		   nl);
	vb_tarray_int(&v, "pfirst", pfirst, np);
	vb_tarray_int(&v, "pcount", pcount, np);
	vb_tarray_str(&v, "ptitle", (const char *)ptitle.v, VB_NAME, np);
	vb_tarray_str(&v, "pytitle", (const char *)pytitle.v, VB_NAME, np);
	vb_tarray_num(&v, "pymax", pymax, np);
	vb_tarray_int(&v, "cstyle", cstyle, (size_t)blocks);
	vb_tarray_int(&v, "cdash", cdash, (size_t)blocks);
	vb_tarray_str(&v, "lname", (const char *)leg.v, VB_NAME, nl);
	vb_tarray_int(&v, "lstyle", lstyle, nl);
	vb_tarray_int(&v, "ldash", ldash, nl);
	vb_lx_missing(s, groups->v[g], &t, missing, sizeof(missing));
	if (v.len >= sizeof(ch->vars)) {
		snprintf(ch->note, sizeof(ch->note),
			 "not drawn: %zu panels and %zu curves are more than one chart shows", np,
			 t.n);
	} else {
		snprintf(ch->vars, sizeof(ch->vars), "%s", v.s);
		snprintf(ch->script, sizeof(ch->script), "linux.gp");
		snprintf(ch->note, sizeof(ch->note),
			 "%zu mappings, %zu curves, %s; a sample of unit cycles/N covers N "
			 "accesses and is divided by N; %s%s%s%s",
			 maps, t.n, ctx,
			 t.corrected ?
				 "counter_overhead (the perf read) subtracted, events raw" :
				 "raw medians: some runs have no counter_overhead to subtract",
			 t.runsplit ? "; a mapping measured in several runs of a world is drawn "
				      "once per run (run 2, ...), never merged" :
				      "",
			 split ? "; the target's runs in other clocks are in charts of their own" :
				 "",
			 missing);
	}
	r = vb_plot_file(dir, file, d.s ? d.s : "", e);
	for (size_t i = 0; i < t.n; i++)
		free(t.c[i].pts);
	free(t.c), free(d.s), free(v.s), free(pfirst), free(pcount), free(pymax), free(cstyle);
	free(cdash), free(lstyle), free(ldash);
	vb_names_free(&leg), vb_names_free(&ptitle), vb_names_free(&pytitle);
	return r;
}

/* One chart per target and clock; none where no linux run has a chase row. */
int vb_plot_linux(const struct vb_set *s, const char *dir, struct vb_charts *l, struct vb_error *e)
{
	struct vb_names groups;
	char g[VB_NAME];
	bool chase = false;
	int r = 0;

	vb_names_init(&groups, s->nrows);
	for (size_t i = 0; i < s->nrows; i++) {
		chase |= vb_lx_chase(&s->rows[i]);
		if (vb_lx_point(&s->rows[i])) {
			vb_lx_group(&s->rows[i], g, sizeof(g));
			vb_names_add(&groups, g);
		}
	}
	if (chase && !groups.n) {
		struct vb_chart *ch =
			vb_chart_add(l, "linux", "Linux page chase against footprint");

		snprintf(ch->note, sizeof(ch->note),
			 "not drawn: no linux run measured the chase (every row not ok)");
	}
	for (size_t i = 0; i < groups.n && !r; i++)
		r = vb_plot_linux_of(s, &groups, i, dir, l, e);
	vb_names_free(&groups);
	return r;
}
