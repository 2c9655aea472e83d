/* The virtual CPU interface: injection through list registers, and its world-switch state. */
#ifndef HYP_VGIC_H
#define HYP_VGIC_H

#include <stdint.h>

#define VGIC_MAX_LR 16

struct vgic_state {
	uint64_t lr[VGIC_MAX_LR]; /* list registers */
	uint32_t hcr, vmcr, apr;  /* control, the guest's view (VMCR), active priorities */
	unsigned nlr;		  /* list registers the hardware has */
};

#define VGIC_EOI_MAINT 1u /* vgic_inject: a maintenance interrupt when the guest EOIs it */

/* vgic/v<N>.c, for the target's gic_version */
void vgic_init(void); /* virtual CPU interface on, no list register in use */
/* Makes virtual `intid` pending (group 1 on GICv3, group 0 on GICv2: both IRQs) in a free
 * list register; -1 if none is free. */
int vgic_inject(unsigned intid, unsigned flags);
void vgic_maintenance(void); /* frees the list registers whose EOI was signalled */
void vgic_save(struct vgic_state *s);
void vgic_restore(const struct vgic_state *s);

#endif
