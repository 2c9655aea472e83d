/*
 * Atomic run folders: everything is written in a temporary folder beside the
 * final one and renamed into place once verified (docs/results.md).
 */
#ifndef VB_RUNFOLDER_H
#define VB_RUNFOLDER_H

#include <limits.h>
#include <stdbool.h>
#include <stddef.h>
#include <time.h>

#include "base/util.h"

struct vb_runfolder {
	char final[PATH_MAX];  /* where the run will appear */
	char tmp[PATH_MAX];    /* where it is written meanwhile */
	char id[NAME_MAX + 1]; /* the run id: final's last component */
	bool replace;	       /* --out over an existing run folder */
	bool open;	       /* tmp exists */
};

/* "<UTC YYYYmmdd-HHMMSS>-<target>-<mode>" */
void vb_runfolder_make_id(char *buf, size_t len, time_t when, const char *target, const char *mode);

/* <results>/<id>, or <id>-2, -3, ... if taken. Creates <results> if needed. */
int vb_runfolder_default(struct vb_runfolder *rf, const char *results, const char *id,
			 struct vb_error *e);

/* --out DIR: an existing DIR is replaced on success, but only if it is a run folder. */
int vb_runfolder_out(struct vb_runfolder *rf, const char *out, struct vb_error *e);

/* What vbench writes in each <run>.failed/ it makes: why the run failed. */
#define VB_FAILED_MARKER "failure.txt"

/*
 * Creates the temporary folder. Refuses (and starts nothing) when
 * <final>.failed exists but vbench did not make it (no failure.txt): a failed
 * run would have to replace it. First sweeps the parent folder for stale
 * temporary folders, .<id>.tmp-<pid> whose vbench (pid) is gone (killed,
 * crashed): one with a console.log becomes <id>.failed (with failure.txt
 * saying so), an empty one is removed, others are left; each is reported on
 * stderr.
 */
/* 0; -2 when a <final>.failed that is not vbench's is in the way (refused); -1 otherwise. */
int vb_runfolder_begin(struct vb_runfolder *rf, struct vb_error *e);

/* <tmp>/<file> into buf. */
int vb_runfolder_file(const struct vb_runfolder *rf, const char *file, char *buf, size_t len);

/* Puts the verified run in place (replacing an old one with --out). */
int vb_runfolder_commit(struct vb_runfolder *rf, struct vb_error *e);

/*
 * After a failure: keeps only console.log, in <final>.failed/ with `why` in
 * its failure.txt (replacing an older <final>.failed only if vbench made it),
 * and says where in `kept`. Any good folder at <final> stays. When it cannot
 * (a foreign <final>.failed appeared), the temporary folder stays, named in
 * `kept` and in the message.
 */
int vb_runfolder_fail(struct vb_runfolder *rf, const char *why, char *kept, size_t len,
		      struct vb_error *e);

/* Removes the temporary folder: for failures before anything worth keeping was written. */
void vb_runfolder_abort(struct vb_runfolder *rf);

/* Removes a folder and what is in it. */
int vb_rm_rf(const char *path);

#endif
