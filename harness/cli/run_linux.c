/*
 * vbench run --mode linux (docs/linux.md): vbench-linux's records collected
 * into a console log, then verified and written as `vbench parse` does. On a
 * QEMU target the initramfs is packed here (vbench-vmm/initramfs.sh, with
 * vbench-linux/init.sh) and Debian's arm64 kernel boots it nested as the KVM
 * test does; on a board, the target's `remote` prefix (empty: this machine)
 * copies the binary to /tmp and runs it. With --guest kvm (QEMU), the nested
 * kernel's /init runs vbench-vmm, which boots the same kernel as a KVM guest
 * with vbench-linux's initramfs inside (vbench-vmm/linux-guest.sh: its device
 * tree and the VMM's arguments); the VMM's stdout is the console.
 */
#include <errno.h>
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/wait.h>
#include <unistd.h>

#include "cmd.h"
#include "launch/target.h"
#include "run_args.h"

/*
 * --guest kvm: the guest kernel's command line (in its device tree). quiet:
 * each console byte is an exit to vbench-vmm. nokaslr: repeatable boots.
 */
#define VB_LINUX_GUEST_APPEND "console=ttyAMA0 rdinit=/init panic=-1 quiet nokaslr"

/* vbench-linux's options for this run, one line of words. */
static void vb_linux_args(const struct vb_run_args *a, const struct vb_target *t, bool qemu,
			  char *buf, size_t len)
{
	size_t off = 0;

	off = vb_catf(buf, len, off, "--target %s --emulated %s --clock %s", t->name,
		      qemu || t->emulated ? "yes" : "no",
		      a->deterministic ? "icount" :
		      qemu	       ? "host" :
					 "pmu");
	if (a->n)
		off = vb_catf(buf, len, off, " --n %u", a->n);
	if (a->warmup)
		off = vb_catf(buf, len, off, " --warmup %u", a->warmup);
	if (a->samples)
		off = vb_catf(buf, len, off, " --samples");
	for (size_t i = 0; i < VB_PARAMS_MAX_FOOTPRINTS && a->footprints[i]; i++)
		off = vb_catf(buf, len, off, "%s%u", i ? "," : " --footprints ",
			      (unsigned)a->footprints[i]);
}

static int vb_need(const char *path, const char *how, struct vb_error *e)
{
	if (access(path, R_OK))
		return vb_fail(e, "run: no %s: %s", path, how);
	return 0;
}

static int vb_sh(const char *cmd, struct vb_error *e)
{
	int st = system(cmd);

	if (st == -1 || !WIFEXITED(st) || WEXITSTATUS(st))
		return vb_fail(e, "run: command failed (status %d): %s", st, cmd);
	return 0;
}

/* What the run needs is there (else a usage error, before anything starts). */
static int vb_linux_check(const struct vb_run_args *a, const struct vb_target *t,
			  const struct vb_paths *p, struct vb_error *e)
{
	char path[PATH_MAX + 32];

	snprintf(path, sizeof(path), "%s/linux/vbench-linux-%s", p->build,
		 t->arch == VB_ARCH_ARMV8 ? "arm64" : "armhf");
	if (vb_need(path, "run `make linux` first", e))
		return -1;
	if (t->launch != VB_LAUNCH_QEMU && a->guest)
		return vb_fail(
			e, "run: --guest kvm boots a guest on a QEMU target; on a board, run "
			   "vbench-linux in your own KVM guest through a target whose remote is "
			   "the guest (remote = ssh vm; docs/linux.md)");
	if (t->launch != VB_LAUNCH_QEMU)
		return 0;
	if (t->arch != VB_ARCH_ARMV8)
		return vb_fail(e,
			       "run: --mode linux on QEMU boots Debian's arm64 kernel, and %s is "
			       "armv7: Debian packages no 32-bit kernel for QEMU's virt (run "
			       "vbench-linux-armhf on a board, docs/linux.md)",
			       t->name);
	snprintf(path, sizeof(path), "%s/kvm/vmlinuz", p->build);
	if (vb_need(path, "run `make kvm-selftest` first (scripts/fetch-kvm.sh)", e))
		return -1;
	snprintf(path, sizeof(path), "%s/kvm/busybox", p->build);
	if (vb_need(path, "run `make kvm-selftest` first (scripts/fetch-kvm.sh)", e))
		return -1;
	snprintf(path, sizeof(path), "%s/kvm/vbench-vmm", p->build);
	return a->guest ? vb_need(path, "run `make vmm` first", e) : 0;
}

/* Packs the initramfs and boots it; the console goes to log. */
static int vb_linux_qemu(const struct vb_run_args *a, const struct vb_target *t,
			 const struct vb_paths *p, const char *dir, const char *log,
			 struct vb_error *e)
{
	char bin[PATH_MAX + 32], kernel[PATH_MAX + 16], bb[PATH_MAX + 16], args[1024];
	char path[PATH_MAX + 64], cmd[24 * PATH_MAX];
	FILE *f;

	snprintf(bin, sizeof(bin), "%s/linux/vbench-linux-arm64", p->build);
	snprintf(kernel, sizeof(kernel), "%s/kvm/vmlinuz", p->build);
	snprintf(bb, sizeof(bb), "%s/kvm/busybox", p->build);
	vb_linux_args(a, t, true, args, sizeof(args));
	snprintf(path, sizeof(path), "%s/vl.args", dir);
	f = fopen(path, "w");
	if (!f || fprintf(f, "%s\n", args) < 0 || fclose(f))
		return vb_fail(e, "run: cannot write %s: %s", path, strerror(errno));
	if (a->guest) {
		/* the guest's initramfs, its device tree and the VMM's arguments, then the host's */
		snprintf(cmd, sizeof(cmd),
			 "'%s/vbench-vmm/initramfs.sh' '%s/guest.cpio.gz' '%s' "
			 "'%s/vbench-linux/init.sh' '%s' '%s' && "
			 "'%s/vbench-vmm/linux-guest.sh' '%s' '%s' '%s/guest.cpio.gz' '%s' && "
			 "'%s/vbench-vmm/initramfs.sh' '%s/initramfs.cpio.gz' '%s' "
			 "'%s/vbench-vmm/init.sh' '%s/kvm/vbench-vmm' '%s' '%s/guest.cpio.gz' "
			 "'%s/guest.dtb' '%s/vmm.args'",
			 p->root, dir, bb, p->root, bin, path, p->root, dir, kernel, dir,
			 VB_LINUX_GUEST_APPEND, p->root, dir, bb, p->root, p->build, kernel, dir,
			 dir, dir);
	} else {
		snprintf(cmd, sizeof(cmd),
			 "'%s/vbench-vmm/initramfs.sh' '%s/initramfs.cpio.gz' '%s' "
			 "'%s/vbench-linux/init.sh' '%s' '%s'",
			 p->root, dir, bb, p->root, bin, path);
	}
	if (vb_sh(cmd, e))
		return -1;
	/*
	 * As the nested KVM test boots it (docs/kvm.md); 1 GiB, as Linux turns THP
	 * off below 512 MiB. Deterministic: no host seeds in the device tree, the
	 * RTC on the virtual clock, no KASLR (nokaslr is always given).
	 */
	snprintf(cmd, sizeof(cmd),
		 "timeout %u %s -m 1G -nographic -nic none %s -kernel '%s' "
		 "-initrd '%s/initramfs.cpio.gz' "
		 "-append 'console=ttyAMA0 rdinit=/init panic=-1 quiet nokaslr' "
		 "</dev/null 2>&1 | tr -d '\\r' > '%s'",
		 a->timeout, t->qemu,
		 a->deterministic ? "-M dtb-randomness=off -icount shift=0,sleep=off "
				    "-rtc base=2024-01-01T00:00:00,clock=vm" :
				    "",
		 kernel, dir, log);
	return vb_sh(cmd, e);
}

/*
 * Through the prefix: the binary copied with tee to a name of this run's own
 * (/tmp/vbench-linux.<pid>), made executable, run, removed. The prefix gets
 * one argument, a shell command line, as `ssh board CMD` does and as
 * launch = kvm uses it (harness/launch/kvm.c); no prefix: `sh -c` here.
 */
static int vb_linux_remote(const struct vb_run_args *a, const struct vb_target *t,
			   const struct vb_paths *p, const char *log, struct vb_error *e)
{
	const char *arch = t->arch == VB_ARCH_ARMV8 ? "arm64" : "armhf";
	char bin[PATH_MAX + 32], args[1024], cmd[4 * PATH_MAX], dst[64];
	const char *pre = *t->remote ? t->remote : "sh -c";
	int ret;

	snprintf(bin, sizeof(bin), "%s/linux/vbench-linux-%s", p->build, arch);
	vb_linux_args(a, t, false, args, sizeof(args));
	if (strchr(args, '\'') || strchr(bin, '\''))
		return vb_fail(e, "run: %s or its arguments contain a quote (')", bin);
	snprintf(dst, sizeof(dst), "/tmp/vbench-linux.%d", (int)getpid());
	snprintf(cmd, sizeof(cmd),
		 "%s 'tee %s >/dev/null' <'%s' && %s 'chmod 755 %s' && timeout %u %s '%s %s' >'%s'",
		 pre, dst, bin, pre, dst, a->timeout, pre, dst, args, log);
	ret = vb_sh(cmd, e);
	snprintf(cmd, sizeof(cmd), "%s 'rm -f %s'", pre, dst);
	if (system(cmd)) /* a copy left behind is harmless: the next run uses its own name */
		vb_report(0, "warning: could not remove %s through '%s'", dst, pre);
	return ret;
}

/* The temporary folder, once its console verified. */
static void vb_linux_clean(const char *dir)
{
	static const char *const files[] = { "console.log",   "vl.args",   "initramfs.cpio.gz",
					     "guest.cpio.gz", "guest.dtb", "guest.dts",
					     "vmm.args" };
	char path[96];

	for (size_t i = 0; i < sizeof(files) / sizeof(files[0]); i++) {
		snprintf(path, sizeof(path), "%s/%s", dir, files[i]);
		unlink(path);
	}
	rmdir(dir);
}

int vb_run_linux(const struct vb_run_args *a, const struct vb_target *t, const struct vb_paths *p)
{
	char dir[] = "/tmp/vbench-linux-XXXXXX", log[64], args[1024];
	struct vb_parse_args pa = { 0 };
	struct vb_field extra[3];
	bool qemu = t->launch == VB_LAUNCH_QEMU;
	struct vb_error e;
	int r;

	if (vb_linux_check(a, t, p, &e))
		return vb_report(VB_EXIT_USAGE, "%s", e.msg);
	if (!mkdtemp(dir))
		return vb_report(VB_EXIT_FAILED, "run: cannot make a temporary folder: %s",
				 strerror(errno));
	snprintf(log, sizeof(log), "%s/console.log", dir);
	r = qemu ? vb_linux_qemu(a, t, p, dir, log, &e) : vb_linux_remote(a, t, p, log, &e);
	if (r) {
		vb_report(0, "%s", e.msg);
		vb_report(0, "what it printed is kept in %s", dir);
		return VB_EXIT_FAILED;
	}
	pa.file = log;
	pa.out = a->out;
	pa.results = a->results;
	pa.root = p->root;
	pa.samples = a->samples;
	pa.launch = qemu && a->guest ? "linux-qemu-kvm-guest" :
		    qemu	     ? "linux-qemu" :
		    *t->remote	     ? "linux-remote" :
				       "linux-local";
	/* where it ran and with what: the console's temporary file is gone once verified */
	pa.source = qemu ? "qemu" : *t->remote ? t->remote : "local";
	vb_linux_args(a, t, qemu, args, sizeof(args));
	extra[0] = (struct vb_field){ "linux_args", args };
	extra[1] = (struct vb_field){ "linux_deterministic", a->deterministic ? "yes" : "no" };
	extra[2] = (struct vb_field){ "linux_guest", a->guest ? "kvm" : "none" };
	pa.extra = extra;
	pa.nextra = 3;
	r = vb_parse_console(&pa);
	if (r) {
		vb_report(0, "the console is kept in %s", dir);
		return r;
	}
	vb_linux_clean(dir);
	return VB_EXIT_OK;
}
