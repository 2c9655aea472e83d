/*
 * Translation configurations on vbench's command line and in suite files:
 *   stage 1: GRANULE[:MAPPING][:wb|nc]           e.g. 4k, 4k:2m, 64k:512m:nc
 *   stage 2: GRANULE[:MAPPING][:lLEVEL][:wb|nc]  e.g. 4k:1g, 4k:4k:l2, 64k:64k:l3:nc
 * checked with the images' own resolver (common/xlat.c) for the target's arch.
 */
#ifndef VB_XLATSPEC_H
#define VB_XLATSPEC_H

#include <stddef.h>
#include <stdint.h>

#include "base/util.h"
#include "vb/params.h"
#include "vb/xlat.h"

/* Parses one stage's spec into c (zero-filled first). */
int vb_stage_parse(const char *spec, int stage2, struct vb_stage_cfg *c, struct vb_error *e);

/* Can target arch ("armv7"/"armv8") build it? -1 with the images' reason if not. */
int vb_stage_check(const struct vb_stage_cfg *c, int stage2, const char *arch, struct vb_error *e);

/* The configuration's name as guest-min reports it ("s1-4k-2m_s2-4k-l2-nc"); s2 NULL: native. */
void vb_config_name(char *buf, size_t len, const struct vb_stage_cfg *s1,
		    const struct vb_stage_cfg *s2, const char *arch);

/* "16k,1m,64m": tlb_miss_chase footprints, 0-terminated in out. */
int vb_footprints_parse(const char *list, uint32_t out[VB_PARAMS_MAX_FOOTPRINTS],
			struct vb_error *e);

#endif
