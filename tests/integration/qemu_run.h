/* Runs build/bin/vbench as a user would, for the QEMU integration tests. */
#ifndef QEMU_RUN_H
#define QEMU_RUN_H

#include "results/csvout.h"

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

/*
 * A file's whole contents, NUL-terminated, malloc'd (a binary file's size is
 * the file's): NULL when it cannot be read; the _must forms fail the test
 * naming the file instead.
 */
char *qemu_file(const char *path);
char *qemu_file_must(const char *path);
char *qemu_file_in_must(const char *dir, const char *name);

/* A check run once per target, named "name(target)" so a failure says which. */
struct qemu_check {
	const char *name;
	void (*test)(void **state);
};

/* Runs every check for every target, states[t] being the test's state for names[t]. */
int qemu_run_checks(const char *group, const struct qemu_check *checks, size_t nchecks,
		    void *const *states, const char *const *names, size_t ntargets);

#endif
