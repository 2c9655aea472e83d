/*
 * tlb-<target>.dat: per-access cost against footprint, small multiples: one panel per
 * translation configuration, one curve per world (the native curve of the same stage 1
 * in each panel as the baseline), the worlds' styles from plots/common.gp. Rows timed
 * in ticks (kvm mode's chase, --clock ticks runs: ticks/1024) are a chart of their own,
 * tlb-ticks-<target>: ticks and cycles never share an axis.
 */
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "analysis/analysis.h"
#include "analysis/context.h"
#include "chart.h"
#include "plot.h"
#include "plotrows.h"

struct vb_curve {
	char panel[VB_NAME]; /* the configuration: virt's config, native's stage 1 */
	char label[VB_NAME]; /* world and what else tells it apart */
	char base[VB_NAME];  /* the label before runs were told apart */
	const struct vb_run *run;
	bool native;
	int style, dash;
	size_t np;
	double *pts; /* footprint, median, p10, p90 */
};

/* Columns a TLB row's curve is not told apart by: its world, panel and axes say them. */
static bool vb_known_column(const char *c)
{
	static const char *const known[] = { "run_id",	"target",    "arch",	      "mode",
					     "bench",	"variant",   "config",	      "policy",
					     "unit",	"status",    "emulated",      "clock",
					     "pattern", "footprint", "chase_mapping", "timer",
					     NULL };

	for (size_t i = 0; known[i]; i++)
		if (!strcmp(c, known[i]))
			return true;
	return !strncmp(c, "s1_", 3) || !strncmp(c, "s2_", 3) || vb_is_stat_column(c) ||
	       !strncmp(c, "kernel", 6) || !strncmp(c, "kvm", 3);
}

/* "hyp-min lean", "native block" (a variant beside the footprint), "... col=value". */
static void vb_curve_label(const struct vb_row *r, char *buf, size_t len)
{
	const struct vb_csv_row *h = &r->run->summary.rows[0];
	const char *v = vb_row_get(r, "variant"), *fp = vb_row_get(r, "footprint");
	char tag[64];
	size_t n;

	vb_row_world(r, buf, len);
	n = strlen(buf);
	/* the variant is the footprint for the chase; anything beside it tells curves apart */
	snprintf(tag, sizeof(tag), "%s", v);
	if (*fp && strstr(tag, fp)) {
		char *at = strstr(tag, fp);

		memmove(at, at + strlen(fp), strlen(at + strlen(fp)) + 1);
	}
	for (char *p = tag; *p; p++)
		if (*p == ':' || *p == '_' || *p == '-' || *p == ',')
			*p = ' ';
	for (char *p = tag; *p == ' ';)
		memmove(p, p + 1, strlen(p));
	if (*tag && n < len)
		n += (size_t)snprintf(buf + n, len - n, " %s", tag);
	if (*vb_row_get(r, "pattern") && n < len)
		n += (size_t)snprintf(buf + n, len - n, " %s", vb_row_get(r, "pattern"));
	/* the chase's control: the same lines mapped by blocks (docs/results.md) */
	if (!strcmp(vb_row_get(r, "bench"), "tlb_miss_chase_blocks") && n < len)
		n += (size_t)snprintf(buf + n, len - n, " blocks");
	for (size_t c = 0; c < h->n && n < len; c++)
		if (!vb_known_column(h->f[c]) && *vb_row_get(r, h->f[c]))
			n += (size_t)snprintf(buf + n, len - n, " %s=%s", h->f[c],
					      vb_row_get(r, h->f[c]));
}

/* "s1-4k-2m" -> "s1 2M" (the mapping, else the granule), tags after: "s2-4k-l2" -> "s2 4k l2". */
static void vb_stage_title(char *part, char *buf, size_t len, double *bytes)
{
	char *save = NULL, *t = strtok_r(part, "-", &save), *tok[16], sz[32] = "";
	size_t n, k = 0;
	double b;

	*bytes = 0;
	for (char *x = strtok_r(NULL, "-", &save); x && k < 16; x = strtok_r(NULL, "-", &save))
		tok[k++] = x;
	for (size_t i = 0; i < k && i < 2; i++)
		if (!vb_parse_size(tok[i], &b))
			*bytes = b, vb_fmt_size(sz, sizeof(sz), b);
	n = (size_t)snprintf(buf, len, "%s %s", t ? t : "", sz);
	for (size_t i = 0; i < k && n < len; i++)
		if (i >= 2 || vb_parse_size(tok[i], &b))
			n += (size_t)snprintf(buf + n, len - n, " %s", tok[i]);
}

/* "s1 4k / s2 2M" from "s1-4k_s2-4k-2m"; sizes of both stages for the panels' order. */
static void vb_config_title(const char *config, char *buf, size_t len, double *s1, double *s2)
{
	char cfg[VB_NAME], part[VB_NAME], *save = NULL;
	size_t n = 0;

	*s1 = *s2 = 0;
	buf[0] = '\0';
	snprintf(cfg, sizeof(cfg), "%s", config);
	for (char *t = strtok_r(cfg, "_", &save); t && n < len; t = strtok_r(NULL, "_", &save)) {
		double b;

		vb_stage_title(t, part, sizeof(part), &b);
		*(strncmp(t, "s2", 2) ? s1 : s2) = b;
		n += (size_t)snprintf(buf + n, len - n, "%s%s", n ? " / " : "", part);
	}
}

/* The stage-1 part of a config: its "_"-separated parts that do not start with "s2". */
static void vb_stage1_of(const char *config, char *buf, size_t len)
{
	char tmp[VB_NAME], *save = NULL;
	size_t n = 0;

	snprintf(tmp, sizeof(tmp), "%s", config);
	buf[0] = '\0';
	for (char *t = strtok_r(tmp, "_", &save); t; t = strtok_r(NULL, "_", &save))
		if (strncmp(t, "s2", 2) && n < len)
			n += (size_t)snprintf(buf + n, len - n, "%s%s", n ? "_" : "", t);
}

/* The ticks chart's one unit: 1024 dependent loads a sample, drawn as measured (docs/kvm.md). */
#define VB_TICKS_CHASE_UNIT "ticks/1024"

/*
 * What one sample's value is divided by in the chart: in cycles, 1 for "cycles", N for
 * "cycles/N" (per access); in ticks, 1 for "ticks/1024" (never divided: ticks per 1024
 * accesses, as kvm mode reports them); 0: not a point of that chart.
 */
static double vb_accesses_per_value(const struct vb_row *x, bool ticks)
{
	const char *u = vb_row_get(x, "unit");
	double n;

	if (ticks)
		return !strcmp(u, VB_TICKS_CHASE_UNIT);
	if (!strcmp(u, "cycles"))
		return 1;
	if (strncmp(u, "cycles/", 7) || vb_cell_num(u + 7, &n) || n <= 0)
		return 0;
	return n;
}

static bool vb_is_point(const struct vb_row *x, bool ticks)
{
	double fp;

	/* vbench-linux's chase has a chart of its own, per mapping (plotlinux.c) */
	return x->ok && *vb_row_get(x, "footprint") && strcmp(vb_row_get(x, "mode"), "linux") &&
	       vb_accesses_per_value(x, ticks) > 0 &&
	       !vb_parse_size(vb_row_get(x, "footprint"), &fp);
}

struct vb_tlb {
	struct vb_curve *c;
	size_t n, cap;
	bool corrected;
	bool ticks; /* the ticks chart (VB_TICKS_CHASE_UNIT rows), else cycles */
	double fpmin, fpmax, ymax;
	size_t runsplit; /* curves told apart by their run */
};

static struct vb_curve *vb_curve_of(struct vb_tlb *t, const struct vb_row *x)
{
	char panel[VB_NAME], label[VB_NAME];
	bool native = !strcmp(vb_row_get(x, "mode"), "native");
	struct vb_curve *c;

	snprintf(panel, sizeof(panel), "%s", vb_row_get(x, "config"));
	vb_curve_label(x, label, sizeof(label));
	for (size_t i = 0; i < t->n; i++)
		if (t->c[i].run == x->run && !strcmp(t->c[i].panel, panel) &&
		    !strcmp(t->c[i].base, label))
			return &t->c[i];
	t->c = vb_grow(t->c, &t->cap, t->n + 1, sizeof(*t->c));
	c = &t->c[t->n++];
	memset(c, 0, sizeof(*c));
	snprintf(c->panel, sizeof(c->panel), "%s", panel);
	snprintf(c->label, sizeof(c->label), "%s", label);
	snprintf(c->base, sizeof(c->base), "%s", label);
	c->run = x->run;
	c->native = native;
	vb_row_world(x, label, sizeof(label));
	c->style = vb_world_style(label);
	return c;
}

static int vb_cmp_pt(const void *a, const void *b)
{
	const double *x = a, *y = b;

	return (x[0] > y[0]) - (x[0] < y[0]);
}

/* Every point of the group into curves; the same curve from several runs is split. */
static void vb_tlb_collect(const struct vb_set *s, const char *group, struct vb_tlb *t)
{
	char g[VB_NAME];

	t->corrected = true;
	t->fpmin = INFINITY, t->fpmax = 0, t->ymax = 0;
	for (size_t i = 0; i < s->nrows; i++) {
		vb_plot_group(&s->rows[i], g, sizeof(g));
		if (vb_is_point(&s->rows[i], t->ticks) && !strcmp(g, group))
			t->corrected &= s->rows[i].has_overhead;
	}
	for (size_t i = 0; i < s->nrows; i++) {
		const struct vb_row *x = &s->rows[i];
		double fp, per = vb_accesses_per_value(x, t->ticks);
		struct vb_curve *c;

		vb_plot_group(x, g, sizeof(g));
		if (!vb_is_point(x, t->ticks) || strcmp(g, group))
			continue;
		vb_parse_size(vb_row_get(x, "footprint"), &fp);
		c = vb_curve_of(t, x);
		c->pts = vb_xrealloc(c->pts, (c->np + 1) * 4 * sizeof(double));
		c->pts[c->np * 4] = fp;
		c->pts[c->np * 4 + 1] = vb_plot_value(x, x->median, t->corrected) / per;
		c->pts[c->np * 4 + 2] = vb_plot_value(x, x->p10, t->corrected) / per;
		c->pts[c->np * 4 + 3] = vb_plot_value(x, x->p90, t->corrected) / per;
		t->ymax = fmax(t->ymax, c->pts[c->np * 4 + 3]);
		t->fpmin = fmin(t->fpmin, fp), t->fpmax = fmax(t->fpmax, fp);
		c->np++;
	}
	for (size_t i = 0; i < t->n; i++) {
		unsigned k = 1;

		qsort(t->c[i].pts, t->c[i].np, 4 * sizeof(double), vb_cmp_pt);
		for (size_t j = 0; j < i; j++)
			k += !strcmp(t->c[j].panel, t->c[i].panel) &&
			     !strcmp(t->c[j].base, t->c[i].base);
		if (k > 1) {
			size_t n = strlen(t->c[i].label);

			snprintf(t->c[i].label + n, sizeof(t->c[i].label) - n, " (run %u)", k);
			t->runsplit++;
		}
	}
}

struct vb_panel {
	char config[VB_NAME], title[VB_NAME];
	double s1, s2;
};

static int vb_cmp_panel(const void *a, const void *b)
{
	const struct vb_panel *x = a, *y = b;

	if (x->s1 != y->s1)
		return x->s1 < y->s1 ? -1 : 1;
	if (x->s2 != y->s2)
		return x->s2 < y->s2 ? -1 : 1;
	return strcmp(x->title, y->title);
}

/* Panels: every virt configuration; a native stage 1 no virt configuration has, alone. */
static size_t vb_tlb_panels(const struct vb_tlb *t, struct vb_panel *p)
{
	size_t n = 0;
	char s1[VB_NAME];

	for (int native = 0; native < 2; native++)
		for (size_t i = 0; i < t->n; i++) {
			bool seen = false;

			if (t->c[i].native != native)
				continue;
			for (size_t j = 0; j < n && !seen; j++) {
				vb_stage1_of(p[j].config, s1, sizeof(s1));
				seen = !strcmp(p[j].config, t->c[i].panel) ||
				       (native && !strcmp(s1, t->c[i].panel));
			}
			if (seen)
				continue;
			snprintf(p[n].config, sizeof(p[n].config), "%s", t->c[i].panel);
			vb_config_title(p[n].config, p[n].title, sizeof(p[n].title), &p[n].s1,
					&p[n].s2);
			n++;
		}
	qsort(p, n, sizeof(*p), vb_cmp_panel);
	return n;
}

/* A curve drawn in panel p: its own configuration, or native's stage 1 under it. */
static bool vb_in_panel(const struct vb_curve *c, const struct vb_panel *p)
{
	char s1[VB_NAME];

	vb_stage1_of(p->config, s1, sizeof(s1));
	return !strcmp(c->panel, p->config) || (c->native && !strcmp(c->panel, s1));
}

static int vb_cmp_curve(const void *a, const void *b)
{
	const struct vb_curve *x = a, *y = b;

	return x->style != y->style ? x->style - y->style : strcmp(x->label, y->label);
}

/* Legend entries: one per label, in the world's style; a world's second label dashed. */
static size_t vb_tlb_legend(struct vb_tlb *t, struct vb_names *leg, int *lstyle, int *ldash)
{
	qsort(t->c, t->n, sizeof(*t->c), vb_cmp_curve); /* native, lean, full, kvm, others */
	for (size_t i = 0; i < t->n; i++) {
		size_t before = leg->n, k = vb_names_add(leg, t->c[i].label);

		if (k == before) {
			lstyle[k] = t->c[i].style, ldash[k] = 1;
			for (size_t j = 0; j < k; j++)
				ldash[k] += lstyle[j] == lstyle[k];
		}
		t->c[i].dash = ldash[k];
	}
	return leg->n;
}

static int vb_plot_tlb_of(const struct vb_set *s, const struct vb_names *groups, size_t g,
			  bool ticks, const char *dir, struct vb_charts *l, struct vb_error *e)
{
	struct vb_tlb t = { .ticks = ticks };
	struct vb_panel *p = vb_xcalloc(s->nrows + 1, sizeof(*p));
	struct vb_names leg;
	struct vb_text d = { 0 }, v = { 0 };
	char id[VB_NAME + 16], file[VB_NAME + 24], title[256], ctx[96];
	int *pfirst, *pcount, *cstyle, *cdash, *lstyle, *ldash, blocks = 0, r;
	const struct vb_row *first = NULL;
	size_t np, nl, cols;
	struct vb_chart *ch;
	bool split;

	vb_tlb_collect(s, groups->v[g], &t);
	np = vb_tlb_panels(&t, p);
	vb_names_init(&leg, t.n);
	lstyle = vb_xcalloc(t.n + 1, sizeof(int)), ldash = vb_xcalloc(t.n + 1, sizeof(int));
	nl = vb_tlb_legend(&t, &leg, lstyle, ldash);
	pfirst = vb_xcalloc(np + 1, sizeof(int)), pcount = vb_xcalloc(np + 1, sizeof(int));
	cstyle = vb_xcalloc(t.n * np + 1, sizeof(int)),
	cdash = vb_xcalloc(t.n * np + 1, sizeof(int));
	for (size_t k = 0; k < np; k++) {
		pfirst[k] = blocks;
		for (int style = 1; style <= 5; style++) /* native first, so it is drawn under */
			for (size_t i = 0; i < t.n; i++) {
				const struct vb_curve *c = &t.c[i];

				if (c->style != style || !vb_in_panel(c, &p[k]))
					continue;
				vb_tprintf(&d, "%s\"footprint\" \"%s\"\n", blocks ? "\n\n" : "",
					   c->label);
				for (size_t q = 0; q < c->np; q++) {
					vb_tprintf(&d, "%.0f", c->pts[q * 4]);
					for (int m = 1; m < 4; m++)
						vb_tnum(&d, c->pts[q * 4 + m]);
					vb_tprintf(&d, "\n");
				}
				cstyle[blocks] = c->style, cdash[blocks] = c->dash;
				blocks++, pcount[k]++;
			}
	}
	for (size_t i = 0; i < s->nrows && !first; i++) {
		char gg[VB_NAME];

		vb_plot_group(&s->rows[i], gg, sizeof(gg));
		first = vb_is_point(&s->rows[i], ticks) && !strcmp(gg, groups->v[g]) ? &s->rows[i] :
										       NULL;
	}
	vb_row_context(first, ctx, sizeof(ctx));
	vb_plot_chart_id(groups, g, ticks ? "tlb-ticks" : "tlb", id, sizeof(id), &split);
	snprintf(title, sizeof(title), "TLB-miss cost against footprint%s: %s (%s)",
		 ticks ? " in ticks" : "", vb_row_get(first, "target"), ctx);
	ch = vb_chart_add(l, id, title);
	snprintf(file, sizeof(file), "%s.dat", id);
	cols = np <= 1 ? 1 : np <= 4 ? 2 : 3;
	vb_tprintf(&v,
		   "data='%s'; title='%s'; subtitle='%s, whiskers p10..p90; one panel per "
		   "configuration, native of the same stage 1 in each'; ytitle='%s'; "
		   "npanels=%zu; ncols=%zu; width=%d; height=%d; xmin=%.0f; xmax=%.0f; "
		   "ymax=%.6g; nlegend=%zu",
		   file, title,
		   ticks       ? "median ticks per 1024 loads, as measured" :
		   t.corrected ? "(median minus counter_overhead) / accesses per sample" :
				 "median (raw: not every run has a counter_overhead) / accesses "
				 "per sample",
		   ticks ? "ticks per 1024 accesses" : "cycles per access", np, cols,
		   cols == 1 ? 960 : 1200,
		   (int)(cols == 1 ? 540 : 120 + 300 * ((np + cols - 1) / cols)), t.fpmin, t.fpmax,
		   t.ymax > 0 ? t.ymax * 1.15 : 1, nl);
	vb_tarray_int(&v, "pfirst", pfirst, np);
	vb_tarray_int(&v, "pcount", pcount, np);
	vb_tarray_str(&v, "ptitle", p[0].title, sizeof(*p), np);
	vb_tarray_int(&v, "cstyle", cstyle, (size_t)blocks);
	vb_tarray_int(&v, "cdash", cdash, (size_t)blocks);
	vb_tarray_str(&v, "lname", (const char *)leg.v, VB_NAME, nl);
	vb_tarray_int(&v, "lstyle", lstyle, nl);
	vb_tarray_int(&v, "ldash", ldash, nl);
	if (v.len >= sizeof(ch->vars)) {
		snprintf(ch->note, sizeof(ch->note),
			 "not drawn: %zu panels and %zu curves are more than one chart shows", np,
			 t.n);
	} else {
		snprintf(ch->vars, sizeof(ch->vars), "%s", v.s);
		snprintf(ch->script, sizeof(ch->script), "tlb.gp");
		snprintf(ch->note, sizeof(ch->note),
			 "%zu configurations, %zu curves, %s; %s; %s%s%s", np, t.n, ctx,
			 ticks ? "rows in ticks/1024 (the virtual counter: kvm mode, --clock "
				 "ticks), each sample's ticks for 1024 loads, never divided" :
				 "a sample of unit cycles/N covers N accesses and is divided by N",
			 ticks ? "medians as measured" :
			 t.corrected ?
				 "counter_overhead subtracted" :
				 "raw medians: some runs have no counter_overhead to subtract",
			 t.runsplit ? "; a configuration measured in several runs is drawn once "
				      "per run (run 2, ...), never merged" :
				      "",
			 split ? "; the target's runs in other clocks or builds are in charts of "
				 "their own" :
				 "");
	}
	r = vb_plot_file(dir, file, d.s ? d.s : "", e);
	for (size_t i = 0; i < t.n; i++)
		free(t.c[i].pts);
	free(t.c), free(p), free(d.s), free(v.s), free(pfirst), free(pcount), free(cstyle);
	free(cdash), free(lstyle), free(ldash);
	vb_names_free(&leg);
	return r;
}

/* One chart per target, context and clock: cycles, then ticks where there are any. */
int vb_plot_tlb(const struct vb_set *s, const char *dir, struct vb_charts *l, struct vb_error *e)
{
	int r = 0;

	for (int ticks = 0; ticks < 2 && !r; ticks++) {
		struct vb_names groups;
		char g[VB_NAME];

		vb_names_init(&groups, s->nrows);
		for (size_t i = 0; i < s->nrows; i++)
			if (vb_is_point(&s->rows[i], ticks)) {
				vb_plot_group(&s->rows[i], g, sizeof(g));
				vb_names_add(&groups, g);
			}
		if (!groups.n && !ticks) {
			struct vb_chart *ch =
				vb_chart_add(l, "tlb", "TLB-miss cost against footprint");

			snprintf(ch->note, sizeof(ch->note),
				 "not drawn: no bare-metal row of these runs in cycles has a "
				 "footprint column (vbench-linux's chase is in linux-<target>)");
		}
		for (size_t i = 0; i < groups.n && !r; i++)
			r = vb_plot_tlb_of(s, &groups, i, ticks, dir, l, e);
		vb_names_free(&groups);
	}
	return r;
}
