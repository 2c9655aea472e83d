/* Run folders read back: rows, identities, raw samples. */
#include "runset.h"

#include <dirent.h>
#include <math.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "base/ci.h"

/* The images' sample buffer holds at most 4096 (launch/params.h); a CSV may come from elsewhere. */
#define VB_CSV_MAX_N 1000000000

static const char *const vb_stat_columns[] = {
	"run_id",
	"n",
	"warmup",
	"min",
	"median",
	"p90",
	"p99",
	"max",
	"mean",
	"stddev",
	/* measured or derived per row, not what identifies it: PMU events, walk lengths */
	"inst_retired",
	"exc_taken",
	"l1d_tlb_refill",
	"l2d_tlb_refill",
	"dtlb_walk",
	"mem_access",
	"l1d_cache_refill",
	"desc_reads",
	/* kvm mode: KVM's exit counters over the row's samples */
	"stat_exits",
	"stat_hvc_exits",
	"stat_user_exits",
	/* kvm mode: the memslot's backing after the row (the host's, measured) */
	"memslot_page_kb",
	"memslot_thp_kb",
	"memslot_rss_kb",
	NULL,
};

bool vb_is_stat_column(const char *name)
{
	for (size_t i = 0; vb_stat_columns[i]; i++)
		if (!strcmp(name, vb_stat_columns[i]))
			return true;
	for (size_t i = 0; vb_analysis_added[i]; i++) /* analysis.csv read back */
		if (!strcmp(name, vb_analysis_added[i]))
			return true;
	return false;
}

int vb_cell_num(const char *s, double *out)
{
	uint64_t v = 0;
	size_t i;
	char *end;

	if (!s || !*s)
		return -1;
	/* up to 15 digits: exact in a double, as strtod gives it, at a fraction of its cost */
	for (i = 0; i < 15 && s[i] >= '0' && s[i] <= '9'; i++)
		v = v * 10 + (uint64_t)(s[i] - '0');
	if (!s[i]) {
		*out = (double)v;
		return 0;
	}
	*out = strtod(s, &end);
	/* "nan", "inf" and 1e999 are not measurements */
	return *end || !isfinite(*out) ? -1 : 0;
}

/*
 * Callers ask for the same few names (usually literals) millions of times:
 * remember where each was found, keyed by its address and checked by content.
 */
const char *vb_row_get(const struct vb_row *r, const char *col)
{
	struct vb_run *run = r->run;
	const struct vb_csv_row *h = &run->summary.rows[0], *row = &run->summary.rows[r->idx];
	size_t slot = ((uintptr_t)col >> 3) % 64, k = run->col_idx[slot];
	const char *c;

	if (run->col_key[slot] == col && k < h->n && !strcmp(h->f[k], col))
		return k < row->n ? row->f[k] : "";
	c = vb_csv_cell(&run->summary, r->idx, col);
	for (k = 0; c && strcmp(h->f[k], col); k++)
		; /* where vb_csv_cell found it: the first column of that name */
	if (c) {
		run->col_key[slot] = col;
		run->col_idx[slot] = k;
	}
	return c ? c : "";
}

const char *vb_row_at(const struct vb_row *r, size_t c)
{
	const struct vb_csv_row *row = &r->run->summary.rows[r->idx];
	size_t k = r->run->canon[c];

	return k < row->n ? row->f[k] : "";
}

const char *vb_run_meta(const struct vb_run *run, const char *key)
{
	const struct vb_csv_table *t = &run->meta;

	for (size_t i = 1; i < t->nrows; i++)
		if (t->rows[i].n >= 2 && !strcmp(t->rows[i].f[0], key))
			return t->rows[i].f[1];
	return "";
}

static bool vb_has_file(const char *dir, const char *file)
{
	char p[4096];

	return !vb_path_join(p, sizeof(p), dir, file) && !access(p, R_OK);
}

/*
 * Which summary column each samples.csv column is compared with (the first of
 * its name), or -1: index, value, run_id and columns the summary lacks; -2
 * for `row`, the summary row's number itself (docs/results.md). Folders
 * written before `row` name their row by bench, config, variant, target, mode.
 */
static ptrdiff_t *vb_sample_map(const struct vb_csv_table *smp, const struct vb_run *run)
{
	const struct vb_csv_row *h = &smp->rows[0], *sh = &run->summary.rows[0];
	ptrdiff_t *map = vb_xcalloc(h->n + 1, sizeof(*map));

	for (size_t c = 0; c < h->n; c++) {
		const char *name = h->f[c];

		map[c] = -1;
		if (!strcmp(name, "row")) {
			map[c] = -2;
			continue;
		}
		if (!strcmp(name, "index") || !strcmp(name, "value") || !strcmp(name, "run_id"))
			continue;
		for (size_t k = 0; k < sh->n && map[c] < 0; k++)
			if (!strcmp(sh->f[k], name))
				map[c] = (ptrdiff_t)k;
	}
	return map;
}

/*
 * Does samples row `i` belong to summary row `r` (numbered `rowno`, in
 * decimal)? Every shared identity column must agree.
 */
static bool vb_sample_matches(const struct vb_csv_table *smp, const ptrdiff_t *map, size_t i,
			      const struct vb_row *r, const char *rowno)
{
	const struct vb_csv_row *sr = &r->run->summary.rows[r->idx], *row = &smp->rows[i];

	for (size_t c = 0; c < smp->rows[0].n; c++) {
		size_t k = (size_t)map[c];

		if (map[c] == -2 && (c >= row->n || strcmp(row->f[c], rowno)))
			return false;
		if (map[c] < 0 || k >= sr->n || c >= row->n)
			continue;
		if (strcmp(sr->f[k], row->f[c]))
			return false;
	}
	return true;
}

/* Gives each ok row of the run its samples, sorted. Samples of one row are contiguous. */
static int vb_attach_samples(struct vb_set *s, const struct vb_run *run, const char *sum_path,
			     const char *path, struct vb_error *e)
{
	struct vb_csv_table smp;
	ptrdiff_t *map, value = -1;
	size_t i = 1;

	if (vb_csv_read(path, &smp, e))
		return -1;
	if (!smp.nrows) {
		vb_csv_free(&smp);
		return 0;
	}
	map = vb_sample_map(&smp, run);
	for (size_t c = 0; c < smp.rows[0].n && value < 0; c++)
		if (!strcmp(smp.rows[0].f[c], "value"))
			value = (ptrdiff_t)c;
	for (size_t r = run->row0; r < s->nrows; r++) {
		struct vb_row *row = &s->rows[r];
		size_t cap = 0, want;
		char rowno[24];
		double dn;

		if (!row->ok)
			continue;
		/* a count, or the cast below is undefined and samples are dropped unsaid */
		if (vb_cell_num(vb_row_get(row, "n"), &dn) || dn < 1 || dn > VB_CSV_MAX_N ||
		    dn != (double)(size_t)dn) {
			vb_csv_free(&smp);
			free(map);
			return vb_fail(
				e, "%s: row %zu: column n: '%s' is not a sample count (1 to %d)",
				sum_path, row->idx + 1, vb_row_get(row, "n"), VB_CSV_MAX_N);
		}
		want = (size_t)dn;
		snprintf(rowno, sizeof(rowno), "%zu", row->idx);
		/* Usually the next block; search from the top if not. */
		if (i >= smp.nrows || !vb_sample_matches(&smp, map, i, row, rowno))
			for (i = 1; i < smp.nrows && !vb_sample_matches(&smp, map, i, row, rowno);
			     i++)
				;
		/* n of them: rows that differ only in columns samples.csv lacks follow each other */
		for (; i < smp.nrows && row->nsamples < want &&
		       vb_sample_matches(&smp, map, i, row, rowno);
		     i++) {
			const char *cell = value >= 0 && (size_t)value < smp.rows[i].n ?
						   smp.rows[i].f[value] :
						   NULL;
			double v;

			if (vb_cell_num(cell, &v)) {
				vb_fail(e, "%s: row %zu: column value: '%s' is not a number", path,
					i + 1, cell ? cell : "");
				vb_csv_free(&smp);
				free(map);
				return -1;
			}
			row->samples =
				vb_grow(row->samples, &cap, row->nsamples + 1, sizeof(double));
			row->samples[row->nsamples++] = v;
		}
		if (row->samples)
			vb_ci_sort(row->samples, row->nsamples);
	}
	vb_csv_free(&smp);
	free(map);
	return 0;
}

static int vb_read_row(struct vb_row *row, const char *path, struct vb_error *e)
{
	const char *st = vb_row_get(row, "status");
	const char *need[] = { "median", "min", "p90", "max" };
	double *dst[] = { &row->median, &row->min, &row->p90, &row->max };

	row->ok = !strcmp(st, "ok");
	if (!row->ok)
		return 0;
	for (size_t i = 0; i < 4; i++)
		if (vb_cell_num(vb_row_get(row, need[i]), dst[i]))
			return vb_fail(e,
				       "%s: row %zu: column %s: status ok but '%s' is not a finite "
				       "number",
				       path, row->idx + 1, need[i], vb_row_get(row, need[i]));
	return 0;
}

/* canon, stat and header_id of a run just read; `prev` is the run read before it. */
static void vb_run_columns(struct vb_run *run, const struct vb_run *prev)
{
	const struct vb_csv_row *h = &run->summary.rows[0];
	bool same = prev && prev->summary.rows[0].n == h->n;

	run->canon = vb_xcalloc(h->n + 1, sizeof(*run->canon));
	run->stat = vb_xcalloc(h->n + 1, sizeof(*run->stat));
	for (size_t c = 0; c < h->n; c++) {
		size_t k = 0;

		while (strcmp(h->f[k], h->f[c]))
			k++;
		run->canon[c] = k;
		run->stat[c] = vb_is_stat_column(h->f[c]);
		same = same && !strcmp(prev->summary.rows[0].f[c], h->f[c]);
	}
	/* equal headers one after the other share an id; any other gets a new one */
	run->header_id = !prev ? 0 : same ? prev->header_id : prev->header_id + 1;
}

static int vb_add_run(struct vb_set *s, const char *dir, struct vb_error *e)
{
	char sum[4096], meta[4096], smp[4096];
	struct vb_run *run;

	vb_path_join(sum, sizeof(sum), dir, "summary.csv");
	vb_path_join(meta, sizeof(meta), dir, "meta.csv");
	vb_path_join(smp, sizeof(smp), dir, "samples.csv");
	s->runs = vb_grow(s->runs, &s->rcap, s->nruns + 1, sizeof(*s->runs));
	/* counted at once: vb_set_free frees it, whatever fails below */
	run = s->runs[s->nruns++] = vb_xcalloc(1, sizeof(*run));
	run->dir = vb_xstrdup(dir);
	if (vb_csv_read(sum, &run->summary, e))
		return -1;
	if (access(meta, R_OK) == 0 && vb_csv_read(meta, &run->meta, e))
		return -1;
	if (!run->summary.nrows || !vb_csv_cell(&run->summary, 0, "bench") ||
	    !vb_csv_cell(&run->summary, 0, "status"))
		return vb_fail(e, "%s: no header with bench and status columns", sum);
	vb_run_columns(run, s->nruns > 1 ? s->runs[s->nruns - 2] : NULL);
	run->row0 = s->nrows;
	run->nrows = run->summary.nrows - 1;
	for (size_t i = 1; i < run->summary.nrows; i++) {
		struct vb_row *row;

		s->rows = vb_grow(s->rows, &s->cap, s->nrows + 1, sizeof(*s->rows));
		row = &s->rows[s->nrows++];
		memset(row, 0, sizeof(*row));
		row->run = run;
		row->idx = i;
		if (vb_read_row(row, sum, e))
			return -1;
	}
	run->has_samples = !access(smp, R_OK);
	return run->has_samples ? vb_attach_samples(s, run, sum, smp, e) : 0;
}

static int vb_cmp_str(const void *a, const void *b)
{
	return strcmp(*(char *const *)a, *(char *const *)b);
}

int vb_set_add(struct vb_set *s, const char *path, struct vb_error *e)
{
	char **names = NULL, sub[4096];
	size_t n = 0, cap = 0;
	struct dirent *de;
	DIR *d;
	int ret = 0;

	if (vb_has_file(path, "summary.csv"))
		return vb_add_run(s, path, e);
	d = opendir(path);
	if (!d)
		return vb_fail(e, "%s: not a run folder (no summary.csv) nor a folder of runs",
			       path);
	while ((de = readdir(d)))
		if (de->d_name[0] != '.' && !vb_path_join(sub, sizeof(sub), path, de->d_name) &&
		    vb_has_file(sub, "summary.csv")) {
			names = vb_grow(names, &cap, n + 1, sizeof(*names));
			names[n++] = vb_xstrdup(de->d_name);
		}
	closedir(d);
	if (!n)
		return vb_fail(e, "%s: no summary.csv in it nor in any folder inside it", path);
	qsort(names, n, sizeof(*names), vb_cmp_str);
	for (size_t i = 0; i < n; i++) {
		vb_path_join(sub, sizeof(sub), path, names[i]);
		if (!ret)
			ret = vb_add_run(s, sub, e);
		free(names[i]);
	}
	free(names);
	return ret;
}

void vb_set_free(struct vb_set *s)
{
	for (size_t i = 0; i < s->nrows; i++)
		free(s->rows[i].samples);
	for (size_t i = 0; i < s->nruns; i++) {
		vb_csv_free(&s->runs[i]->summary);
		vb_csv_free(&s->runs[i]->meta);
		free(s->runs[i]->canon);
		free(s->runs[i]->stat);
		free(s->runs[i]->dir);
		free(s->runs[i]);
	}
	free(s->rows);
	free(s->runs);
	memset(s, 0, sizeof(*s));
}

static bool vb_run_has(const struct vb_run *run, const char *col)
{
	return vb_csv_cell(&run->summary, 0, col) != NULL;
}

size_t vb_set_identity(const struct vb_set *const *sets, size_t nsets, const char ***cols)
{
	const struct vb_run *first = NULL;
	size_t n = 0;

	*cols = NULL;
	for (size_t i = 0; i < nsets && !first; i++)
		if (sets[i]->nruns)
			first = sets[i]->runs[0];
	if (!first)
		return 0;
	*cols = vb_xcalloc(first->summary.rows[0].n + 1, sizeof(**cols));
	for (size_t c = 0; c < first->summary.rows[0].n; c++) {
		const char *name = first->summary.rows[0].f[c];
		bool everywhere = !vb_is_stat_column(name);

		for (size_t i = 0; i < nsets && everywhere; i++)
			for (size_t r = 0; r < sets[i]->nruns && everywhere; r++)
				everywhere = vb_run_has(sets[i]->runs[r], name);
		if (everywhere)
			(*cols)[n++] = name;
	}
	return n;
}

char *vb_row_key(const struct vb_row *r, const char *const *cols, size_t ncols)
{
	size_t len = 1, off = 0;
	char *k;

	for (size_t i = 0; i < ncols; i++)
		len += strlen(cols[i]) + strlen(vb_row_get(r, cols[i])) + 3;
	k = vb_xmalloc(len);
	*k = '\0';
	for (size_t i = 0; i < ncols; i++)
		off = vb_catf(k, len, off, "%s%s=%s", i ? "; " : "", cols[i],
			      vb_row_get(r, cols[i]));
	return k;
}
