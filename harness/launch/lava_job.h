/*
 * A LAVA job definition for one run (docs/lava.md): deploy the image and
 * params.bin, boot them, and a test monitor that turns every result record
 * into a LAVA test case with its median as the measurement. QEMU targets use
 * LAVA's qemu device type; board targets its u-boot boot method.
 */
#ifndef VB_LAVA_JOB_H
#define VB_LAVA_JOB_H

#include <stdbool.h>
#include <stdio.h>

#include "base/util.h"
#include "target.h"

struct vb_lava_job {
	const struct vb_target *target;
	const char *name;	/* job_name */
	const char *mode;	/* virt or native: the start of the image's name */
	const char *image_url;	/* the ELF (QEMU) or .bin (boards): file:// or http(s):// */
	const char *params_url; /* params.bin */
	bool deterministic;	/* QEMU only: -icount shift=0,sleep=off */
	unsigned timeout_s;	/* the test action's: the run's own time limit */
};

/* The LAVA device type a target's jobs are for: "qemu", or "u-boot" boards' type is the lab's. */
const char *vb_lava_device_type(const struct vb_target *t);

/* 0 if url is a file:///, http:// or https:// URL vbench can write into a job; why not in e. */
int vb_lava_url_check(const char *what, const char *url, struct vb_error *e);

/* Writes the job as YAML. URLs must be file://, http:// or https://. */
int vb_lava_job_write(FILE *f, const struct vb_lava_job *j, struct vb_error *e);

#endif
