/*
 * Run folders read back for analysis: summary.csv rows with their raw samples,
 * meta.csv, and the identity of each row. Columns are found by name; a row is
 * identified by all its non-statistic columns, so columns added later take
 * part without code changes.
 */
#ifndef VB_RUNSET_H
#define VB_RUNSET_H

#include <stdbool.h>
#include <stddef.h>

#include "csvout.h"
#include "base/util.h"

struct vb_run {
	char *dir;
	struct vb_csv_table summary, meta;
	bool has_samples;   /* samples.csv exists */
	size_t row0, nrows; /* its rows in the set: rows[row0 .. row0 + nrows - 1] */
	/*
	 * Per summary column, computed once so comparisons need no lookups by
	 * name: where its name first appears (what vb_row_get reads) and whether
	 * it is a statistic. Runs with the same header_id have identical headers.
	 */
	size_t *canon;
	bool *stat;
	size_t header_id;
	/* vb_row_get's recent lookups: column names (by address, checked) and their index */
	const char *col_key[64];
	size_t col_idx[64];
};

/* One summary.csv row and what analysis adds to it (analysis.c fills most). */
struct vb_row {
	struct vb_run *run;
	size_t idx; /* data row in run->summary (1-based) */
	bool ok;    /* status ok and a median */
	double median, min, p90, max;
	double *samples; /* sorted ascending, or NULL */
	size_t nsamples;
	double p10; /* from samples, else the min */
	bool has_p10;
	bool has_ci;
	double ci_lo, ci_hi;
	char ci_note[96]; /* why there is no interval */
	bool has_overhead;
	double overhead;    /* counter_overhead median of the same run */
	char stability[16]; /* stable, unstable, unknown */
	char stab_basis[96];
	/* the paired native row: of a virt row, or of a linux row run in a guest (the host's) */
	const struct vb_row *native;
	const char *pair_note; /* a linux row's pairing: what was paired, or why not; or NULL */
};

struct vb_set {
	struct vb_run **runs; /* each allocated on its own: rows point to them as runs are added */
	size_t nruns, rcap;
	struct vb_row *rows;
	size_t nrows, cap;
};

/* The columns analysis.csv adds to summary.csv's (analysis_csv.c). */
extern const char *const vb_analysis_added[];

/* Columns that are statistics, not identity (summary.csv's and analysis.csv's own). */
bool vb_is_stat_column(const char *name);

/*
 * Adds a run folder (with summary.csv), or every run folder directly inside a
 * folder that has none (a results folder). Reads samples.csv when present.
 */
int vb_set_add(struct vb_set *s, const char *path, struct vb_error *e);
void vb_set_free(struct vb_set *s);

/* The row's cell under `col`, or "" if the run has no such column. */
const char *vb_row_get(const struct vb_row *r, const char *col);
/* The row's cell in summary column c of its run (as vb_row_get of that column's name). */
const char *vb_row_at(const struct vb_row *r, size_t c);
/* meta.csv value of the row's run, or "". */
const char *vb_run_meta(const struct vb_run *run, const char *key);

/* Identity columns present in every run of every set given (in the first run's order). */
size_t vb_set_identity(const struct vb_set *const *sets, size_t nsets, const char ***cols);

/* The row's identity over `cols` as "col=value" pairs joined by "; " (caller frees). */
char *vb_row_key(const struct vb_row *r, const char *const *cols, size_t ncols);

/* Parses a number cell; -1 if empty or not a number. */
int vb_cell_num(const char *s, double *out);

#endif
