/* The virtual CPU interface's state, as a world switch saves it. */
#ifndef HYP_VGIC_H
#define HYP_VGIC_H

#include <stdint.h>

#define VGIC_MAX_LR 16

struct vgic_state {
	uint64_t lr[VGIC_MAX_LR]; /* list registers */
	uint32_t hcr, vmcr, apr;  /* control, the guest's view (VMCR), active priorities */
	unsigned nlr;		  /* list registers the hardware has */
};

/* vgic/v<N>.c, for the target's gic_version */
void vgic_save(struct vgic_state *s);
void vgic_restore(const struct vgic_state *s);

#endif
