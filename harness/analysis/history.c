/* results/history.csv: one row per run, benchmark and configuration, appended atomically. */
#include "history.h"

#include <errno.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "analysis.h"
#include "results/outfile.h"

const char *const vb_history_columns[] = { "run_id", "date",  "rev",	"target", "mode",
					   "policy", "bench", "config", "other",  "median",
					   "ci_lo",  "ci_hi", "ci",	"unit",	  "clock" };
#define VB_HNCOLS (sizeof(vb_history_columns) / sizeof(vb_history_columns[0]))

/* Identity columns beyond the fixed ones, as "name=value;..." so the file's columns never change. */
static void vb_other(const struct vb_row *r, char *buf, size_t len)
{
	const struct vb_csv_row *h = &r->run->summary.rows[0];
	size_t n = 0;

	buf[0] = '\0';
	for (size_t c = 0; c < h->n; c++) {
		bool fixed = vb_is_stat_column(h->f[c]) || !strcmp(h->f[c], "arch") ||
			     !strcmp(h->f[c], "status") || !strcmp(h->f[c], "emulated");

		for (size_t i = 0; i < VB_HNCOLS && !fixed; i++)
			fixed = !strcmp(h->f[c], vb_history_columns[i]);
		if (!fixed && *vb_row_get(r, h->f[c]))
			n = vb_catf(buf, len, n, "%s%s=%s", n ? ";" : "", h->f[c],
				    vb_row_get(r, h->f[c]));
	}
}

static bool vb_in_history(const struct vb_csv_table *t, const char *run_id)
{
	for (size_t i = 1; i < t->nrows; i++)
		if (!strcmp(vb_csv_cell(t, i, "run_id") ? vb_csv_cell(t, i, "run_id") : "", run_id))
			return true;
	return false;
}

static int vb_history_row(FILE *f, const struct vb_row *r)
{
	char med[32] = "", lo[32] = "", hi[32] = "", ci[96], other[512];
	const struct vb_run *run = r->run;
	const char *row[VB_HNCOLS];

	if (r->ok)
		vb_fmt_num(med, sizeof(med), r->median);
	if (r->has_ci) {
		vb_fmt_num(lo, sizeof(lo), r->ci_lo);
		vb_fmt_num(hi, sizeof(hi), r->ci_hi);
		snprintf(ci, sizeof(ci), "%s..%s", lo, hi);
	} else {
		snprintf(ci, sizeof(ci), "%s", r->ci_note);
	}
	vb_other(r, other, sizeof(other));
	row[0] = vb_row_get(r, "run_id");
	row[1] = vb_run_meta(run, "date");
	row[2] = vb_run_meta(run, "begin.rev");
	row[3] = vb_row_get(r, "target");
	row[4] = vb_row_get(r, "mode");
	row[5] = vb_row_get(r, "policy");
	row[6] = vb_row_get(r, "bench");
	row[7] = vb_row_get(r, "config");
	row[8] = other;
	row[9] = med;
	row[10] = lo;
	row[11] = hi;
	row[12] = ci;
	row[13] = vb_row_get(r, "unit");
	row[14] = vb_row_get(r, "clock");
	return vb_csv_row(f, row, VB_HNCOLS);
}

/* Copies the old file's bytes, then appends; the rename makes it one step. */
int vb_history_add(const char *path, const struct vb_set *s, size_t *added, size_t *skipped,
		   struct vb_error *e)
{
	struct vb_csv_table old = { 0 };
	struct vb_outfile of;
	bool exists = !access(path, F_OK);
	int bad = 0;

	*added = *skipped = 0;
	if (exists && vb_csv_read(path, &old, e))
		return -1;
	if (exists && (!old.nrows || !vb_csv_cell(&old, 0, "run_id"))) {
		vb_csv_free(&old);
		return vb_fail(e, "%s: not a history file (no run_id column)", path);
	}
	if (vb_outfile_open(&of, path, e)) {
		vb_csv_free(&old);
		return -1;
	}
	bad |= vb_csv_row(of.f, exists ? (const char *const *)old.rows[0].f : vb_history_columns,
			  exists ? old.rows[0].n : VB_HNCOLS);
	for (size_t i = 1; i < old.nrows; i++)
		bad |= vb_csv_row(of.f, (const char *const *)old.rows[i].f, old.rows[i].n);
	for (size_t r = 0; r < s->nruns; r++) {
		const char *id = vb_run_meta(s->runs[r], "run_id");

		if (vb_in_history(&old, id)) {
			++*skipped;
			continue;
		}
		for (size_t i = 0; i < s->nrows; i++)
			if (s->rows[i].run == s->runs[r])
				bad |= vb_history_row(of.f, &s->rows[i]), ++*added;
	}
	vb_csv_free(&old);
	return vb_outfile_close(&of, bad, e);
}
