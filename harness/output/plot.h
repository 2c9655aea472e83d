/* The charts of vbench plot and vbench report, built on chart.h: one function a kind of chart. */
#ifndef VB_PLOT_H
#define VB_PLOT_H

#include <stddef.h>
#include <stdio.h>

#include "chart.h"
#include "results/runset.h"

/* Write their data files into dir and add their charts (or why they are skipped). */
int vb_plot_traps(const struct vb_set *s, const char *dir, struct vb_charts *l, struct vb_error *e);
int vb_plot_tlb(const struct vb_set *s, const char *dir, struct vb_charts *l, struct vb_error *e);
/* vbench-linux's page chase per mapping, host and guest curves (plotlinux.c). */
int vb_plot_linux(const struct vb_set *s, const char *dir, struct vb_charts *l, struct vb_error *e);
int vb_plot_heatmaps(const struct vb_set *s, const char *dir, struct vb_charts *l,
		     struct vb_error *e);

/* Draws every chart into dir (the templates copied from <root>/plots), PNG and SVG. */
int vb_plot_all(const struct vb_set *s, const char *root, const char *dir, struct vb_charts *l,
		struct vb_error *e);

#endif
