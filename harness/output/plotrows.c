/* Rows, values and groups for the chart builders (plotrows.h). */
#include "plotrows.h"

#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "analysis/analysis.h"
#include "analysis/context.h"
#include "chart.h"

void vb_names_init(struct vb_names *l, size_t rows)
{
	l->v = vb_xcalloc(rows + 1, VB_NAME);
	l->n = 0;
}

void vb_names_free(struct vb_names *l)
{
	free(l->v);
	l->v = NULL;
	l->n = 0;
}

size_t vb_names_add(struct vb_names *l, const char *name)
{
	for (size_t i = 0; i < l->n; i++)
		if (!strcmp(l->v[i], name))
			return i;
	snprintf(l->v[l->n], VB_NAME, "%s", name);
	return l->n++;
}

double vb_plot_value(const struct vb_row *r, double v, bool corrected)
{
	if (!r || !r->ok)
		return NAN;
	if (corrected && r->has_overhead && strcmp(vb_row_get(r, "bench"), VB_OVERHEAD_BENCH))
		return v - r->overhead;
	return v;
}

bool vb_plot_better(const struct vb_row *cur, const struct vb_row *r)
{
	if (!cur)
		return true;
	if (cur->ok != r->ok)
		return r->ok;
	return r->has_overhead || !cur->has_overhead;
}

bool vb_is_memory(const struct vb_row *r)
{
	static const char *const memory[] = { "tlb_hit", "walk_full", "tlb_miss_chase",
					      "walk_cache", NULL };

	for (size_t i = 0; memory[i]; i++)
		if (!strcmp(vb_row_get(r, "bench"), memory[i]))
			return true;
	return false;
}

void vb_plot_group(const struct vb_row *r, char *buf, size_t len)
{
	char ctx[VB_NAME];

	vb_row_context_slug(r, ctx, sizeof(ctx));
	snprintf(buf, len, "%s|%s", vb_row_get(r, "target"), ctx);
}

void vb_plot_chart_id(const struct vb_names *groups, size_t g, const char *kind, char *buf,
		      size_t len, bool *split)
{
	const char *bar = strchr(groups->v[g], '|');
	size_t tl = (size_t)(bar - groups->v[g]);
	char slug[VB_NAME];

	*split = false;
	for (size_t i = 0; i < groups->n; i++)
		if (i != g && !strncmp(groups->v[i], groups->v[g], tl + 1))
			*split = true;
	vb_slug(slug, sizeof(slug), bar + 1);
	snprintf(buf, len, "%s-%.*s%s%s", kind, (int)tl, groups->v[g], *split ? "-" : "",
		 *split ? slug : "");
}
