/* Overhead, intervals, stability and virtualized/native pairs for every row. */
#include "analysis.h"

#include <math.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "base/ci.h"
#include "context.h"

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

static bool vb_skipped(const char *name, const char *const *skip, const char *skip_prefix)
{
	for (size_t i = 0; skip && skip[i]; i++)
		if (!strcmp(name, skip[i]))
			return true;
	return skip_prefix && !strncmp(name, skip_prefix, strlen(skip_prefix));
}

/*
 * Every identity column but `skip` (and those starting with skip_prefix)
 * agrees; a and b belong to one set. Rows of runs with the same header are
 * compared column by column, without looking names up.
 */
static bool vb_same_but(const struct vb_row *a, const struct vb_row *b, const char *const *skip,
			const char *skip_prefix)
{
	const struct vb_csv_row *h = &a->run->summary.rows[0];
	bool same_header = a->run->header_id == b->run->header_id;

	for (size_t c = 0; c < h->n; c++) {
		const char *x, *y;

		if (a->run->stat[c])
			continue;
		x = vb_row_at(a, c);
		y = same_header ? vb_row_at(b, c) : vb_row_get(b, h->f[c]);
		if (strcmp(x, y) && !vb_skipped(h->f[c], skip, skip_prefix))
			return false;
	}
	return true;
}

/*
 * Rows grouped by a hash of some identity columns, so a row meets only the
 * rows that can match it instead of every row of the set. Equal keys are
 * necessary, not sufficient: the exact checks still run on each candidate.
 */
struct vb_buckets {
	size_t *head, *next; /* 1 + row index; 0 ends a chain. Chains run in row order. */
	size_t mask;
};

static uint64_t vb_hash_str(uint64_t h, const char *v)
{
	for (; *v; v++)
		h = (h ^ (unsigned char)*v) * 1099511628211ull;
	return (h ^ 0xff) * 1099511628211ull;
}

/* Do all runs have every column of cols? Then a key over them is exact. */
static bool vb_all_have(const struct vb_set *s, const char *const *cols)
{
	for (size_t r = 0; r < s->nruns; r++)
		for (size_t i = 0; cols[i]; i++)
			if (!vb_csv_cell(&s->runs[r]->summary, 0, cols[i]))
				return false;
	return true;
}

/* Key of a row: its values in cols, and extra (or NULL). */
static size_t vb_row_hash(const struct vb_row *r, const char *const *cols, const char *extra)
{
	uint64_t h = 14695981039346656037ull;

	for (size_t i = 0; cols[i]; i++)
		h = vb_hash_str(h, vb_row_get(r, cols[i]));
	return (size_t)(extra ? vb_hash_str(h, extra) : h);
}

static void vb_buckets_init(struct vb_buckets *b, size_t nrows)
{
	size_t size = 64;

	while (size < 2 * nrows)
		size *= 2;
	b->mask = size - 1;
	b->head = vb_xcalloc(size, sizeof(*b->head));
	b->next = vb_xcalloc(nrows + 1, sizeof(*b->next));
}

/* Adds rows in reverse row order, so each chain reads in row order. */
static void vb_buckets_add(struct vb_buckets *b, size_t i, size_t hash)
{
	size_t *head = &b->head[hash & b->mask];

	b->next[i] = *head;
	*head = i + 1;
}

static void vb_buckets_free(struct vb_buckets *b)
{
	free(b->head);
	free(b->next);
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

	for (size_t i = r->run->row0; i < r->run->row0 + r->run->nrows; i++) {
		const struct vb_row *o = &s->rows[i]; /* the run's rows, in order */

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

/* Identity columns every run has: bench and status always (vb_set_add insists). */
static const char *const vb_stab_cols[] = { "bench",  "status", "target",  "mode",
					    "policy", "config", "variant", NULL };
static const char *const vb_stab_min[] = { "bench", "status", NULL };

/* The medians of one row in several runs: how many, lowest, highest. */
struct vb_spread {
	size_t runs;
	double lo, hi;
};

/*
 * When every run has the same header, "same identity" is an equivalence:
 * each row's spread is its class's, computed once per class (rep: 1 + the
 * index of the class's first row) instead of once per row.
 */
static void vb_spreads(const struct vb_set *s, const struct vb_buckets *b, const char *const *cols,
		       size_t *rep, struct vb_spread *sp)
{
	static const char *const none[] = { NULL };

	for (size_t i = 0; i < s->nrows; i++) {
		const struct vb_row *r = &s->rows[i];

		if (!r->ok || rep[i])
			continue;
		sp[i] = (struct vb_spread){ 0, r->median, r->median };
		for (size_t j = b->head[vb_row_hash(r, cols, NULL) & b->mask]; j;
		     j = b->next[j - 1]) {
			const struct vb_row *x = &s->rows[j - 1];

			if (!x->ok || !vb_same_but(r, x, none, NULL))
				continue;
			rep[j - 1] = i + 1;
			sp[i].runs++;
			sp[i].lo = fmin(sp[i].lo, x->median);
			sp[i].hi = fmax(sp[i].hi, x->median);
		}
	}
}

/*
 * Interval width and, when the set holds the same row from several runs,
 * their spread (pre: already known, or NULL to find it among the bucket's rows).
 */
static void vb_find_stability(struct vb_set *s, const struct vb_buckets *b, const char *const *cols,
			      const struct vb_spread *pre, struct vb_row *r,
			      const struct vb_analysis_opts *o)
{
	static const char *const none[] = { NULL };
	double lo = r->median, hi = r->median, w;
	size_t runs = 0;
	bool bad = false, known = false;
	size_t off = 0;

	snprintf(r->stability, sizeof(r->stability), "unknown");
	if (!r->ok)
		return;
	for (size_t i = pre ? 0 : b->head[vb_row_hash(r, cols, NULL) & b->mask]; i;
	     i = b->next[i - 1]) {
		const struct vb_row *x = &s->rows[i - 1];

		if (x->ok && vb_same_but(r, x, none, NULL) &&
		    x->run->summary.rows[0].n == r->run->summary.rows[0].n) {
			runs++;
			lo = fmin(lo, x->median);
			hi = fmax(hi, x->median);
		}
	}
	if (pre) {
		runs = pre->runs;
		lo = pre->lo;
		hi = pre->hi;
	}
	if (r->has_ci) {
		w = vb_ci_rel_width(r->ci_lo, r->ci_hi, r->median);
		known = true;
		bad |= w < 0 || w > o->stable_pct;
		off = vb_catf(r->stab_basis, sizeof(r->stab_basis), off, "interval width %.2f%%",
			      w < 0 ? INFINITY : w);
	}
	if (runs > 1) {
		w = vb_ci_rel_width(lo, hi, r->median);
		known = true;
		bad |= w < 0 || w > o->stable_pct;
		off = vb_catf(r->stab_basis, sizeof(r->stab_basis), off, "%s%zu runs spread %.2f%%",
			      off ? "; " : "", runs, w < 0 ? INFINITY : w);
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
			n = vb_catf(buf, len, n, "%s%s", n ? "_" : "", t);
}

/* Columns a native pair shares with its virt row (besides the stage-1 configuration). */
static const char *const vb_pair_cols[] = { "bench", "target", "variant", NULL };
static const char *const vb_pair_min[] = { "bench", NULL };

/* A mode=linux row's pairing, said in analysis.csv and the report (docs/linux.md). */
static const char vb_note_unknown[] =
	"not paired: in_guest=unknown (vbench-linux could not tell a KVM guest from a host), so "
	"the run is neither side of a pair";
static const char vb_note_no_host[] =
	"not paired: no in_guest=no linux run of the same target, arch and clock has this row";
static const char vb_note_paired[] =
	"linux in a guest (in_guest=yes) against the host (in_guest=no)";

/*
 * A virt row's native pair: mode native, the same stage 1. A linux row run in a
 * guest pairs the same way with the host's linux row (in_guest=no) of the same
 * configuration, the guest's kernel release free to differ from the host's.
 */
static void vb_find_native(struct vb_set *s, const struct vb_buckets *b, const char *const *cols,
			   struct vb_row *r)
{
	static const char *const skip[] = { "mode", "policy", "config", "status", NULL };
	static const char *const skip_linux[] = { "status", "kernel", NULL };
	enum vb_linux_side side = vb_linux_side(r);
	char a[256], c[256];

	if (side == VB_LINUX_UNKNOWN)
		r->pair_note = vb_note_unknown;
	if (strcmp(vb_row_get(r, "mode"), "virt") && side != VB_LINUX_GUEST)
		return;
	vb_stage1(vb_row_get(r, "config"), a, sizeof(a));
	/* the first native row, in row order, among those with the same key */
	for (size_t i = b->head[vb_row_hash(r, cols, a) & b->mask]; i; i = b->next[i - 1]) {
		const struct vb_row *n = &s->rows[i - 1];

		if (side == VB_LINUX_GUEST ? vb_linux_side(n) != VB_LINUX_HOST :
					     strcmp(vb_row_get(n, "mode"), "native"))
			continue;
		vb_stage1(vb_row_get(n, "config"), c, sizeof(c));
		if (side == VB_LINUX_GUEST ? vb_same_but(r, n, skip_linux, NULL) :
					     !strcmp(a, c) && vb_same_but(r, n, skip, "s2_")) {
			r->native = n;
			r->pair_note = side == VB_LINUX_GUEST ? vb_note_paired : NULL;
			return;
		}
	}
	if (side == VB_LINUX_GUEST)
		r->pair_note = vb_note_no_host;
}

void vb_analyze(struct vb_set *s, const struct vb_analysis_opts *o)
{
	const char *const *scols = vb_all_have(s, vb_stab_cols) ? vb_stab_cols : vb_stab_min;
	const char *const *pcols = vb_all_have(s, vb_pair_cols) ? vb_pair_cols : vb_pair_min;
	struct vb_buckets stab, pair;
	char st1[256];

	for (size_t i = 0; i < s->nrows; i++) {
		vb_find_ci(&s->rows[i], o);
		if (s->rows[i].ok)
			vb_find_overhead(s, &s->rows[i]);
	}
	vb_buckets_init(&stab, s->nrows);
	vb_buckets_init(&pair, s->nrows);
	for (size_t i = s->nrows; i-- > 0;) {
		const struct vb_row *r = &s->rows[i];

		if (r->ok)
			vb_buckets_add(&stab, i, vb_row_hash(r, scols, NULL));
		if (!strcmp(vb_row_get(r, "mode"), "native") || vb_linux_side(r) == VB_LINUX_HOST) {
			vb_stage1(vb_row_get(r, "config"), st1, sizeof(st1));
			vb_buckets_add(&pair, i, vb_row_hash(r, pcols, st1));
		}
	}
	/* header ids change only where a header does: all 0 means one header */
	bool one_header = !s->nruns || !s->runs[s->nruns - 1]->header_id;
	size_t *rep = vb_xcalloc(s->nrows + 1, sizeof(*rep));
	struct vb_spread *sp = vb_xcalloc(s->nrows + 1, sizeof(*sp));

	if (one_header)
		vb_spreads(s, &stab, scols, rep, sp);
	for (size_t i = 0; i < s->nrows; i++) {
		const struct vb_spread *pre = one_header && rep[i] ? &sp[rep[i] - 1] : NULL;

		vb_find_stability(s, &stab, scols, pre, &s->rows[i], o);
		vb_find_native(s, &pair, pcols, &s->rows[i]);
	}
	free(rep);
	free(sp);
	vb_buckets_free(&stab);
	vb_buckets_free(&pair);
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

int vb_row_pair_ci(const struct vb_row *r, double *dlo, double *dhi, double *qlo, double *qhi,
		   const char **why)
{
	double ratio, diff, vo = 0, no = 0, vlo, vhi, nlo, nhi;
	const char *basis;

	*why = "";
	if (vb_row_pair(r, &ratio, &diff, &basis))
		return -1;
	if (!r->has_ci || !r->native->has_ci) {
		*why = !r->has_ci ? r->ci_note : r->native->ci_note;
		return -1;
	}
	if (!strcmp(basis, "corrected"))
		vo = r->overhead, no = r->native->overhead;
	vlo = r->ci_lo - vo, vhi = r->ci_hi - vo;
	nlo = r->native->ci_lo - no, nhi = r->native->ci_hi - no;
	*dlo = vlo - nhi;
	*dhi = vhi - nlo;
	*qlo = *qhi = NAN; /* a ratio needs a native interval above 0 */
	if (nlo > 0) {
		*qlo = vlo / (vlo >= 0 ? nhi : nlo);
		*qhi = vhi / (vhi >= 0 ? nlo : nhi);
	}
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
