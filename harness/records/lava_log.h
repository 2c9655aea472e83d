/*
 * A LAVA job log (lava-run's stderr, or `lavacli jobs logs --raw`): one YAML
 * flow mapping a line, {dt, lvl, msg}. The device's console is the `lvl:
 * target` lines; what LAVA typed is `lvl: input` and never console output.
 * This turns the log back into the console vbench verifies (docs/lava.md).
 */
#ifndef VB_LAVA_LOG_H
#define VB_LAVA_LOG_H

#include <stdbool.h>
#include <stddef.h>

#include "base/util.h"

/* What the log says about the job, besides the console. */
struct vb_lava_log {
	size_t lines;	      /* log lines read */
	size_t target_lines;  /* console lines written */
	bool job_result_seen; /* a `results` entry for case `job` */
	bool job_passed;      /* its result was pass */
	char job_error[256];  /* the job's error_type and error_msg, or why it failed */
};

/*
 * Reads the log at `path` and writes each console line, with a '\n', to
 * out_fd. A line that is not a YAML mapping with lvl and msg is an error
 * naming the line: a file that is not a LAVA log is not guessed at.
 */
int vb_lava_log_console(const char *path, int out_fd, struct vb_lava_log *info, struct vb_error *e);

#endif
