/* Runs build/bin/vbench as a user would, for the QEMU integration tests. */
#ifndef QEMU_RUN_H
#define QEMU_RUN_H

#include "csvout.h"

struct qemu_run {
	char dir[512];	/* the run folder (--out) */
	char err[8192]; /* what vbench wrote to stderr */
	int status;	/* vbench's exit status */
};

/* vbench run --target T --mode M --deterministic --out <fresh dir> [extra...] */
int qemu_run(struct qemu_run *r, const char *target, const char *mode, const char *const *extra);

/* summary.csv of a run; the row of `bench` (1-based), or 0. */
int qemu_summary(const struct qemu_run *r, struct vb_csv_table *t);
size_t qemu_row(const struct vb_csv_table *t, const char *bench);
long qemu_cell_long(const struct vb_csv_table *t, size_t row, const char *column);

#endif
