/*
 * The guest's registers as hyp-min's slow path saves them on its stack.
 * Assembly uses the FRAME_* offsets; the C struct is checked against them.
 */
#ifndef HYP_FRAME_H
#define HYP_FRAME_H

#include <hyp_arch.h> /* FRAME_NREGS, FRAME_REG_SIZE */

#define FRAME_ELR  (FRAME_NREGS * FRAME_REG_SIZE)
#define FRAME_SPSR (FRAME_ELR + FRAME_REG_SIZE)
#define FRAME_SIZE (((FRAME_SPSR + FRAME_REG_SIZE) + 15) & ~15)

#ifndef __ASSEMBLER__
#include <stddef.h>
#include <arch/sysreg.h>

struct hyp_frame {
	reg_t r[FRAME_NREGS]; /* x0-x30, or r0-r12 and lr */
	reg_t elr;	      /* where the guest resumes */
	reg_t spsr;
};

_Static_assert(offsetof(struct hyp_frame, elr) == FRAME_ELR, "frame layout");
_Static_assert(offsetof(struct hyp_frame, spsr) == FRAME_SPSR, "frame layout");
_Static_assert(sizeof(struct hyp_frame) <= FRAME_SIZE, "frame layout");
#endif

#endif
