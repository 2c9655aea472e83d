/* vbench run's options. */
#ifndef VB_RUN_ARGS_H
#define VB_RUN_ARGS_H

#include <stdbool.h>
#include <time.h>

#include "launch/params.h"

#define VB_DEFAULT_TIMEOUT 300

struct vb_run_args {
	const char *target, *mode, *out, *results, *only, *build, *root;
	const char *policy; /* "lean", "full", or NULL: the images' default (lean) */
	const char *thp;   /* --mode kvm: "on", "off" (vbench-vmm's madvise), or NULL: the host's */
	const char *clock; /* --clock as given, or NULL */
	bool ticks; /* --clock ticks: native and hyp-min timed as kvm mode (VB_PARAM_TICKS) */
	const char *guest; /* --mode linux: "kvm" (vbench-vmm's Linux guest), or NULL: the host */
	bool deterministic, samples;
	bool qemu; /* --qemu: launch = qemu whatever the file says (a board on its QEMU model) */
	unsigned timeout;
	unsigned n, warmup;			       /* 0: the images' defaults */
	const char *s1_spec, *s2_spec;		       /* --s1, --s2 as given (docs/suites.md) */
	struct vb_stage_cfg s1, s2;		       /* parsed; zero: the images' defaults */
	uint32_t footprints[VB_PARAMS_MAX_FOOTPRINTS]; /* --footprints; none: the defaults */
	const char *suite;			       /* --suite NAME: bench/suites/NAME.suite */
	int boot;			/* VB_BOOT_*: --one-boot, --boot-per-config */
	time_t start;			/* names the run and dates it */
	const char *kvm_dir, *src_root; /* --mode kvm: build/kvm and the source tree */
	/* a suite in one boot (run_suite.c): the boot this run joins, and whether one follows */
	struct vb_session *session;
	bool next;
};

/* How a suite boots the images (docs/suites.md) */
#define VB_BOOT_DEFAULT	   0 /* one boot where the launch can: QEMU, or params_via = serial */
#define VB_BOOT_ONE	   1
#define VB_BOOT_PER_CONFIG 2

struct vb_session;
struct vb_target;
struct vb_param_values;

/* "virt", "virt-full", "virt-s1-4k-2m_s2-4k": the mode with the policy and configuration, as run folders are named. */
void vb_run_mode_name(const struct vb_run_args *a, const struct vb_target *t, char *buf,
		      size_t len);

/* What params.bin carries for these options. */
void vb_run_param_values(const struct vb_run_args *a, struct vb_param_values *pv);

/* Parses `vbench run` options: 0 to go on, 1 after --help, -1 after a usage error (reported). */
int vb_run_args(int argc, char **argv, struct vb_run_args *a);

#endif
