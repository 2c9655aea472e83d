/* The shape of vbench plot and vbench report: runs in, one atomically written folder out. */
#ifndef VB_FOLDERCMD_H
#define VB_FOLDERCMD_H

#include "analysis/analysis.h"

struct vb_folder_cmd {
	const char *name;	 /* "plot" */
	const char *usage;	 /* --help text */
	const char *default_out; /* under the root, e.g. "results/plots" */
	const char *marker;	 /* the file that marks a folder as this command's */
	const char *printed;	 /* printed on success, in the folder ("" for the folder) */
	/* writes everything into dir, the temporary folder */
	int (*build)(const struct vb_set *s, const char *root, const char *dir, void *ctx,
		     struct vb_error *e);
	void *ctx;
};

/* Parses [--out DIR] [--root DIR] RUN..., loads the runs, builds, commits. An exit status. */
int vb_folder_cmd_run(const struct vb_folder_cmd *c, int argc, char **argv);

#endif
