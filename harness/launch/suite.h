/*
 * A suite file, bench/suites/<name>.suite (docs/suites.md): sweeps of
 * translation configurations, read once into struct vb_suite. vbench run
 * --suite (cli/run_suite.c) runs them.
 */
#ifndef VB_SUITE_H
#define VB_SUITE_H

#include "base/util.h"
#include "target.h"
#include "vb/params.h"

#define VB_SUITE_MAX 64

struct vb_suite_config {
	char s1_spec[64], s2_spec[64];
	struct vb_stage_cfg s1, s2;
};

struct vb_suite {
	char only[VB_PARAMS_ONLY_LEN];
	uint32_t footprints[VB_PARAMS_MAX_FOOTPRINTS];
	unsigned n, warmup; /* 0: not given */
	struct vb_suite_config c[VB_SUITE_MAX];
	unsigned nc;
};

/* Loads <root>/bench/suites/<name>.suite; errors name the file and line. */
int vb_suite_load(struct vb_suite *s, const char *root, const char *name, struct vb_error *e);

/* 0 if configuration c can run on target t (architecture, granules); why not in e. */
int vb_suite_config_check(const struct vb_suite_config *c, const struct vb_target *t,
			  struct vb_error *e);

#endif
