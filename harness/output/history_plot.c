/* history.dat: one benchmark's medians across the runs of results/history.csv. */
#include <stdlib.h>
#include <string.h>

#include "results/csvout.h"
#include "analysis/history.h"
#include "plot.h"
#include "results/runset.h"

static const char *vb_h(const struct vb_csv_table *t, size_t row, const char *col)
{
	const char *c = vb_csv_cell(t, row, col);

	return c ? c : "";
}

static void vb_series(const struct vb_csv_table *t, size_t row, char *buf, size_t len)
{
	snprintf(buf, len, "%s %s %s %s %s%s%s", vb_h(t, row, "target"), vb_h(t, row, "mode"),
		 vb_h(t, row, "policy"), vb_h(t, row, "config"), vb_h(t, row, "clock"),
		 *vb_h(t, row, "other") ? " " : "", vb_h(t, row, "other"));
}

/* The world's style (plots/common.gp): 1 native, 2 lean, 3 full, 4 kvm, 5 other. */
static int vb_hstyle(const struct vb_csv_table *t, size_t row)
{
	const char *m = vb_h(t, row, "mode"), *p = vb_h(t, row, "policy");

	return !strcmp(m, "native")			? 1 :
	       !strcmp(m, "kvm") || !strcmp(p, "kvm")	? 4 :
	       !strcmp(m, "virt") && !strcmp(p, "lean") ? 2 :
	       !strcmp(m, "virt") && !strcmp(p, "full") ? 3 :
							  5;
}

/*
 * The legend's name of a curve, short: target and world ("qemu-a72 lean", "qemu-a72
 * native"), with the configuration and other columns only when the curves differ in them.
 */
static void vb_label(const struct vb_csv_table *t, size_t row, const bool *v, char *buf, size_t len)
{
	const char *m = vb_h(t, row, "mode");

	snprintf(buf, len, "%s %s%s%s%s%s%s%s", vb_h(t, row, "target"),
		 strcmp(m, "virt") ? m : vb_h(t, row, "policy"), v[0] ? " " : "",
		 v[0] ? vb_h(t, row, "config") : "", v[1] ? " clock " : "",
		 v[1] ? vb_h(t, row, "clock") : "", v[2] && *vb_h(t, row, "other") ? " " : "",
		 v[2] ? vb_h(t, row, "other") : "");
}

/* Whether the kept rows differ in col. */
static bool vb_varies(const struct vb_csv_table *t, const char *bench, const char *target,
		      const char *col);

/* The x position of a row: its revision's place among the file's revisions, in order of
 * first appearance (runs of one revision share it). */
static size_t vb_run_index(const struct vb_csv_table *t, size_t row)
{
	const char *rev = vb_h(t, row, "rev");
	size_t n = 0;

	for (size_t i = 1; i < t->nrows; i++) {
		bool first = true;

		for (size_t j = 1; j < i && first; j++)
			first = strcmp(vb_h(t, j, "rev"), vb_h(t, i, "rev")) != 0;
		if (!strcmp(vb_h(t, i, "rev"), rev))
			return n;
		n += first;
	}
	return n;
}

static bool vb_keep(const struct vb_csv_table *t, size_t i, const char *bench, const char *target)
{
	double m;

	return !strcmp(vb_h(t, i, "bench"), bench) &&
	       (!target || !strcmp(vb_h(t, i, "target"), target)) &&
	       !vb_cell_num(vb_h(t, i, "median"), &m);
}

static bool vb_varies(const struct vb_csv_table *t, const char *bench, const char *target,
		      const char *col)
{
	const char *first = NULL;

	for (size_t i = 1; i < t->nrows; i++)
		if (vb_keep(t, i, bench, target)) {
			if (first && strcmp(first, vb_h(t, i, col)))
				return true;
			first = vb_h(t, i, col);
		}
	return false;
}

int vb_history_data(const char *path, const char *bench, const char *target, double thr,
		    const char *dir, size_t *regressions, char *styles, size_t slen,
		    struct vb_error *e)
{
	bool varies[3]; /* config, clock, other */
	size_t so = 0;
	struct vb_csv_table t;
	char(*series)[256], name[256], *text = NULL;
	size_t ns = 0, len = 0;
	FILE *m;
	int r;

	*regressions = 0;
	if (vb_csv_read(path, &t, e))
		return -1;
	series = vb_xcalloc(t.nrows + 1, sizeof(*series));
	varies[0] = vb_varies(&t, bench, target, "config");
	varies[1] = vb_varies(&t, bench, target, "clock"); /* never one curve: split, said */
	varies[2] = vb_varies(&t, bench, target, "other");
	for (size_t i = 1; i < t.nrows; i++) {
		bool seen = false;

		if (!vb_keep(&t, i, bench, target))
			continue;
		vb_series(&t, i, name, sizeof(name));
		for (size_t j = 0; j < ns && !seen; j++)
			seen = !strcmp(series[j], name);
		if (!seen)
			snprintf(series[ns++], sizeof(*series), "%s", name);
	}
	m = open_memstream(&text, &len);
	for (size_t s = 0; s < ns; s++) {
		double pm = 0, phi = 0;
		bool first = true, pci = false;

		bool head = false;

		for (size_t i = 1; i < t.nrows; i++) {
			double med, lo, hi;
			bool ci, reg = false;

			vb_series(&t, i, name, sizeof(name));
			if (!vb_keep(&t, i, bench, target) || strcmp(name, series[s]))
				continue;
			if (!head) { /* the curve's legend and style, from its first row */
				vb_label(&t, i, varies, name, sizeof(name));
				fprintf(m, "%s\"run\" \"%s\"\n", s ? "\n\n" : "", name);
				if (so < slen)
					so += (size_t)snprintf(styles + so, slen - so, "%s%d",
							       s ? "," : "", vb_hstyle(&t, i));
				head = true;
			}
			vb_cell_num(vb_h(&t, i, "median"), &med);
			ci = !vb_cell_num(vb_h(&t, i, "ci_lo"), &lo) &&
			     !vb_cell_num(vb_h(&t, i, "ci_hi"), &hi);
			if (!ci)
				lo = hi = med;
			if (!first && pm > 0 && 100.0 * (med - pm) / pm > thr &&
			    (!ci || !pci || lo > phi))
				reg = true;
			*regressions += reg;
			fprintf(m, "%zu \"%.12s\" %.10g %.10g %.10g %d\n", vb_run_index(&t, i),
				*vb_h(&t, i, "rev") ? vb_h(&t, i, "rev") : vb_h(&t, i, "run_id"),
				med, lo, hi, reg);
			pm = med, phi = hi, pci = ci, first = false;
		}
	}
	fclose(m);
	vb_csv_free(&t);
	free(series);
	if (!ns) {
		free(text);
		return vb_fail(e, "%s: no measured row of benchmark '%s'%s%s", path, bench,
			       target ? " on target " : "", target ? target : "");
	}
	r = vb_plot_file(dir, "history.dat", text, e);
	free(text);
	return r ? -1 : (int)ns;
}
