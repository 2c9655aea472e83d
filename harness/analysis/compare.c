/* Row matching and verdicts for vbench compare. */
#include "compare.h"

#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "analysis.h"
#include "context.h"

const char *vb_verdict_name(enum vb_verdict v)
{
	static const char *const names[] = { "no change",    "regression",   "improvement",
					     "not measured", "only in BASE", "only in NEW" };

	return names[v];
}

static int vb_cmp_str(const void *a, const void *b)
{
	return strcmp(*(char *const *)a, *(char *const *)b);
}

/* A row's value in column `col`, or its "target/mode" when col is NULL. */
static char *vb_row_value(const struct vb_row *r, const char *col)
{
	static const char *const side[] = { "", " (in_guest=no)", " (in_guest=yes)",
					    " (in_guest=unknown)" };

	if (col)
		return vb_xstrdup(vb_row_get(r, col));
	/* a linux run in a guest is another world than the host's: a mode of its own here */
	return vb_xasprintf("%s/%s%s", vb_row_get(r, "target"), vb_row_get(r, "mode"),
			    side[vb_linux_side(r)]);
}

/* The distinct values of a column (NULL: "target/mode") over the set's rows, sorted and joined. */
static char *vb_set_distinct(const struct vb_set *s, const char *col)
{
	char **v = vb_xcalloc(s->nrows + 1, sizeof(*v)), *out;
	size_t n = 0, len = 1;

	for (size_t i = 0; i < s->nrows; i++) {
		char *t = vb_row_value(&s->rows[i], col);
		bool seen = false;

		for (size_t j = 0; j < n && !seen; j++)
			seen = !strcmp(v[j], t);
		if (seen)
			free(t);
		else
			v[n++] = t, len += strlen(t) + 2;
	}
	qsort(v, n, sizeof(*v), vb_cmp_str);
	out = vb_xmalloc(len);
	out[0] = '\0';
	for (size_t i = 0; i < n; i++) {
		if (i)
			strcat(out, ", ");
		strcat(out, v[i]);
		free(v[i]);
	}
	free(v);
	return out;
}

char *vb_set_targets(const struct vb_set *s)
{
	return vb_set_distinct(s, NULL);
}

char *vb_set_values(const struct vb_set *s, const char *col)
{
	return vb_set_distinct(s, col);
}

static struct vb_change *vb_add(struct vb_comparison *c, const struct vb_row *b,
				const struct vb_row *n, char *key)
{
	struct vb_change *x;

	c->c = vb_grow(c->c, &c->cap, c->n + 1, sizeof(*c->c));
	x = &c->c[c->n++];
	memset(x, 0, sizeof(*x));
	x->base = b;
	x->new = n;
	x->key = key;
	return x;
}

/* Index of the last row with this key (runs are in name order: the latest wins), or -1. */
static long vb_find(char *const *keys, size_t n, const char *key)
{
	long found = -1;

	for (size_t i = 0; i < n; i++)
		if (!strcmp(keys[i], key))
			found = (long)i;
	return found;
}

static char **vb_keys(const struct vb_set *s, const struct vb_comparison *c)
{
	char **k = vb_xcalloc(s->nrows + 1, sizeof(*k));

	for (size_t i = 0; i < s->nrows; i++)
		k[i] = vb_row_key(&s->rows[i], c->cols, c->ncols);
	return k;
}

static void vb_keys_free(char **k, size_t n)
{
	for (size_t i = 0; i < n; i++)
		free(k[i]);
	free(k);
}

static void vb_judge(struct vb_change *x, double thr)
{
	const struct vb_row *b = x->base, *n = x->new;
	double m = b->median;

	if (!b->ok || !n->ok) {
		x->v = VB_V_UNMEASURED;
		snprintf(x->note, sizeof(x->note), "status %s -> %s", vb_row_get(b, "status"),
			 vb_row_get(n, "status"));
		return;
	}
	x->pct = m != 0 ? 100.0 * (n->median - m) / fabs(m) :
			  (n->median == 0 ? 0 : copysign(INFINITY, n->median));
	if (b->has_ci && n->has_ci && m != 0) {
		x->has_ci = true;
		x->ci_lo = 100.0 * (n->ci_lo - b->ci_hi) / fabs(m);
		x->ci_hi = 100.0 * (n->ci_hi - b->ci_lo) / fabs(m);
	}
	if (x->pct > thr && (!x->has_ci || x->ci_lo > 0))
		x->v = VB_V_REGRESSION;
	else if (x->pct < -thr && (!x->has_ci || x->ci_hi < 0))
		x->v = VB_V_IMPROVEMENT;
	else
		x->v = VB_V_NOCHANGE;
	if (fabs(x->pct) > thr && x->v == VB_V_NOCHANGE)
		snprintf(x->note, sizeof(x->note), "beyond the threshold but the interval has 0");
	else if (!x->has_ci)
		snprintf(x->note, sizeof(x->note), "no interval: %s",
			 !b->has_ci ? b->ci_note : n->ci_note);
	if (!strcmp(b->stability, "unstable") || !strcmp(n->stability, "unstable"))
		snprintf(x->note + strlen(x->note), sizeof(x->note) - strlen(x->note), "%sunstable",
			 x->note[0] ? "; " : "");
	if (!strcmp(vb_row_get(n, "clock"), "host") || !strcmp(vb_row_get(b, "clock"), "host"))
		snprintf(x->note + strlen(x->note), sizeof(x->note) - strlen(x->note),
			 "%shost clock: noise", x->note[0] ? "; " : "");
}

void vb_compare(const struct vb_set *base, const struct vb_set *new, double thr, bool cross,
		struct vb_comparison *c)
{
	const struct vb_set *both[2] = { base, new };
	char **bk, **nk;

	memset(c, 0, sizeof(*c));
	c->ncols = vb_set_identity(both, 2, &c->cols);
	for (size_t i = 0; i < c->ncols; i++)
		if (!strcmp(c->cols[i], "status") ||
		    (cross && (!strcmp(c->cols[i], "target") || !strcmp(c->cols[i], "arch") ||
			       !strcmp(c->cols[i], "mode"))))
			memmove(&c->cols[i], &c->cols[i + 1], (c->ncols-- - i) * sizeof(*c->cols)),
				i--;
	bk = vb_keys(base, c);
	nk = vb_keys(new, c);
	for (size_t i = 0; i < base->nrows; i++) {
		long n = vb_find(nk, new->nrows, bk[i]);
		struct vb_change *x;

		if (vb_find(bk, base->nrows, bk[i]) != (long)i)
			continue; /* an older run of the same row */
		x = vb_add(c, &base->rows[i], n < 0 ? NULL : &new->rows[n], vb_xstrdup(bk[i]));
		if (n < 0)
			x->v = VB_V_ONLY_BASE, c->only_base++;
		else
			vb_judge(x, thr), c->common++;
		c->lost += x->v == VB_V_UNMEASURED && x->base->ok;
		c->regressions += x->v == VB_V_REGRESSION;
		c->improvements += x->v == VB_V_IMPROVEMENT;
	}
	for (size_t i = 0; i < new->nrows; i++)
		if (vb_find(nk, new->nrows, nk[i]) == (long)i &&
		    vb_find(bk, base->nrows, nk[i]) < 0) {
			vb_add(c, NULL, &new->rows[i], vb_xstrdup(nk[i]))->v = VB_V_ONLY_NEW;
			c->only_new++;
		}
	vb_keys_free(bk, base->nrows);
	vb_keys_free(nk, new->nrows);
}

void vb_comparison_free(struct vb_comparison *c)
{
	for (size_t i = 0; i < c->n; i++)
		free(c->c[i].key);
	free(c->c);
	free(c->cols);
	memset(c, 0, sizeof(*c));
}
