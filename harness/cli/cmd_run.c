/* vbench run: launch the images on a target, verify the console, write the run folder. */
#include <fcntl.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "cmd.h"
#include "records/console.h"
#include "launch/launch.h"
#include "launch/params.h"
#include "run_args.h"
#include "records/stream.h"
#include "launch/target.h"
#include "launch/xlatspec.h"
#include "vb/board.h"

#define VB_EXIT_GRACE_MS 2000

/* The signal that asked vbench to stop; the pump polls it at least once a second. */
static volatile sig_atomic_t vb_signalled;

static void vb_on_signal(int sig)
{
	vb_signalled = sig;
}

void vb_run_catch_signals(void)
{
	static const int sigs[] = { SIGINT, SIGTERM, SIGHUP };
	struct sigaction sa = { .sa_handler = vb_on_signal, .sa_flags = (int)SA_RESETHAND };

	sigemptyset(&sa.sa_mask);
	for (size_t i = 0; i < sizeof(sigs) / sizeof(sigs[0]); i++)
		sigaction(sigs[i], &sa, NULL);
}

int vb_run_signal(void)
{
	return vb_signalled;
}

static const char *vb_signal_name(int sig)
{
	return sig == SIGINT  ? "SIGINT" :
	       sig == SIGTERM ? "SIGTERM" :
	       sig == SIGHUP  ? "SIGHUP" :
				"a signal";
}

/* Why the run stops when a signal came: before the run folder is committed, it fails. */
static int vb_interrupted(struct vb_error *e)
{
	if (!vb_signalled)
		return 0;
	return vb_fail(e, "interrupted by %s: the run did not finish (QEMU stopped)",
		       vb_signal_name(vb_signalled));
}

/* Progress on a terminal: "bench i/N name" as result records arrive. */
struct vb_run_ctx {
	struct vb_stream *stream;
	bool tty;
	size_t shown;
	uint64_t start_ms;
};

static bool vb_run_line(void *arg, const char *line, size_t len)
{
	struct vb_run_ctx *c = arg;
	bool stop = vb_stream_line(c->stream, line, len);
	const struct vb_rundata *d = &c->stream->data;

	if (c->tty && d->nresults > c->shown) {
		uint64_t n = c->stream->benches, elapsed = vb_now_ms() - c->start_ms;

		c->shown = d->nresults;
		fprintf(stderr, "\r\033[Kbench %zu/", c->shown);
		if (n)
			fprintf(stderr, "%llu", (unsigned long long)n);
		else
			fputc('?', stderr);
		fprintf(stderr, " %s, %llu s", d->results[c->shown - 1].bench,
			(unsigned long long)(elapsed / 1000));
		/* the rest at the pace so far: benchmarks differ, so it is a rough estimate */
		if (n > c->shown)
			fprintf(stderr, ", about %llu s left",
				(unsigned long long)(elapsed * (n - c->shown) / c->shown / 1000));
	}
	return stop;
}

/* Folder, params.bin, console.log: everything before the target starts. */
static int vb_run_prepare(const struct vb_run_args *a, const struct vb_target *t,
			  struct vb_runfolder *rf, struct vb_launch *l, char *params, size_t plen,
			  char *initrd, size_t ilen, struct vb_error *e)
{
	char id[NAME_MAX + 1], path[PATH_MAX + 16];
	bool qemu = t->launch == VB_LAUNCH_QEMU;

	/* every other option reaches a board over the serial line (handshake.h) */
	/* icount runs U-Boot's YMODEM timeouts on instructions: they fire before a block arrives */
	if (t->boot == VB_BOOT_UBOOT && a->deterministic)
		return vb_fail(e,
			       "%s: --deterministic with boot = uboot: under -icount U-Boot's "
			       "YMODEM timeouts expire before the blocks arrive (run without it)",
			       t->path);
	if (!qemu && a->deterministic)
		return vb_fail(e,
			       "%s: --deterministic needs launch = qemu or --qemu (QEMU's -icount)",
			       t->path);
	char mode[160];

	vb_run_mode_name(a, t, mode, sizeof(mode));
	vb_runfolder_make_id(id, sizeof(id), a->start, a->target, mode);
	if (a->out ? vb_runfolder_out(rf, a->out, e) : vb_runfolder_default(rf, a->results, id, e))
		return -1;
	switch (vb_runfolder_begin(rf, e)) {
	case 0:
		break;
	case -2: /* a folder that is not vbench's in the way */
		return -1;
	default:
		return -2; /* cannot create: a failure, not bad usage */
	}
	vb_runfolder_file(rf, "params.bin", params, plen);
	struct vb_param_values pv;

	vb_run_param_values(a, &pv);
	if (qemu)
		pv.flags |= VB_PARAM_EMULATED;
	if (vb_params_write(params, &pv, e))
		return -2;
	if (l->kvm_dir && qemu) { /* the nested host's initramfs, in the run folder */
		vb_runfolder_file(rf, "initramfs.cpio.gz", initrd, ilen);
		if (vb_kvm_initramfs(l, rf->tmp, e))
			return -2;
	}
	/* where a boot loader puts the image: hyp-min's link address, or guest-min's */
	l->load_addr = t->load_addr + (strcmp(a->mode, "virt") ? BOARD_HYP_RESERVED : 0);
	vb_runfolder_file(rf, "console.log", path, sizeof(path));
	l->log_fd = open(path, O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0666);
	if (l->log_fd < 0)
		return vb_fail(e, "cannot create %s", path);
	vb_runfolder_file(rf, "qemu.log", path, sizeof(path));
	if (qemu) {
		l->err_fd = open(path, O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0666);
		if (l->err_fd < 0)
			return vb_fail(e, "cannot create %s", path);
	} else if (t->boot == VB_BOOT_UBOOT && (!a->session || !a->session->open)) {
		fprintf(stderr,
			"vbench: reading %s at %llu baud: power on or reset the board; vbench stops "
			"U-Boot's autoboot, loads %.*s.bin at 0x%llx and starts it\n",
			t->serial, (unsigned long long)t->baud, (int)(strlen(l->image) - 4),
			l->image, (unsigned long long)l->load_addr);
	} else if (t->launch == VB_LAUNCH_SERIAL && (!a->session || !a->session->open)) {
		/* the board waits for a person: what to start, where, and how */
		fprintf(stderr,
			"vbench: reading %s at %llu baud: start the board now, %.*s.bin at 0x%llx "
			"at EL2 (Hyp)%s%s\n",
			t->serial, (unsigned long long)t->baud, (int)(strlen(l->image) - 4),
			l->image,
			(unsigned long long)(t->load_addr +
					     (strcmp(a->mode, "virt") ? BOARD_HYP_RESERVED : 0)),
			*t->boot_notes ? ": " : "", t->boot_notes);
		if (t->validated != VB_VALIDATED_QEMU_MODEL)
			fprintf(stderr,
				"vbench: %s is validated = %s: this file has not run on a model of "
				"the board (docs/new-board.md reads a failing first boot)\n",
				t->name,
				t->validated == VB_VALIDATED_UART_ONLY ? "uart-only" : "untested");
	}
	return 0;
}

/* After a failed run: what QEMU itself said, which is not in console.log. */
static void vb_show_qemu_log(const struct vb_runfolder *rf)
{
	char path[PATH_MAX + 16], line[512];
	FILE *f;

	vb_runfolder_file(rf, "qemu.log", path, sizeof(path));
	f = fopen(path, "r");
	if (!f)
		return;
	while (fgets(line, sizeof(line), f))
		fprintf(stderr, "vbench: qemu said: %s", line);
	fclose(f);
}

static int vb_run_finish(const struct vb_run_args *a, struct vb_runfolder *rf,
			 const struct vb_launch *l, struct vb_stream *s,
			 struct vb_samples_out *samples, struct vb_error *e)
{
	char date[32], bytes[32], params[PATH_MAX + 16], initrd[PATH_MAX + 32];
	struct vb_launch shown = *l;
	struct stat st;
	struct vb_meta m = { 0 };
	char *command;
	int ret;

	/* The command as it can be run again: params.bin where it ends up, not in tmp. */
	vb_path_join(params, sizeof(params), rf->final, "params.bin");
	shown.params = params;
	vb_path_join(initrd, sizeof(initrd), rf->final, "initramfs.cpio.gz");
	if (l->kvm_dir)
		shown.kvm_initrd = initrd;
	command = vb_launch_command(&shown, e);
	if (!command) {
		vb_samples_out_close(samples, NULL);
		return -1;
	}
	vb_iso_date(date, sizeof(date), a->start);
	snprintf(bytes, sizeof(bytes), "%lld", stat(l->image, &st) ? -1LL : (long long)st.st_size);
	m = (struct vb_meta){ .run_id = rf->id,
			      .version = VBENCH_VERSION,
			      .date = date,
			      .target = a->target,
			      .mode = a->mode,
			      .launch = l->target->launch == VB_LAUNCH_QEMU ? "qemu" :
					l->target->launch == VB_LAUNCH_KVM  ? "kvm" :
									      "serial",
			      .command = command,
			      .deterministic = a->deterministic ? "yes" : "no",
			      .image = l->image,
			      .image_bytes = bytes };
	ret = vb_output_write(rf, &m, &s->data, samples, e);
	free(command);
	return ret || vb_interrupted(e) ? -1 : vb_runfolder_commit(rf, e);
}

int vb_run_go(const struct vb_run_args *a, const struct vb_target *t, const char *image)
{
	struct vb_stream_opts so = { .expect_target = a->target,
				     .expect_mode = a->mode,
				     .expect_clock = a->deterministic ? "icount" : NULL,
				     /* the ticks clock asked of native or virt images, or not */
				     .expect_timer = strcmp(a->mode, "kvm") ?
							     a->ticks ? "cntvct" : "" :
							     NULL,
				     .require_samples = a->samples };
	struct vb_stream s;
	struct vb_runfolder rf = { 0 };
	struct vb_run_ctx ctx = { .stream = &s, .tty = isatty(2), .start_ms = vb_now_ms() };
	char params[PATH_MAX + 16], kept[PATH_MAX + 32], initrd[PATH_MAX + 32];
	struct vb_launch l = {
		.target = t,
		.image = image,
		.params = params,
		.deterministic = a->deterministic,
		.timeout_s = a->timeout,
		/* halt = wait: QEMU never exits by itself; the end record ends the run */
		.grace_ms = t->halt == VB_HALT_WAIT ? 0 : VB_EXIT_GRACE_MS,
		.log_fd = -1,
		.err_fd = -1,
		.fn = vb_run_line,
		.ctx = &ctx,
		.interrupted = &vb_signalled,
		.kvm_dir = a->kvm_dir,
		.src_root = a->src_root,
		.kvm_initrd = initrd,
		.kvm_thp = a->thp,
		.session = a->session,
		.more = a->next,
	};
	struct vb_launch_outcome o;
	struct vb_samples_out samples;
	struct vb_error e;
	int ret;

	vb_stream_init(&s, &so);
	ret = vb_run_prepare(a, t, &rf, &l, params, sizeof(params), initrd, sizeof(initrd), &e);
	if (ret && !rf.open)
		goto out;
	if (ret) {
		vb_runfolder_abort(&rf);
		goto out;
	}
	vb_output_samples(&samples, &rf, &s.data);
	ret = vb_launch_run(&l, &o, &e);
	if (ctx.shown)
		fputs("\r\033[K", stderr);
	if (!ret)
		ret = vb_interrupted(&e);
	if (!ret)
		ret = vb_stream_finish(&s, o.cut[0] ? o.cut : NULL, &e);
	if (!ret && ((o.killed && t->halt != VB_HALT_WAIT) || o.status > 0))
		vb_report(0, "warning: QEMU %s after the end record",
			  o.killed ? "did not exit and was killed" : "exited with an error");
	if (l.err_fd >= 0)
		close(l.err_fd);
	if (fsync(l.log_fd) || close(l.log_fd))
		ret = ret ? ret : vb_fail(&e, "writing console.log failed");
	if (!ret)
		ret = vb_run_finish(a, &rf, &l, &s, &samples, &e);
	else
		vb_samples_out_close(&samples, NULL);
	if (ret) {
		char why[VB_ERR_LEN];

		if (a->session) /* the images' state after a failure is not known: boot again */
			vb_session_close(a->session);

		snprintf(why, sizeof(why), "%s", e.msg);
		vb_report(0, "%s", why);
		vb_show_qemu_log(&rf);
		if (!vb_runfolder_fail(&rf, why, kept, sizeof(kept), &e))
			vb_report(0, "console kept in %s", kept);
		else
			vb_report(0, "%s", e.msg);
		vb_stream_free(&s);
		return vb_signalled ? VB_EXIT_SIGNAL + vb_signalled : VB_EXIT_FAILED;
	}
	printf("%s\n", rf.final);
	if (vb_signalled) { /* after the run was in place: it is whole, but vbench was asked to stop */
		vb_stream_free(&s);
		return VB_EXIT_SIGNAL + vb_signalled;
	}
out:
	vb_stream_free(&s);
	return ret ? vb_report(ret == -2 ? VB_EXIT_FAILED : VB_EXIT_USAGE, "%s", e.msg) :
		     VB_EXIT_OK;
}

/*
 * --mode kvm: on a QEMU target, the nested boot needs vbench-vmm and Debian's
 * kernel and busybox in build/kvm (make kvm-selftest fetches them once); a
 * launch = kvm host needs vbench-vmm only.
 */
static int vb_run_kvm_paths(struct vb_run_args *a, const struct vb_target *t,
			    const struct vb_paths *p, char *dir, size_t len)
{
	static const char *const need[] = { "vbench-vmm", "vmlinuz", "busybox" };
	char f[PATH_MAX + 32];

	if (t->launch == VB_LAUNCH_SERIAL)
		return vb_report(
			VB_EXIT_USAGE,
			"run: %s: --mode kvm needs launch = kvm (a Linux host with /dev/kvm) "
			"or launch = qemu (a nested one), not launch = serial",
			t->path);
	if (t->arch != VB_ARCH_ARMV8)
		return vb_report(VB_EXIT_USAGE, "run: %s: --mode kvm needs an armv8 target",
				 t->path);
	vb_path_join(dir, len, p->build, "kvm");
	/* launch = kvm: the host has its own kernel; only the VMM goes there */
	for (size_t i = 0; i < (t->launch == VB_LAUNCH_KVM ? 1 : sizeof(need) / sizeof(need[0]));
	     i++) {
		vb_path_join(f, sizeof(f), dir, need[i]);
		if (access(f, R_OK))
			return vb_report(VB_EXIT_USAGE,
					 "no %s: run `make kvm-selftest` first (builds vbench-vmm, "
					 "fetches Debian's arm64 kernel and busybox)",
					 f);
	}
	a->kvm_dir = dir;
	a->src_root = p->root;
	return 0;
}

int vb_cmd_run(int argc, char **argv)
{
	struct vb_run_args a;
	struct vb_paths p;
	struct vb_target t;
	struct vb_error e;
	char path[PATH_MAX + 64], image[PATH_MAX], results[PATH_MAX + 16], kvm_dir[PATH_MAX + 8];
	int r = vb_run_args(argc, argv, &a);

	if (r)
		return r > 0 ? VB_EXIT_OK : VB_EXIT_USAGE;
	vb_run_catch_signals();
	if (vb_paths_resolve(&p, a.build, a.root, &e) || vb_target_load(&t, p.root, a.target, &e))
		return vb_report(VB_EXIT_USAGE, "%s", e.msg);
	if (a.qemu && !*t.qemu) {
		vb_report(VB_EXIT_USAGE,
			  "run: %s: --qemu needs a 'qemu' key (QEMU's model of the board)", t.path);
		vb_target_free(&t);
		return VB_EXIT_USAGE;
	}
	if (a.qemu) { /* the rest of the run follows: QEMU options allowed, rows labelled emulated */
		t.launch = VB_LAUNCH_QEMU;
		t.params_via = VB_PARAMS_LOADER;
		t.boot = VB_BOOT_MANUAL; /* the model boots the ELF itself (-kernel) */
	}
	/* a configuration the images would refuse is a usage error here, with their reason */
	if ((a.s1_spec && (vb_stage_check(&a.s1, 0, vb_arch_name(t.arch), &e) ||
			   vb_target_stage_check(&t, &a.s1, 0, &e))) ||
	    (a.s2_spec && (vb_stage_check(&a.s2, 1, vb_arch_name(t.arch), &e) ||
			   vb_target_stage_check(&t, &a.s2, 1, &e)))) {
		vb_target_free(&t);
		return vb_report(VB_EXIT_USAGE, "run: %s", e.msg);
	}
	if (a.suite) {
		a.start = time(NULL);
		if (!a.results) {
			snprintf(results, sizeof(results), "%s/results", p.root);
			a.results = results;
		}
		r = vb_run_suite(&a, &t, &p);
		vb_target_free(&t);
		return r;
	}
	if (!strcmp(a.mode, "linux")) {
		r = vb_run_linux(&a, &t, &p);
		vb_target_free(&t);
		return r;
	}
	if (t.launch == VB_LAUNCH_KVM && strcmp(a.mode, "kvm")) {
		vb_target_free(&t);
		return vb_report(
			VB_EXIT_USAGE,
			"run: %s: launch = kvm runs guest-min under KVM: it needs --mode kvm",
			t.path);
	}
	if (!strcmp(a.mode, "kvm")) {
		r = vb_run_kvm_paths(&a, &t, &p, kvm_dir, sizeof(kvm_dir));
		if (r) {
			vb_target_free(&t);
			return r;
		}
	}
	/* kvm: guest-min's native image, as raw bytes vbench-vmm copies into the memslot */
	snprintf(path, sizeof(path), "%s/%s/%s", p.build, a.target,
		 a.kvm_dir		? "native.bin" :
		 strcmp(a.mode, "virt") ? "native.elf" :
					  "virt.elf");
	if (access(path, R_OK) || !realpath(path, image)) {
		vb_target_free(&t);
		return vb_report(VB_EXIT_USAGE, "no image %s: run `make` first", path);
	}
	if (!a.results && !a.out) {
		snprintf(results, sizeof(results), "%s/results", p.root);
		a.results = results;
	}
	a.start = time(NULL);
	r = vb_run_go(&a, &t, image);
	vb_target_free(&t);
	return r;
}
