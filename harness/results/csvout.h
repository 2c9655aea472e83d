/* The run folder's CSV files (docs/results.md), written and read with libcsv. */
#ifndef VB_CSVOUT_H
#define VB_CSVOUT_H

#include <limits.h>
#include <stddef.h>
#include <stdio.h>

#include "records/collect.h"
#include "base/util.h"

/* How the run was made: meta.csv's own rows. NULL fields are written empty. */
struct vb_meta {
	const char *run_id, *version, *date, *target, *mode, *launch, *command;
	const char *deterministic, *image, *image_bytes, *source;
	const struct vb_field *extra; /* more keys, after source */
	size_t nextra;
	const char
		*trailing_bytes; /* parse: bytes after the end record's line, not kept; or NULL */
};

/* The i-th column of summary.csv, or NULL past the last. */
const char *vb_summary_column(size_t i);
extern const char *const vb_samples_columns[];

/* One CSV row: every field through csv_fwrite (always quoted), "\n" at the end. */
int vb_csv_row(FILE *f, const char *const *fields, size_t n);

int vb_csvout_meta(const char *path, const struct vb_meta *m, const struct vb_rundata *d,
		   struct vb_error *e);
int vb_csvout_summary(const char *path, const char *run_id, const struct vb_rundata *d,
		      struct vb_error *e);
int vb_csvout_samples(const char *path, const struct vb_rundata *d, struct vb_error *e);

/*
 * samples.csv written as results are verified, so no run holds its samples
 * in memory: vb_samples_out_result is a vb_samples_fn (records/collect.h).
 * The file is created with its first rows (a run without samples has none)
 * and rows leave in large writes. A row is `row,index,value`: the result's
 * summary.csv row (r->pos + 1), the sample's index, its value.
 */
struct vb_samples_out {
	char path[PATH_MAX + 16];
	FILE *f;
	char *buf; /* rows not yet written */
	size_t len;
};

void vb_samples_out_init(struct vb_samples_out *o, const char *path);
int vb_samples_out_result(void *o, const struct vb_rundata *d, const struct vb_result *r,
			  struct vb_error *e);
/* Writes what is left and closes the file (0 if there was none); frees o's buffer. */
int vb_samples_out_close(struct vb_samples_out *o, struct vb_error *e);

/* A CSV file read back whole: rows of NUL-terminated fields, the header is row 0. */
struct vb_csv_row {
	char **f;
	size_t n, cap;
};

struct vb_csv_table {
	struct vb_csv_row *rows;
	size_t nrows, cap;
	void *arena; /* where the fields and rows' field arrays live: freed in a few blocks */
};

int vb_csv_read(const char *path, struct vb_csv_table *t, struct vb_error *e);
void vb_csv_free(struct vb_csv_table *t);

/* The cell of data row `row` (1-based: 0 is the header) under header `column`, or NULL. */
const char *vb_csv_cell(const struct vb_csv_table *t, size_t row, const char *column);

#endif
