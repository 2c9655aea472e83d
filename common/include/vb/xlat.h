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

#define XLAT_IA_BITS	 32 /* VAs and IPAs by default: 32 bits on both architectures */
#define XLAT_IA_BITS_MAX 48 /* ARMv8.0 without LVA/LPA */

struct xlat {
	struct pt_geom geom;
	uint64_t mapping;	/* leaf size over the test window */
	unsigned walk;		/* VB_WALK_WB or VB_WALK_NC */
	unsigned default_start; /* the start level without an lLEVEL: names say only another one */
};

enum xlat_arch { XLAT_ARMV7, XLAT_ARMV8 };

/*
 * Resolves c for stage 1 (stage2 = 0) or stage 2 of arch: NULL and *x filled,
 * or why the configuration cannot be built, as a record-safe word.
 */
const char *xlat_resolve(const struct vb_stage_cfg *c, int stage2, enum xlat_arch arch,
			 struct xlat *x);

/*
 * The far window's input address at a stage of x (<vb/layout.h>): the start
 * of the last quarter of the input space, a top-level entry nothing else uses.
 */
static inline uint64_t xlat_far_base(const struct xlat *x)
{
	return (uint64_t)3 << (x->geom.ia_bits - 2);
}

/* "4k", "2m", "1g": how configurations name sizes; buf holds at least 8 bytes. */
void xlat_size_name(char *buf, uint64_t bytes);

/* Parses a size name ("64k", "512m", "1g", or bytes); 0 on success. */
int xlat_size_parse(const char *s, uint64_t *bytes);

#endif
