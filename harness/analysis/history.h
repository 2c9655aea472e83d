/* results/history.csv (docs/analysis.md): runs over time, for charts across revisions. */
#ifndef VB_HISTORY_H
#define VB_HISTORY_H

#include "results/runset.h"

/*
 * Appends every row of every run of s not yet in the file (by run_id), atomically;
 * counts the rows added and the runs already there.
 */
int vb_history_add(const char *path, const struct vb_set *s, size_t *added, size_t *skipped,
		   struct vb_error *e);

/*
 * Writes history.dat of one benchmark into dir; threshold in %. Returns curves, or -1.
 * styles gets each curve's world style, "1,2,3" (plots/common.gp).
 */
int vb_history_data(const char *path, const char *bench, const char *target, double threshold,
		    const char *dir, size_t *regressions, char *styles, size_t slen,
		    struct vb_error *e);

#endif
