/*
 * Atomic output for the analysis commands: a file is written as
 * <path>.tmp-<pid> and renamed over <path>; a folder is built as
 * .<name>.tmp-<pid> beside it and swapped into place.
 */
#ifndef VB_OUTFILE_H
#define VB_OUTFILE_H

#include <limits.h>
#include <stdbool.h>
#include <stdio.h>

#include "base/util.h"

struct vb_outfile {
	char path[PATH_MAX], tmp[PATH_MAX + 32];
	FILE *f;
};

/* Opens the temporary file. */
int vb_outfile_open(struct vb_outfile *o, const char *path, struct vb_error *e);
/* Closes it and renames it into place if nothing failed (failed != 0 discards it). */
int vb_outfile_close(struct vb_outfile *o, int failed, struct vb_error *e);

/* Writes `len` bytes to path atomically. */
int vb_outfile_write(const char *path, const void *data, size_t len, struct vb_error *e);

struct vb_outdir {
	char final[PATH_MAX], tmp[PATH_MAX + 32];
	char marker[64]; /* a file every folder of this kind has: an older one is replaced */
	bool open;
};

/*
 * Starts building folder `final` in a temporary folder. An existing `final` is
 * replaced at commit only if it holds `marker` (so a typo never replaces $HOME).
 * -2 when it refuses the path (bad usage: exit 2), -1 when it cannot create the
 * folder (a failure: exit 1).
 */
int vb_outdir_begin(struct vb_outdir *d, const char *final, const char *marker, struct vb_error *e);
/* <tmp>/<file> */
void vb_outdir_file(const struct vb_outdir *d, const char *file, char *buf, size_t len);
int vb_outdir_commit(struct vb_outdir *d, struct vb_error *e);
void vb_outdir_abort(struct vb_outdir *d);

#endif
