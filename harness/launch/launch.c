/* Starts QEMU (or opens a serial line) and pumps the console until end, error or timeout. */
#include "launch.h"

#include <errno.h>
#include <fcntl.h>
#include <signal.h>
#include <spawn.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

#include "handshake.h"
#include "uboot.h"
#include "vb/params.h"

extern char **environ;

void vb_argv_add(struct vb_argv *a, const char *s)
{
	a->v = vb_grow(a->v, &a->cap, a->n + 2, sizeof(*a->v));
	a->v[a->n++] = vb_xstrdup(s);
	a->v[a->n] = NULL;
}

void vb_argv_free(struct vb_argv *a)
{
	for (size_t i = 0; i < a->n; i++)
		free(a->v[i]);
	free(a->v);
	memset(a, 0, sizeof(*a));
}

char *vb_argv_join(const struct vb_argv *a)
{
	size_t len = 1;
	char *s;

	for (size_t i = 0; i < a->n; i++)
		len += strlen(a->v[i]) + 1;
	s = vb_xcalloc(1, len);
	for (size_t i = 0; i < a->n; i++) {
		if (i)
			strcat(s, " ");
		strcat(s, a->v[i]);
	}
	return s;
}

/* QEMU option values end at ',': a comma inside a path is written twice. */
static char *vb_qemu_escape(const char *s)
{
	char *out = vb_xmalloc(2 * strlen(s) + 1), *p = out;

	for (; *s; s++) {
		if (*s == ',')
			*p++ = ',';
		*p++ = *s;
	}
	*p = '\0';
	return out;
}

int vb_launch_qemu_argv(const struct vb_launch *l, struct vb_argv *out, struct vb_error *e)
{
	const struct vb_target *t = l->target;
	uint64_t base = t->ram_base, size = t->ram_size;
	char *copy, *tok, *save = NULL, *esc, mem[32], buf[PATH_MAX * 2 + 128];
	bool pty = t->params_via == VB_PARAMS_SERIAL;
	const char *fixed[] = { "-m",
				mem,
				"-display",
				"none",
				"-nodefaults",
				"-serial",
				pty ? "pty" : "stdio",
				"-monitor",
				"none",
				"-no-reboot",
				"-kernel",
				l->image };
	/* boot = uboot: U-Boot, the qemu line's -bios, loads the image itself */
	size_t nfixed = sizeof(fixed) / sizeof(fixed[0]) - (t->boot == VB_BOOT_UBOOT ? 2 : 0);

	if (t->launch == VB_LAUNCH_KVM)
		return vb_kvm_host_argv(l, out, e);
	if (l->kvm_dir)
		return vb_kvm_qemu_argv(l, out, e);
	memset(out, 0, sizeof(*out));
	if (!size || size % (1u << 20))
		return vb_fail(e, "%s: ram_size = 0x%llx is not a whole number of MiB", t->path,
			       (unsigned long long)size);
	copy = vb_xstrdup(t->qemu);
	/* The qemu line is split on blanks: no quoting, as in a Makefile. */
	for (tok = strtok_r(copy, " \t", &save); tok; tok = strtok_r(NULL, " \t", &save))
		vb_argv_add(out, tok);
	free(copy);
	snprintf(mem, sizeof(mem), "%lluM", (unsigned long long)(size >> 20));
	for (size_t i = 0; i < nfixed; i++)
		vb_argv_add(out, fixed[i]);
	/*
	 * On a pty the parameters come over the console, as on a board. QEMU
	 * only stops at the guest's power-off, as a board halts: exiting would
	 * hang up the pty and drop what vbench has not read yet.
	 */
	if (pty) {
		vb_argv_add(out, "-no-shutdown");
		goto icount;
	}
	esc = vb_qemu_escape(l->params);
	snprintf(buf, sizeof(buf), "loader,file=%s,addr=0x%llx,force-raw=on", esc,
		 (unsigned long long)(base + size - VB_PARAMS_OFFSET_FROM_RAM_END));
	free(esc);
	vb_argv_add(out, "-device");
	vb_argv_add(out, buf);
icount:
	if (l->deterministic) {
		vb_argv_add(out, "-icount");
		vb_argv_add(out, "shift=0,sleep=off");
	}
	return 0;
}

char *vb_launch_command(const struct vb_launch *l, struct vb_error *e)
{
	struct vb_argv a;
	char *s;

	if (l->target->launch == VB_LAUNCH_SERIAL)
		return vb_xasprintf("serial %s %llu", l->target->serial,
				    (unsigned long long)l->target->baud);
	if (vb_launch_qemu_argv(l, &a, e))
		return NULL;
	s = vb_argv_join(&a);
	vb_argv_free(&a);
	return s;
}

static void vb_sleep_ms(unsigned ms)
{
	struct timespec ts = { .tv_sec = ms / 1000, .tv_nsec = (long)(ms % 1000) * 1000000 };

	nanosleep(&ts, NULL);
}

/*
 * Waits up to grace_ms for QEMU to exit by itself, then kills it: its whole
 * process group, so a wrapper script's children go too.
 */
static void vb_reap(pid_t pid, unsigned grace_ms, struct vb_launch_outcome *o)
{
	uint64_t until = vb_now_ms() + grace_ms;
	int st;

	o->status = -1;
	for (;;) {
		pid_t r = waitpid(pid, &st, WNOHANG);

		if (r == pid)
			break;
		if (r < 0 && errno != EINTR)
			return;
		if (r == 0 && vb_now_ms() >= until) {
			kill(-pid, SIGKILL);
			o->killed = true;
			while (waitpid(pid, &st, 0) < 0 && errno == EINTR)
				;
			return;
		}
		vb_sleep_ms(10);
	}
	o->status = WIFEXITED(st) ? WEXITSTATUS(st) : -1;
}

static int vb_spawn(const struct vb_argv *a, int err_fd, int *out_fd, pid_t *pid,
		    struct vb_error *e)
{
	posix_spawn_file_actions_t fa;
	posix_spawnattr_t at;
	int fds[2], r;

	if (pipe2(fds, O_CLOEXEC))
		return vb_fail(e, "pipe: %s", strerror(errno));
	posix_spawn_file_actions_init(&fa);
	posix_spawn_file_actions_addopen(&fa, 0, "/dev/null", O_RDONLY, 0);
	posix_spawn_file_actions_adddup2(&fa, fds[1], 1);
	if (err_fd >= 0)
		posix_spawn_file_actions_adddup2(&fa, err_fd, 2);
	/* A group of its own: vbench stops it on a signal (and a terminal's ^C goes to vbench). */
	posix_spawnattr_init(&at);
	posix_spawnattr_setflags(&at, POSIX_SPAWN_SETPGROUP);
	posix_spawnattr_setpgroup(&at, 0);
	r = posix_spawnp(pid, a->v[0], &fa, &at, a->v, environ);
	posix_spawnattr_destroy(&at);
	posix_spawn_file_actions_destroy(&fa);
	close(fds[1]);
	if (r) {
		close(fds[0]);
		return vb_fail(e, "cannot run %s: %s (is QEMU installed? `make deps`)", a->v[0],
			       strerror(r));
	}
	*out_fd = fds[0];
	return 0;
}

/* After U-Boot's go: its banner again means the board reset under the run. */
struct vb_reset_watch {
	vb_line_fn fn;
	void *ctx;
	bool reset;
};

static bool vb_reset_line(void *ctx, const char *line, size_t len)
{
	struct vb_reset_watch *w = ctx;

	if (vb_uboot_reset_line(line, len)) {
		w->reset = true;
		return true;
	}
	return w->fn(w->ctx, line, len);
}

/* boot = uboot: U-Boot's dialogue up to `go`, on the line vbench then reads. */
static int vb_boot_uboot(const struct vb_launch *l, const struct vb_pump *p, const char *dev,
			 struct vb_error *e)
{
	size_t n = strlen(l->image);
	char *bin = vb_xasprintf("%.*s.bin",
				 (int)(n > 4 && !strcmp(l->image + n - 4, ".elf") ? n - 4 : n),
				 l->image);
	struct vb_uboot u = { .fd = p->fd,
			      .log_fd = p->log_fd,
			      .target = l->target,
			      .elf = l->image,
			      .bin = bin,
			      .addr = l->load_addr,
			      .deadline_ms = p->deadline_ms,
			      .prompt_ms = VB_UBOOT_PROMPT_MS,
			      .command_ms = VB_UBOOT_COMMAND_MS,
			      .interrupted = l->interrupted };
	int ret;

	(void)dev;
	ret = vb_uboot_boot(&u, e);
	free(bin);
	return ret;
}

/*
 * Answers the images' parameter handshake on an open serial line (a board's
 * tty, or QEMU's serial on a pty); with boot = uboot, after driving U-Boot
 * to start them (on a session's first run only: later ones find them up).
 */
int vb_launch_pump_line(const struct vb_launch *l, struct vb_pump *p, const char *dev,
			struct vb_launch_outcome *o, struct vb_error *e)
{
	bool uboot = l->target->boot == VB_BOOT_UBOOT && (!l->session || l->session->runs <= 1);
	struct vb_reset_watch w = { 0 };
	struct vb_handshake h;
	char go[64];
	int ret;

	if (uboot && vb_boot_uboot(l, p, dev, e))
		return -1;
	if (vb_handshake_init(&h, p->fd, l->params, p->fn, p->ctx, e))
		return -1;
	h.latest_hello = l->session != NULL;
	p->fn = vb_handshake_line;
	p->ctx = &h;
	if (uboot) {
		w = (struct vb_reset_watch){ .fn = p->fn, .ctx = p->ctx };
		p->fn = vb_reset_line;
		p->ctx = &w;
	}
	ret = vb_console_pump(p, &o->how, e);
	if (!ret && h.failed)
		ret = vb_fail(e, "%s", h.msg);
	if (!ret && w.reset)
		ret = vb_fail(e,
			      "the board restarted during the run: U-Boot's banner on %s after "
			      "the start (power, a watchdog, or the image crashed)",
			      dev);
	vb_uboot_start_cmd(l->target, l->load_addr, go, sizeof(go));
	if (!ret && o->how == VB_PUMP_TIMEOUT && !h.heard)
		snprintf(
			o->cut, sizeof(o->cut),
			uboot ? "timeout after %u s: the images never said hello on %s after U-Boot's "
				"'%s' (the wrong address, caches left on, or a crash at entry)" :
				"timeout after %u s: the images never said hello on %s (not started, "
				"or another baud rate?)%s",
			l->timeout_s, dev, uboot ? go : "");
	return ret;
}

/*
 * Pumps a serial line (a board's tty, or QEMU's serial on a pty), answering
 * the images' parameter handshake on it.
 */
static int vb_pump_serial(const struct vb_launch *l, struct vb_pump *p, const char *dev,
			  struct vb_launch_outcome *o, struct vb_error *e)
{
	int ret;

	p->fd = vb_serial_open(dev, (unsigned long)(l->target->baud ? l->target->baud : 115200), e);
	if (p->fd < 0)
		return -1;
	ret = vb_launch_pump_line(l, p, dev, o, e);
	close(p->fd);
	p->fd = -1;
	return ret;
}

/* QEMU's stdout names the pty it made for the serial port; waits up to 10 s for it. */
static int vb_qemu_pty_name(int fd, char *dev, size_t n, struct vb_error *e)
{
	static const char say[] = "char device redirected to ";
	uint64_t until = vb_now_ms() + 10000;
	char buf[512];
	size_t len = 0;

	while (vb_now_ms() < until && len + 1 < sizeof(buf)) {
		ssize_t r = read(fd, buf + len, 1);
		char *at;

		if (r < 0 && errno == EINTR)
			continue;
		if (r <= 0)
			break;
		len += (size_t)r;
		buf[len] = '\0';
		at = strstr(buf, say);
		if (at && strchr(at, '\n')) {
			at += sizeof(say) - 1;
			snprintf(dev, n, "%.*s", (int)strcspn(at, " \n"), at);
			return 0;
		}
	}
	return vb_fail(e, "QEMU did not say which pty its serial port is on (-serial pty)");
}

int vb_launch_qemu_start(const struct vb_launch *l, pid_t *pid, int *out_fd, char *dev, size_t n,
			 struct vb_error *e)
{
	struct vb_argv a;
	int ret;

	if (vb_launch_qemu_argv(l, &a, e))
		return -1;
	ret = vb_spawn(&a, l->err_fd, out_fd, pid, e);
	vb_argv_free(&a);
	if (!ret && vb_qemu_pty_name(*out_fd, dev, n, e)) {
		kill(-*pid, SIGKILL);
		while (waitpid(*pid, NULL, 0) < 0 && errno == EINTR)
			;
		close(*out_fd);
		ret = -1;
	}
	return ret;
}

static int vb_run_qemu(const struct vb_launch *l, struct vb_pump *p, struct vb_launch_outcome *o,
		       struct vb_error *e)
{
	bool pty = l->target->params_via == VB_PARAMS_SERIAL;
	struct vb_argv a;
	pid_t pid;
	int ret;

	if (vb_launch_qemu_argv(l, &a, e))
		return -1;
	ret = vb_spawn(&a, l->err_fd, &p->fd, &pid, e);
	if (!ret && pty) {
		int out = p->fd; /* QEMU's stdout: the pty's name, then nothing */
		char dev[128];

		ret = vb_qemu_pty_name(out, dev, sizeof(dev), e);
		if (!ret)
			ret = vb_pump_serial(l, p, dev, o, e);
		p->fd = out;
	} else if (!ret) {
		ret = vb_console_pump(p, &o->how, e);
	}
	if (p->fd >= 0)
		close(p->fd);
	if (pid > 0) {
		/* After a timeout, a signal or a drain that QEMU outlived, nothing to wait for. */
		vb_reap(pid,
			!ret && (o->how == VB_PUMP_STOP || o->how == VB_PUMP_EOF) ? l->grace_ms : 0,
			o);
		/* -no-shutdown: stopped at the power-off, it never exits by itself */
		if (pty && o->killed && o->how == VB_PUMP_STOP_OPEN) {
			o->killed = false;
			o->status = 0;
		}
		if (!ret && o->how == VB_PUMP_EOF)
			snprintf(o->cut, sizeof(o->cut), "%s exited with status %d", a.v[0],
				 o->status);
	}
	vb_argv_free(&a);
	return ret;
}

int vb_launch_run(const struct vb_launch *l, struct vb_launch_outcome *o, struct vb_error *e)
{
	struct vb_pump p = { .fd = -1,
			     .log_fd = l->log_fd,
			     .drain_ms = l->grace_ms,
			     .interrupted = l->interrupted,
			     .fn = l->fn,
			     .ctx = l->ctx };
	int ret;

	memset(o, 0, sizeof(*o));
	o->status = -1;
	p.deadline_ms = vb_now_ms() + (uint64_t)l->timeout_s * 1000;
	if (l->session) {
		ret = vb_session_run(l, &p, o, e);
	} else if (l->target->launch == VB_LAUNCH_SERIAL) {
		ret = vb_pump_serial(l, &p, l->target->serial, o, e);
		if (!ret && o->how == VB_PUMP_EOF)
			snprintf(o->cut, sizeof(o->cut), "the serial line closed");
	} else {
		ret = vb_run_qemu(l, &p, o, e);
	}
	if (!ret && o->how == VB_PUMP_TIMEOUT && !o->cut[0])
		snprintf(o->cut, sizeof(o->cut), "timeout after %u s", l->timeout_s);
	return ret;
}
