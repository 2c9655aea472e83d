/* params.bin: the run parameters block the images read (common/include/vb/params.h). */
#ifndef VB_HPARAMS_H
#define VB_HPARAMS_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "base/util.h"
#include "vb/params.h"

#define VB_MAX_SAMPLES VB_PARAMS_MAX_SAMPLES

/* What a run asks of the images; zero means the images' default. */
struct vb_param_values {
	uint32_t flags;		    /* VB_PARAM_* */
	uint32_t samples;	    /* kept samples per benchmark */
	uint32_t warmup;	    /* dropped samples before them */
	uint32_t policy;	    /* VB_POLICY_* */
	const char *only;	    /* comma-separated benchmark names, or NULL */
	struct vb_stage_cfg s1, s2; /* translation configuration; 0: defaults */
	uint32_t footprints[VB_PARAMS_MAX_FOOTPRINTS]; /* 0-terminated; none: the defaults */
};

/* Fills the block byte by byte in little-endian order, whatever the host. */
int vb_params_build(uint8_t out[sizeof(struct vb_params)], const struct vb_param_values *v,
		    struct vb_error *e);

/* Writes the block to path. */
int vb_params_write(const char *path, const struct vb_param_values *v, struct vb_error *e);

/* --only: comma-separated names of benchmarks the images have (microbench/table.c). */
int vb_only_check(const char *only, struct vb_error *e);

/* Is name[0..len) a benchmark of microbench/table.c? */
bool vb_bench_known(const char *name, size_t len);

/* The benchmark names, blank-separated, cut to fit len. */
void vb_bench_list(char *buf, size_t len);

#endif
