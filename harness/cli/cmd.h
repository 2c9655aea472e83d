/* Subcommands of vbench, and what they share. */
#ifndef VB_CMD_H
#define VB_CMD_H

#include <limits.h>
#include <stdbool.h>

#include "records/collect.h"
#include "results/csvout.h"
#include "results/runfolder.h"
#include "base/util.h"

/*
 * Exit statuses of every subcommand, one rule (README.md, "vbench"): 1 when the work failed
 * (a run not verified, a regression, an output that cannot be created or written); 2 when
 * what was asked is wrong (options, unreadable or invalid input, runs that cannot be
 * compared, an output path vbench refuses to replace); `vbench run` stopped by signal S
 * exits 128 + S.
 */
enum { VB_EXIT_OK = 0, VB_EXIT_FAILED = 1, VB_EXIT_USAGE = 2, VB_EXIT_SIGNAL = 128 };

int vb_cmd_run(int argc, char **argv);
int vb_cmd_parse(int argc, char **argv);
int vb_cmd_show(int argc, char **argv);
/* Analysis of run folders (docs/analysis.md). */
int vb_cmd_analyze(int argc, char **argv);
int vb_cmd_compare(int argc, char **argv);
int vb_cmd_plot(int argc, char **argv);
int vb_cmd_history(int argc, char **argv);
int vb_cmd_report(int argc, char **argv);
/* Board farms through LAVA (docs/lava.md). */
int vb_cmd_lava(int argc, char **argv);
/* perf stat's output as a run folder (docs/linux.md). */
int vb_cmd_perf_ingest(int argc, char **argv);

/* Where things are: the build folder (images) and the source root (bench/targets). */
struct vb_paths {
	char build[PATH_MAX];
	char root[PATH_MAX];
};

/*
 * build: --build, else $VBENCH_BUILD, else two levels above the vbench
 * executable. root: --root, else $VBENCH_ROOT, else the build folder's parent.
 */
int vb_paths_resolve(struct vb_paths *p, const char *build, const char *root, struct vb_error *e);

/* Prints "vbench: <msg>" on stderr and returns `status`. */
int vb_report(int status, const char *fmt, ...) __attribute__((format(printf, 2, 3)));

/*
 * Sends the run's raw samples to samples.csv in rf's temporary folder as they
 * are verified (d's vb_samples_fn), so no run keeps them all in memory.
 */
int vb_output_samples(struct vb_samples_out *o, const struct vb_runfolder *rf,
		      struct vb_rundata *d);

/* Writes meta.csv and summary.csv into the temp folder and finishes samples.csv (closed either way). */
int vb_output_write(const struct vb_runfolder *rf, const struct vb_meta *m,
		    const struct vb_rundata *d, struct vb_samples_out *samples, struct vb_error *e);

/* What vbench parse verifies, and what meta.csv says of where it came from. */
struct vb_parse_args {
	const char *file, *out, *results, *root;
	bool samples;
	const char *launch;	      /* meta.csv's launch; NULL: "parse" */
	const char *source;	      /* meta.csv's source; NULL: file */
	const struct vb_field *extra; /* more meta.csv keys (vbench lava ingest) */
	size_t nextra;
	/* more files written into the run folder before it is committed (vbench perf-ingest) */
	int (*more_files)(void *ctx, const struct vb_runfolder *rf, struct vb_error *e);
	void *more_ctx;
};

/* Verifies a saved console log and writes its run folder (vbench parse); an exit status. */
int vb_parse_console(const struct vb_parse_args *a);

struct vb_run_args;
struct vb_target;
/*
 * vbench run catches SIGINT, SIGTERM and SIGHUP (once: a second one kills):
 * the run in progress stops QEMU, keeps its folder as .failed and returns
 * VB_EXIT_SIGNAL + the signal; vb_run_signal() says which arrived (0: none).
 */
void vb_run_catch_signals(void);
int vb_run_signal(void);
/* One run of `vbench run` with its arguments checked: launch, verify, write the folder. */
int vb_run_go(const struct vb_run_args *a, const struct vb_target *t, const char *image);
/* vbench run --mode linux: vbench-linux under QEMU's Linux or on a board (run_linux.c). */
int vb_run_linux(const struct vb_run_args *a, const struct vb_target *t, const struct vb_paths *p);
/* vbench run --suite: every configuration of a suite file, virt and native (suite.c). */
int vb_run_suite(const struct vb_run_args *a, const struct vb_target *t, const struct vb_paths *p);
struct vb_suite;
struct vb_suite_config;
/* Which configurations of suite s run on t, virtualized and natively; skips said on stderr. */
unsigned vb_suite_plan(const struct vb_run_args *a, const struct vb_target *t,
		       const struct vb_suite *s, bool *runnable, bool *native);
/* The run options of one run of a suite: base's, with the configuration and mode. */
void vb_suite_args(const struct vb_run_args *base, const struct vb_suite *s,
		   const struct vb_suite_config *c, bool virt, struct vb_run_args *a);

struct vb_set;
struct vb_charts;
/* analysis.csv, every chart, charts.txt (name, drawn or skipped, note) into dir. */
int vb_plot_folder(const struct vb_set *s, const char *root, const char *dir, struct vb_charts *l,
		   struct vb_error *e);

#endif
