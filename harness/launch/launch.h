/* Starting the target (QEMU, or a board on a serial line) and reading its console. */
#ifndef VB_LAUNCH_H
#define VB_LAUNCH_H

#include <stdbool.h>
#include <stddef.h>

#include "records/console.h"
#include "target.h"
#include "base/util.h"

struct vb_argv {
	char **v; /* NULL-terminated */
	size_t n, cap;
};

void vb_argv_add(struct vb_argv *a, const char *s);
void vb_argv_free(struct vb_argv *a);
/* Space-separated, for people and meta.csv. */
char *vb_argv_join(const struct vb_argv *a);

struct vb_launch {
	const struct vb_target *target;
	const char *image;  /* the ELF given to -kernel (boot = uboot: its .bin beside it) */
	uint64_t load_addr; /* boot = uboot: where U-Boot loads the image and starts it */
	const char *params; /* params.bin, loaded at the last 4 KiB page of RAM */
	bool deterministic; /* -icount shift=0,sleep=off */
	unsigned timeout_s; /* for the whole run */
	unsigned grace_ms;  /* after end/error: how long QEMU may take to exit by itself */
	int log_fd;	    /* console.log */
	int err_fd;	    /* where QEMU's own messages go (qemu.log); -1: vbench's stderr */
	vb_line_fn fn;	    /* each console line; true stops reading */
	void *ctx;
	/* Set by a signal handler (or NULL): stop QEMU, or close the serial line, now. */
	const volatile sig_atomic_t *interrupted;
};

/* how is VB_PUMP_INTERRUPTED when *interrupted stopped the run. */
struct vb_launch_outcome {
	enum vb_pump_end how;
	int status;    /* QEMU's exit status, -1 if killed or not known */
	bool killed;   /* vbench had to kill QEMU */
	char cut[160]; /* why the console ended early, for messages */
};

/* The QEMU command: the target's qemu line, then what docs/targets.md says vbench adds. */
int vb_launch_qemu_argv(const struct vb_launch *l, struct vb_argv *out, struct vb_error *e);

/* What meta.csv calls the command: the QEMU command line, or "serial <dev> <baud>". */
char *vb_launch_command(const struct vb_launch *l, struct vb_error *e);

/* Runs the target as its file says (launch = qemu or serial) and pumps its console. */
int vb_launch_run(const struct vb_launch *l, struct vb_launch_outcome *o, struct vb_error *e);

/* serial.c: opens a serial device raw at `baud`, non-blocking. */
int vb_serial_open(const char *dev, unsigned long baud, struct vb_error *e);

#endif
