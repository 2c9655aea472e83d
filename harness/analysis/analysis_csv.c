/* analysis.csv: every summary column, then what analysis adds (docs/analysis.md). */
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "analysis.h"

const char *const vb_analysis_added[] = {
	"p10",
	"overhead",
	"corrected",
	"ci_lo",
	"ci_hi",
	"ci",
	"stability",
	"stability_basis",
	"caveat",
	"native_median",
	"virt_minus_native",
	"virt_over_native",
	"pair_basis",
	"virt_minus_native_ci",
	"virt_over_native_ci",
	"native_run",
	"pair_note",
	NULL,
};

/* The union of the runs' summary columns, in the order first seen, without added ones. */
static size_t vb_union(const struct vb_set *s, const char ***out)
{
	size_t n = 0, cap = 0;

	*out = NULL;
	for (size_t r = 0; r < s->nruns; r++) {
		const struct vb_csv_row *h = &s->runs[r]->summary.rows[0];

		for (size_t c = 0; c < h->n; c++) {
			bool seen = false;

			for (size_t i = 0; i < n && !seen; i++)
				seen = !strcmp((*out)[i], h->f[c]);
			for (size_t i = 0; vb_analysis_added[i] && !seen; i++)
				seen = !strcmp(vb_analysis_added[i], h->f[c]);
			if (!seen) {
				*out = vb_grow(*out, &cap, n + 1, sizeof(**out));
				(*out)[n++] = h->f[c];
			}
		}
	}
	return n;
}

static void vb_num_or(char *buf, size_t len, bool have, double v)
{
	if (have && !isnan(v))
		vb_fmt_num(buf, len, v);
	else
		buf[0] = '\0';
}

/* The native number the pair used: corrected or raw, as the basis says. */
static double vb_native_value(const struct vb_row *r, const char *basis)
{
	return strcmp(basis, "raw") ? r->native->median - r->native->overhead : r->native->median;
}

#define VB_NADDED 17

/* The pair's intervals as "lo..hi", or why there are none. */
static void vb_pair_ci_cells(const struct vb_row *r, char *d, char *q)
{
	double dlo, dhi, qlo, qhi;
	const char *why;
	char lo[48], hi[48];

	d[0] = q[0] = '\0';
	if (vb_row_pair_ci(r, &dlo, &dhi, &qlo, &qhi, &why)) {
		if (*why)
			snprintf(d, 128, "%s", why), snprintf(q, 128, "%s", why);
		return;
	}
	vb_fmt_num(lo, sizeof(lo), dlo), vb_fmt_num(hi, sizeof(hi), dhi);
	snprintf(d, 128, "%s..%s", lo, hi);
	if (isnan(qlo))
		snprintf(q, 128, "unavailable: native's interval reaches 0");
	else
		snprintf(q, 128, "%.3f..%.3f", qlo, qhi);
}

static void vb_added_cells(const struct vb_row *r, char (*b)[128], const char **cells)
{
	double corr = 0, ratio = 0, diff = 0;
	const char *basis = "";
	bool pair = !vb_row_pair(r, &ratio, &diff, &basis);
	bool corrected = !vb_row_corrected(r, &corr); /* before corr is read: a sequence point */

	vb_num_or(b[0], 128, r->ok, r->p10);
	vb_num_or(b[1], 128, r->has_overhead, r->overhead);
	vb_num_or(b[2], 128, corrected, corr);
	vb_num_or(b[3], 128, r->has_ci, r->ci_lo);
	vb_num_or(b[4], 128, r->has_ci, r->ci_hi);
	if (r->has_ci)
		snprintf(b[5], 128, "%s..%s", b[3], b[4]);
	else
		snprintf(b[5], 128, "%s", r->ci_note);
	vb_num_or(b[9], 128, pair, pair ? vb_native_value(r, basis) : 0);
	vb_num_or(b[10], 128, pair, diff);
	if (pair && !isnan(ratio))
		snprintf(b[11], 128, "%.3f", ratio);
	else
		b[11][0] = '\0';
	vb_pair_ci_cells(r, b[13], b[14]);
	for (size_t i = 0; i < VB_NADDED; i++)
		cells[i] = b[i];
	cells[15] = r->native ? vb_row_get(r->native, "run_id") : "";
	cells[16] = r->pair_note ? r->pair_note : "";
	cells[6] = r->stability;
	cells[7] = r->stab_basis;
	cells[8] = vb_row_caveat(r);
	cells[12] = pair ? basis : "";
	if (!r->ok)
		cells[0] = "";
}

int vb_analysis_write(FILE *f, const struct vb_set *s)
{
	const char **cols, **row;
	size_t n = vb_union(s, &cols), na = VB_NADDED;
	char b[VB_NADDED][128];
	int bad = 0;

	row = vb_xcalloc(n + na, sizeof(*row));
	for (size_t i = 0; i < n; i++)
		row[i] = cols[i];
	for (size_t i = 0; i < na; i++)
		row[n + i] = vb_analysis_added[i];
	bad |= vb_csv_row(f, row, n + na);
	for (size_t i = 0; i < s->nrows && !bad; i++) {
		for (size_t c = 0; c < n; c++)
			row[c] = vb_row_get(&s->rows[i], cols[c]);
		vb_added_cells(&s->rows[i], b, row + n);
		bad |= vb_csv_row(f, row, n + na);
	}
	free(row);
	free(cols);
	return bad;
}
