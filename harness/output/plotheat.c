/* heatmap-<target>-<policy>-<bench>.dat: virt/native over stage-1 x stage-2 page sizes. */
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "analysis/analysis.h"
#include "chart.h"
#include "plot.h"

/* The page size of a stage ("s1" or "s2"): the config part "s1-4k", else <stage>_mapping. */
static int vb_page(const struct vb_row *r, const char *stage, char *buf, size_t len)
{
	char cfg[256], col[32], *save = NULL;

	snprintf(cfg, sizeof(cfg), "%s", vb_row_get(r, "config"));
	for (char *t = strtok_r(cfg, "_", &save); t; t = strtok_r(NULL, "_", &save))
		if (!strncmp(t, stage, 2) && t[2] == '-') {
			snprintf(buf, len, "%s", t + 3);
			return 0;
		}
	snprintf(col, sizeof(col), "%s_mapping", stage);
	snprintf(buf, len, "%s", vb_row_get(r, col));
	return *buf ? 0 : -1;
}

struct vb_axis {
	char v[32][32];
	size_t n;
};

static size_t vb_axis_add(struct vb_axis *a, const char *s)
{
	for (size_t i = 0; i < a->n; i++)
		if (!strcmp(a->v[i], s))
			return i;
	if (a->n == 32)
		return 31;
	snprintf(a->v[a->n], sizeof(a->v[0]), "%s", s);
	return a->n++;
}

static int vb_cmp_size(const void *a, const void *b)
{
	double x, y;

	if (vb_parse_size(a, &x) || vb_parse_size(b, &y))
		return strcmp(a, b);
	return (x > y) - (x < y);
}

static bool vb_heat_row(const struct vb_row *r, char *s1, char *s2, double *ratio)
{
	double diff;
	const char *basis;

	return r->native && strcmp(vb_row_get(r, "bench"), VB_OVERHEAD_BENCH) &&
	       !vb_row_pair(r, ratio, &diff, &basis) && isfinite(*ratio) && *ratio > 0 &&
	       !vb_page(r, "s1", s1, 32) && !vb_page(r, "s2", s2, 32);
}

static void vb_group(const struct vb_row *r, char *buf, size_t len)
{
	snprintf(buf, len, "%s %s %s", vb_row_get(r, "target"), vb_row_get(r, "policy"),
		 vb_row_get(r, "bench"));
}

/* One heat map: the geometric mean of the ratios in each cell. */
static int vb_heat_one(const struct vb_set *s, const size_t *group_of, size_t gi, const char *dir,
		       const char *group, struct vb_charts *l, struct vb_error *e)
{
	struct vb_axis x = { 0 }, y = { 0 };
	double logsum[32][32] = { { 0 } }, ratio;
	unsigned cnt[32][32] = { { 0 } };
	char s1[32], s2[32], name[80], file[128], *text = NULL;
	struct vb_chart *ch;
	size_t len = 0;
	FILE *m;
	int r;

	/* Pass 0 finds the axes, sorted by size; pass 1 fills the cells. */
	for (int pass = 0; pass < 2; pass++) {
		for (size_t i = 0; i < s->nrows; i++) {
			size_t xi, yi;

			if (group_of[i] != gi + 1 || !vb_heat_row(&s->rows[i], s1, s2, &ratio))
				continue;
			xi = vb_axis_add(&x, s1);
			yi = vb_axis_add(&y, s2);
			if (pass) {
				logsum[xi][yi] += log(ratio);
				cnt[xi][yi]++;
			}
		}
		qsort(x.v, x.n, sizeof(x.v[0]), vb_cmp_size);
		qsort(y.v, y.n, sizeof(y.v[0]), vb_cmp_size);
	}
	vb_slug(name, sizeof(name), group);
	snprintf(file, sizeof(file), "heatmap-%s.dat", name);
	ch = vb_chart_add(l, file, "");
	snprintf(ch->name, sizeof(ch->name), "heatmap-%s", name);
	snprintf(ch->title, sizeof(ch->title), "Virtualized / native: %s", group);
	if (x.n * y.n < 2) { /* one cell says nothing the tables do not */
		snprintf(
			ch->note, sizeof(ch->note),
			"not drawn: measured in one page-size configuration only (see the tables)");
		return 0;
	}
	m = open_memstream(&text, &len);
	fprintf(m, "\"x\" \"y\" \"ratio\" \"s1\" \"s2\" \"rows\"\n");
	for (size_t i = 0; i < x.n; i++)
		for (size_t j = 0; j < y.n; j++)
			if (cnt[i][j])
				fprintf(m, "%zu %zu %g \"%s\" \"%s\" %u\n", i, j,
					exp(logsum[i][j] / cnt[i][j]), x.v[i], y.v[j], cnt[i][j]);
	fclose(m);
	snprintf(ch->script, sizeof(ch->script), "heatmap.gp");
	snprintf(ch->vars, sizeof(ch->vars), "data='%s'; subtitle='%s (geometric mean per cell)'",
		 file, group);
	snprintf(ch->note, sizeof(ch->note),
		 "%zu stage-1 x %zu stage-2 page sizes; each cell is the geometric mean of "
		 "virt/native median ratios (minus counter_overhead where known)",
		 x.n, y.n);
	r = vb_plot_file(dir, file, text, e);
	free(text);
	return r;
}

int vb_plot_heatmaps(const struct vb_set *s, const char *dir, struct vb_charts *l,
		     struct vb_error *e)
{
	char(*groups)[256] = vb_xcalloc(s->nrows + 1, 256), s1[32], s2[32], g[256];
	size_t n = 0, *group_of = vb_xcalloc(s->nrows + 1, sizeof(*group_of));
	double ratio;
	int r = 0;

	/* each row's group, found once: 1 + its index, 0 for rows on no map */
	for (size_t i = 0; i < s->nrows; i++) {
		size_t j = 0;

		if (!vb_heat_row(&s->rows[i], s1, s2, &ratio))
			continue;
		vb_group(&s->rows[i], g, sizeof(g));
		while (j < n && strcmp(groups[j], g))
			j++;
		if (j == n)
			snprintf(groups[n++], 256, "%s", g);
		group_of[i] = j + 1;
	}
	for (size_t i = 0; i < n && !r; i++)
		r = vb_heat_one(s, group_of, i, dir, groups[i], l, e);
	if (!n) {
		struct vb_chart *ch = vb_chart_add(l, "heatmap", "Virtualized / native heat map");

		snprintf(ch->note, sizeof(ch->note),
			 "not drawn: no virt row with a measured native pair and page sizes");
	}
	free(groups);
	free(group_of);
	return r;
}
