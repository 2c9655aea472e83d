/*
 * A chart: a data file written for one of the gnuplot templates in plots/,
 * drawn as PNG and SVG, or skipped with the reason. The lowest part of
 * output/: plot.c and the chart builders use it; it uses nothing of theirs.
 */
#ifndef VB_CHART_H
#define VB_CHART_H

#include <stdbool.h>
#include <stddef.h>

#include "base/util.h"

/* One chart written (both formats) or skipped (why in note). */
struct vb_chart {
	char name[96]; /* file stem: <name>.png, <name>.svg, <name>.dat */
	char title[256];
	char note[768];	 /* what it shows, or why it was not drawn */
	char script[32]; /* the template (plots/<script>), "" if there is nothing to draw */
	char vars[4096]; /* gnuplot -e variables: data file, counts, subtitle, panel arrays */
	bool drawn;
};

struct vb_charts {
	struct vb_chart *c;
	size_t n, cap;
};

/* Appends a chart (zeroed but for name and title). */
struct vb_chart *vb_chart_add(struct vb_charts *l, const char *name, const char *title);

/* Runs gnuplot in dir: gnuplot -e "<vars>; term='T'; out='O'" <script>. */
int vb_gnuplot(const char *dir, const char *script, const char *vars, const char *term,
	       const char *out, struct vb_error *e);

/* "4k", "64K", "2M", "1G", "4096", "4KiB" in bytes; -1 if not a size. */
int vb_parse_size(const char *s, double *out);

/* Filename-safe copy: [A-Za-z0-9._-], others become '-'. */
void vb_slug(char *buf, size_t len, const char *s);

/* A growing string, for data files and gnuplot variables. */
struct vb_text {
	char *s;
	size_t len, cap;
};

void vb_tprintf(struct vb_text *t, const char *fmt, ...) __attribute__((format(printf, 2, 3)));
/* " <v>", NaN as gnuplot's missing value spells it. */
void vb_tnum(struct vb_text *t, double v);

/*
 * "; array NAME[N] = [...]": an array of a chart's gnuplot variables. gnuplot
 * has no empty array, so none gives one element (0, 1 and '').
 */
void vb_tarray_int(struct vb_text *t, const char *name, const int *a, size_t n);
void vb_tarray_num(struct vb_text *t, const char *name, const double *a, size_t n);
/* Strings at a, a + stride, ...: quoted '...'. */
void vb_tarray_str(struct vb_text *t, const char *name, const char *a, size_t stride, size_t n);

/* "4k", "2M", "1G": a size in bytes as the charts write it. */
void vb_fmt_size(char *buf, size_t len, double bytes);

/* A data file written atomically in dir from a text buffer. */
int vb_plot_file(const char *dir, const char *name, const char *text, struct vb_error *e);

#endif
