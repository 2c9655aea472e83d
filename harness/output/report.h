/* vbench report: the HTML page and its fixed text. */
#ifndef VB_REPORT_H
#define VB_REPORT_H

#include <stdio.h>

#include "plot.h"
#include "results/runset.h"

extern const char vb_report_css[], vb_report_method[], vb_report_script[];

/* The whole page; plots is the folder holding the charts' SVG files (embedded). */
int vb_report_html(FILE *f, const struct vb_set *s, const char *plots, const struct vb_charts *l);

#endif
