/*
 * --mode kvm (docs/kvm.md): guest-min's native image under Linux KVM, through
 * vbench-vmm. On a QEMU target, Debian's arm64 kernel booted nested in QEMU:
 * this file writes the VMM's arguments, packs the initramfs
 * (vbench-vmm/initramfs.sh) and makes the nested QEMU command. On a target
 * with launch = kvm, a Linux host (here, or through the `remote` prefix):
 * a shell script copies vbench-vmm, the image and params.bin there and runs
 * the VMM, its stdout the console.
 */
#include "launch.h"

#include <errno.h>
#include <spawn.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/wait.h>
#include <unistd.h>

#include "vb/board.h"
#include "vb/params.h"

extern char **environ;

/* The kernel's command line: the console on the PL011, no KASLR (repeatable boots). */
#define VB_KVM_APPEND "console=ttyAMA0 rdinit=/init panic=-1 quiet nokaslr"
/* The nested host's memory: the guest's RAM is a MAP_NORESERVE memslot, touched pages only. */
#define VB_KVM_HOST_MEM "1G"

/* Where launch = kvm puts its files on the KVM host: /tmp/vbench-kvm.<vbench's pid> */
#define VB_KVM_HOST_DIR "/tmp/vbench-kvm.%ld"

/*
 * vbench-vmm's command line for t's memory map (docs/kvm.md), its files
 * under dir ("/" in the initramfs, "" relative to the host's folder).
 */
static int vb_kvm_vmm_args(const struct vb_target *t, const char *thp, const char *dir, char *buf,
			   size_t len, struct vb_error *e)
{
	uint64_t params = t->ram_base + t->ram_size - VB_PARAMS_OFFSET_FROM_RAM_END;
	int n;

	if (t->arch != VB_ARCH_ARMV8)
		return vb_fail(e, "%s: --mode kvm needs an armv8 target (KVM runs arm64 guests)",
			       t->path);
	if (t->gic_version != 3 && t->gic_version != 2)
		return vb_fail(e, "%s: --mode kvm needs gic_version 2 or 3", t->path);
	n = snprintf(buf, len,
		     "--ram 0x%llx:0x%llx --image %snative.bin@0x%llx --image %sparams.bin@0x%llx "
		     "--uart 0x%llx --vdev 0x%llx --gicv%u 0x%llx:0x%llx --pmu --stats%s%s\n",
		     (unsigned long long)t->ram_base, (unsigned long long)t->ram_size, dir,
		     (unsigned long long)(t->load_addr + BOARD_HYP_RESERVED), dir,
		     (unsigned long long)params, (unsigned long long)t->uart_base,
		     (unsigned long long)t->vdev_ipa, t->gic_version,
		     (unsigned long long)t->gicd_base,
		     (unsigned long long)(t->gic_version == 3 ? t->gicr_base : t->gicc_base),
		     thp ? " --thp " : "", thp ? thp : "");
	return n > 0 && (size_t)n < len ? 0 : vb_fail(e, "vbench-vmm's arguments are too long");
}

int vb_kvm_initramfs(const struct vb_launch *l, const char *dir, struct vb_error *e)
{
	char args[512], vmm[PATH_MAX + 16], busybox[PATH_MAX + 16], script[PATH_MAX + 32],
		init[PATH_MAX + 32], argsf[PATH_MAX + 16];
	char *argv[] = { script,	   (char *)l->kvm_initrd, busybox, init, vmm,
			 (char *)l->image, (char *)l->params,	  argsf,   NULL };
	FILE *f;
	pid_t pid;
	int st, r;

	if (vb_kvm_vmm_args(l->target, l->kvm_thp, "/", args, sizeof(args), e))
		return -1;
	vb_path_join(argsf, sizeof(argsf), dir, "vmm.args");
	f = fopen(argsf, "w");
	if (!f || fputs(args, f) < 0 || fclose(f))
		return vb_fail(e, "cannot write %s", argsf);
	vb_path_join(vmm, sizeof(vmm), l->kvm_dir, "vbench-vmm");
	vb_path_join(busybox, sizeof(busybox), l->kvm_dir, "busybox");
	vb_path_join(script, sizeof(script), l->src_root, "vbench-vmm/initramfs.sh");
	vb_path_join(init, sizeof(init), l->src_root, "vbench-vmm/init.sh");
	r = posix_spawn(&pid, script, NULL, NULL, argv, environ);
	if (r)
		return vb_fail(e, "cannot run %s: %s", script, strerror(r));
	while (waitpid(pid, &st, 0) < 0)
		if (errno != EINTR)
			return vb_fail(e, "waiting for %s: %s", script, strerror(errno));
	if (!WIFEXITED(st) || WEXITSTATUS(st))
		return vb_fail(e, "%s failed packing %s", script, l->kvm_initrd);
	return 0;
}

int vb_kvm_qemu_argv(const struct vb_launch *l, struct vb_argv *out, struct vb_error *e)
{
	char *copy, *tok, *save = NULL, kernel[PATH_MAX + 16];
	bool machine = false;

	(void)e;
	memset(out, 0, sizeof(*out));
	copy = vb_xstrdup(l->target->qemu);
	for (tok = strtok_r(copy, " \t", &save); tok; tok = strtok_r(NULL, " \t", &save)) {
		if (machine) { /* no host random seeds in the device tree: repeatable boots */
			char *m = vb_xasprintf("%s,dtb-randomness=off", tok);

			vb_argv_add(out, m);
			free(m);
		} else {
			vb_argv_add(out, tok);
		}
		machine = !strcmp(tok, "-M") || !strcmp(tok, "-machine");
	}
	free(copy);
	vb_path_join(kernel, sizeof(kernel), l->kvm_dir, "vmlinuz");
	const char *fixed[] = { "-m",	       VB_KVM_HOST_MEM, "-display",
				"none",	       "-nodefaults",	"-serial",
				"stdio",       "-monitor",	"none",
				"-no-reboot",  "-rtc",		"base=2024-01-01T00:00:00,clock=vm",
				"-kernel",     kernel,		"-initrd",
				l->kvm_initrd, "-append",	VB_KVM_APPEND };

	for (size_t i = 0; i < sizeof(fixed) / sizeof(fixed[0]); i++)
		vb_argv_add(out, fixed[i]);
	if (l->deterministic) {
		vb_argv_add(out, "-icount");
		vb_argv_add(out, "shift=0,sleep=off");
	}
	return 0;
}

/* A path the script can hold in single quotes. */
static int vb_kvm_quotable(const char *path, struct vb_error *e)
{
	return strchr(path, '\'') ? vb_fail(e, "launch = kvm: a quote in the path %s", path) : 0;
}

int vb_kvm_host_argv(const struct vb_launch *l, struct vb_argv *out, struct vb_error *e)
{
	const struct vb_target *t = l->target;
	char args[512], vmm[PATH_MAX + 16], dir[64], *script, *r;
	const char *files[][2] = { { vmm, "vbench-vmm" },
				   { l->image, "native.bin" },
				   { l->params, "params.bin" } };

	memset(out, 0, sizeof(*out));
	snprintf(dir, sizeof(dir), VB_KVM_HOST_DIR, (long)getpid());
	vb_path_join(vmm, sizeof(vmm), l->kvm_dir, "vbench-vmm");
	if (vb_kvm_vmm_args(t, l->kvm_thp, "", args, sizeof(args), e))
		return -1;
	args[strcspn(args, "\n")] = '\0';
	for (size_t i = 0; i < 3; i++)
		if (vb_kvm_quotable(files[i][0], e))
			return -1;
	/* r CMD: runs the shell command line CMD on the KVM host, as `ssh host CMD` does */
	r = *t->remote ? vb_xasprintf("r() { %s \"$1\"; }\n", t->remote) :
			 vb_xstrdup("r() { sh -c \"$1\"; }\n");
	script = vb_xasprintf("set -e\n%sr 'mkdir -p %s'\n", r, dir);
	free(r);
	for (size_t i = 0; i < 3; i++) {
		char *s = vb_xasprintf("%sr 'cat >%s/%s' <'%s'\n", script, dir, files[i][1],
				       files[i][0]);

		free(script);
		script = s;
	}
	/* the VMM's status is the script's; the folder goes either way */
	r = vb_xasprintf("%sr 'cd %s && chmod +x vbench-vmm && ./vbench-vmm %s; s=$?; "
			 "rm -rf %s; exit $s'\n",
			 script, dir, args, dir);
	free(script);
	vb_argv_add(out, "sh");
	vb_argv_add(out, "-c");
	vb_argv_add(out, r);
	free(r);
	return 0;
}
