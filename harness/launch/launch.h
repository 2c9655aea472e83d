/* Starting the target (QEMU, or a board on a serial line) and reading its console. */
#ifndef VB_LAUNCH_H
#define VB_LAUNCH_H

#include <stdbool.h>
#include <stddef.h>
#include <sys/types.h>

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

/*
 * A suite in one boot (docs/suites.md): the target started once and its
 * serial line kept open from one run to the next (session.c). All zero:
 * nothing started yet.
 */
struct vb_session {
	bool open;
	pid_t pid;     /* QEMU, 0 on a board */
	int fd;	       /* the serial line: QEMU's pty or the board's tty */
	int out_fd;    /* QEMU's stdout */
	unsigned runs; /* runs started on this boot */
	char dev[128];
};

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
	/*
	 * --mode kvm (kvm.c): build/kvm (vbench-vmm, vmlinuz, busybox), the
	 * source tree (vbench-vmm/initramfs.sh) and the initramfs to pack; image
	 * is then guest-min's native.bin. NULL: not kvm.
	 */
	const char *kvm_dir, *src_root, *kvm_initrd;
	const char *kvm_thp; /* "on", "off": vbench-vmm --thp; NULL: not given */
	/* Set by a signal handler (or NULL): stop QEMU, or close the serial line, now. */
	const volatile sig_atomic_t *interrupted;
	/* NULL: a launch of its own. Else the boot this run joins (started if not open). */
	struct vb_session *session;
	bool more; /* session: another run follows on it (the block says VB_PARAM_NEXT) */
};

/* how is VB_PUMP_INTERRUPTED when *interrupted stopped the run. */
struct vb_launch_outcome {
	enum vb_pump_end how;
	int status;    /* QEMU's exit status, -1 if killed or not known */
	bool killed;   /* vbench had to kill QEMU */
	char cut[160]; /* why the console ended early, for messages */
};

/*
 * The QEMU command: the target's qemu line, then what docs/targets.md says
 * vbench adds; with --mode kvm the nested boot, or launch = kvm's host script.
 */
int vb_launch_qemu_argv(const struct vb_launch *l, struct vb_argv *out, struct vb_error *e);

/*
 * kvm.c: writes <dir>/vmm.args (vbench-vmm's arguments for the target) and
 * packs l->kvm_initrd with vbench-vmm, the image, params.bin and them.
 */
int vb_kvm_initramfs(const struct vb_launch *l, const char *dir, struct vb_error *e);
/* The nested boot: Debian's kernel under the target's QEMU, the initramfs as its root. */
int vb_kvm_qemu_argv(const struct vb_launch *l, struct vb_argv *out, struct vb_error *e);

/*
 * launch = kvm: `sh -c SCRIPT`, the script copying vbench-vmm, the image and
 * params.bin to the KVM host (the target's `remote` prefix, or here) and
 * running the VMM there, its stdout the console.
 */
int vb_kvm_host_argv(const struct vb_launch *l, struct vb_argv *out, struct vb_error *e);

/* What meta.csv calls the command: the QEMU command line, or "serial <dev> <baud>". */
char *vb_launch_command(const struct vb_launch *l, struct vb_error *e);

/* Runs the target as its file says (launch = qemu or serial) and pumps its console. */
int vb_launch_run(const struct vb_launch *l, struct vb_launch_outcome *o, struct vb_error *e);

/*
 * session.c: the run on l->session, started first if it is not open; after
 * the run's end record the line stays open when l->more, else (and after any
 * failure: the next run boots again) the session ends.
 */
int vb_session_run(const struct vb_launch *l, struct vb_pump *p, struct vb_launch_outcome *o,
		   struct vb_error *e);
/* Ends a session: the line closed, QEMU stopped. Nothing if it is not open. */
void vb_session_close(struct vb_session *s);

/* launch.c, for session.c: QEMU started with its serial on a pty, dev its name. */
int vb_launch_qemu_start(const struct vb_launch *l, pid_t *pid, int *out_fd, char *dev, size_t n,
			 struct vb_error *e);
/* The run on an open line (p->fd), answering the parameter handshake on it; dev for messages. */
int vb_launch_pump_line(const struct vb_launch *l, struct vb_pump *p, const char *dev,
			struct vb_launch_outcome *o, struct vb_error *e);

/* serial.c: opens a serial device raw at `baud`, non-blocking. */
int vb_serial_open(const char *dev, unsigned long baud, struct vb_error *e);

#endif
