/*
 * A translation configuration (struct vb_stage_cfg, from the run parameters)
 * turned into what the table builder and the control registers need. The
 * same code decides in hyp-min, guest-min and vbench, so a configuration
 * vbench accepts is one the images build.
 */
#ifndef VB_XLAT_H
#define VB_XLAT_H

#include <stdint.h>
#include <vb/params.h>
#include <vb/pgtable.h>

#define XLAT_IA_BITS 32 /* VAs and IPAs: 32 bits on both architectures */

struct xlat {
	struct pt_geom geom;
	uint64_t mapping; /* leaf size over the test window */
	unsigned walk;	  /* VB_WALK_WB or VB_WALK_NC */
};

enum xlat_arch { XLAT_ARMV7, XLAT_ARMV8 };

/*
 * Resolves c for stage 1 (stage2 = 0) or stage 2 of arch: NULL and *x filled,
 * or why the configuration cannot be built, as a record-safe word.
 */
const char *xlat_resolve(const struct vb_stage_cfg *c, int stage2, enum xlat_arch arch,
			 struct xlat *x);

/* "4k", "2m", "1g": how configurations name sizes; buf holds at least 8 bytes. */
void xlat_size_name(char *buf, uint64_t bytes);

/* Parses a size name ("64k", "512m", "1g", or bytes); 0 on success. */
int xlat_size_parse(const char *s, uint64_t *bytes);

#endif
