/*
 * What the chart builders share: which rows a chart draws, the value drawn, and the
 * groups of rows that may share an axis (one target in one context: analysis/context.h).
 */
#ifndef VB_PLOTROWS_H
#define VB_PLOTROWS_H

#include <stdbool.h>
#include <stddef.h>

#include "results/runset.h"

#define VB_NAME 256

/* A list of distinct names. */
struct vb_names {
	char (*v)[VB_NAME];
	size_t n;
};

/* The index of name, added if new (the list has room for every row of the set). */
size_t vb_names_add(struct vb_names *l, const char *name);
void vb_names_init(struct vb_names *l, size_t rows);
void vb_names_free(struct vb_names *l);

/* value minus the run's counter_overhead when `corrected`; NaN when the row has no number. */
double vb_plot_value(const struct vb_row *r, double v, bool corrected);

/*
 * Whether row `r` should replace `cur` in a chart's or table's cell: measured beats not
 * measured, corrected (its run has counter_overhead) beats raw, then the later run.
 */
bool vb_plot_better(const struct vb_row *cur, const struct vb_row *r);

/* tlb_hit, walk_full, tlb_miss_chase, walk_cache: charts of their own. */
bool vb_is_memory(const struct vb_row *r);

/* "qemu-a72|icount": the group a row is drawn in, target and context slug. */
void vb_plot_group(const struct vb_row *r, char *buf, size_t len);

/*
 * A chart's file name for a group: "<kind>-<target>" when the target's rows are all in
 * one context, else "<kind>-<target>-<context>"; *split says whether it was split.
 */
void vb_plot_chart_id(const struct vb_names *groups, size_t g, const char *kind, char *buf,
		      size_t len, bool *split);

#endif
