/* vbench report: the HTML page and its fixed text. */
#ifndef VB_REPORT_H
#define VB_REPORT_H

#include <stdio.h>

#include "plot.h"
#include "results/runset.h"

extern const char vb_report_css[], vb_report_method[], vb_report_script[];

/* s with <, >, & and " escaped. */
void vb_html_esc(FILE *f, const char *s);

/* The first screen: per target and context, each path's cost in every world (report_summary.c). */
void vb_report_summary(FILE *f, const struct vb_set *s);

/* The Linux section: guest runs against host runs, and why a run was not paired (report_linux.c). */
void vb_report_linux(FILE *f, const struct vb_set *s);

/* The whole page; plots is the folder holding the charts' SVG files (embedded). */
int vb_report_html(FILE *f, const struct vb_set *s, const char *plots, const struct vb_charts *l);

#endif
