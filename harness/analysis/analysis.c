/* Overhead, intervals, stability and virtualized/native pairs for every row. */
#include "analysis.h"

#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "base/ci.h"

void vb_analysis_defaults(struct vb_analysis_opts *o)
{
	o->level = 0.95;
	o->stable_pct = 2.0;
}

void vb_fmt_num(char *buf, size_t len, double v)
{
	if (v == floor(v) && fabs(v) < 1e15)
		snprintf(buf, len, "%.0f", v);
	else
		snprintf(buf, len, "%.3f", v);
}

/* Every identity column but `skip` (and those starting with skip_prefix) agrees. */
static bool vb_same_but(const struct vb_row *a, const struct vb_row *b, const char *const *skip,
			const char *skip_prefix)
{
	const struct vb_csv_row *h = &a->run->summary.rows[0];

	for (size_t c = 0; c < h->n; c++) {
		const char *name = h->f[c];
		bool skipped = vb_is_stat_column(name);

		for (size_t i = 0; skip && skip[i] && !skipped; i++)
			skipped = !strcmp(name, skip[i]);
		if (skip_prefix && !strncmp(name, skip_prefix, strlen(skip_prefix)))
			skipped = true;
		if (!skipped && strcmp(vb_row_get(a, name), vb_row_get(b, name)))
			return false;
	}
	return true;
}

static bool vb_is_overhead(const struct vb_row *r)
{
	return r->ok && !strcmp(vb_row_get(r, "bench"), VB_OVERHEAD_BENCH);
}

/* A unit the counter's overhead is in: cycles, and cycles/N (one counter pair per sample). */
static bool vb_counts_cycles(const struct vb_row *r)
{
	const char *u = vb_row_get(r, "unit");

	return !*u || !strcmp(u, "cycles") || !strncmp(u, "cycles/", 7);
}

/*
 * counter_overhead of the same run: same identity but bench, else same config, else
 * unanimous. None for a row in another unit (virq_timer's ticks): cycles are not ticks.
 */
static void vb_find_overhead(struct vb_set *s, struct vb_row *r)
{
	static const char *const skip_bench[] = { "bench", "status", "unit", NULL };
	const struct vb_row *same_cfg = NULL, *any = NULL;
	bool unanimous = true;

	if (!vb_counts_cycles(r))
		return;

	for (size_t i = 0; i < s->nrows; i++) {
		const struct vb_row *o = &s->rows[i];

		if (o->run != r->run || !vb_is_overhead(o))
			continue;
		if (vb_same_but(r, o, skip_bench, NULL)) {
			r->has_overhead = true;
			r->overhead = o->median;
			return;
		}
		if (!same_cfg && !strcmp(vb_row_get(r, "config"), vb_row_get(o, "config")))
			same_cfg = o;
		if (any && any->median != o->median)
			unanimous = false;
		any = any ? any : o;
	}
	if (same_cfg || (any && unanimous)) {
		r->has_overhead = true;
		r->overhead = same_cfg ? same_cfg->median : any->median;
	}
}

static void vb_find_ci(struct vb_row *r, const struct vb_analysis_opts *o)
{
	if (!r->ok)
		snprintf(r->ci_note, sizeof(r->ci_note), "unavailable: status %s",
			 vb_row_get(r, "status"));
	else if (!r->samples)
		snprintf(r->ci_note, sizeof(r->ci_note), "unavailable: no raw samples");
	else if (vb_ci_median(r->samples, r->nsamples, o->level, &r->ci_lo, &r->ci_hi))
		snprintf(r->ci_note, sizeof(r->ci_note), "unavailable: %zu samples are too few",
			 r->nsamples);
	else
		r->has_ci = true;
	r->has_p10 = r->samples != NULL;
	r->p10 = r->samples ? vb_ci_pct(r->samples, r->nsamples, 10) : r->min;
}

/* Interval width and, when the set holds the same row from several runs, their spread. */
static void vb_find_stability(struct vb_set *s, struct vb_row *r, const struct vb_analysis_opts *o)
{
	static const char *const none[] = { NULL };
	double lo = r->median, hi = r->median, w;
	size_t runs = 0;
	bool bad = false, known = false;
	char *p = r->stab_basis, *end = r->stab_basis + sizeof(r->stab_basis);

	snprintf(r->stability, sizeof(r->stability), "unknown");
	if (!r->ok)
		return;
	for (size_t i = 0; i < s->nrows; i++) {
		const struct vb_row *x = &s->rows[i];

		if (x->ok && vb_same_but(r, x, none, NULL) &&
		    x->run->summary.rows[0].n == r->run->summary.rows[0].n) {
			runs++;
			lo = fmin(lo, x->median);
			hi = fmax(hi, x->median);
		}
	}
	if (r->has_ci) {
		w = vb_ci_rel_width(r->ci_lo, r->ci_hi, r->median);
		known = true;
		bad |= w < 0 || w > o->stable_pct;
		p += snprintf(p, end - p, "interval width %.2f%%", w < 0 ? INFINITY : w);
	}
	if (runs > 1) {
		w = vb_ci_rel_width(lo, hi, r->median);
		known = true;
		bad |= w < 0 || w > o->stable_pct;
		p += snprintf(p, end - p, "%s%zu runs spread %.2f%%", p > r->stab_basis ? "; " : "",
			      runs, w < 0 ? INFINITY : w);
	}
	if (!known)
		snprintf(r->stab_basis, sizeof(r->stab_basis), "no raw samples, one run");
	else
		snprintf(r->stability, sizeof(r->stability), bad ? "unstable" : "stable");
}

/* The stage-1 part of a config: its "_"-separated parts that do not start with "s2". */
static void vb_stage1(const char *config, char *buf, size_t len)
{
	char tmp[256], *save = NULL;
	size_t n = 0;

	snprintf(tmp, sizeof(tmp), "%s", config);
	buf[0] = '\0';
	for (char *t = strtok_r(tmp, "_", &save); t; t = strtok_r(NULL, "_", &save))
		if (strncmp(t, "s2", 2))
			n += snprintf(buf + n, n < len ? len - n : 0, "%s%s", n ? "_" : "", t);
}

static void vb_find_native(struct vb_set *s, struct vb_row *r)
{
	static const char *const skip[] = { "mode", "policy", "config", "status", NULL };
	char a[256], b[256];

	if (strcmp(vb_row_get(r, "mode"), "virt"))
		return;
	vb_stage1(vb_row_get(r, "config"), a, sizeof(a));
	for (size_t i = 0; i < s->nrows; i++) {
		const struct vb_row *n = &s->rows[i];

		if (strcmp(vb_row_get(n, "mode"), "native"))
			continue;
		vb_stage1(vb_row_get(n, "config"), b, sizeof(b));
		if (!strcmp(a, b) && vb_same_but(r, n, skip, "s2_")) {
			r->native = n;
			return;
		}
	}
}

void vb_analyze(struct vb_set *s, const struct vb_analysis_opts *o)
{
	for (size_t i = 0; i < s->nrows; i++) {
		vb_find_ci(&s->rows[i], o);
		if (s->rows[i].ok)
			vb_find_overhead(s, &s->rows[i]);
	}
	for (size_t i = 0; i < s->nrows; i++) {
		vb_find_stability(s, &s->rows[i], o);
		vb_find_native(s, &s->rows[i]);
	}
}

int vb_row_corrected(const struct vb_row *r, double *out)
{
	if (!r->ok || !r->has_overhead || vb_is_overhead(r))
		return -1;
	*out = r->median - r->overhead;
	return 0;
}

int vb_row_pair(const struct vb_row *r, double *ratio, double *diff, const char **basis)
{
	double v, n;

	if (!r->native || !r->ok || !r->native->ok)
		return -1;
	if (!vb_row_corrected(r, &v) && !vb_row_corrected(r->native, &n) && n > 0) {
		*basis = "corrected";
	} else {
		v = r->median;
		n = r->native->median;
		*basis = "raw";
	}
	*diff = v - n;
	*ratio = n != 0 ? v / n : NAN;
	return 0;
}

const char *vb_row_caveat(const struct vb_row *r)
{
	const char *clock = vb_row_get(r, "clock");

	if (!strcmp(clock, "icount"))
		return "emulated: cycles are instructions";
	if (!strcmp(clock, "host"))
		return "emulated, host clock: noise";
	if (!strcmp(vb_row_get(r, "emulated"), "yes"))
		return "emulated";
	return "";
}
