/* GICv2 hypervisor interface (GICH, memory-mapped) state for the world switch. */
#include <vb/mmio.h>
#include <vgic.h>

#define GICH_HCR  0x000
#define GICH_VTR  0x004
#define GICH_VMCR 0x008
#define GICH_APR  0x0f0
#define GICH_LR0  0x100

static unsigned gich_nlr(void)
{
	unsigned n = (mmio_read32(TARGET_GICH_BASE + GICH_VTR) & 0x3f) + 1;

	return n > VGIC_MAX_LR ? VGIC_MAX_LR : n;
}

void vgic_save(struct vgic_state *s)
{
	s->nlr = gich_nlr();
	s->hcr = mmio_read32(TARGET_GICH_BASE + GICH_HCR);
	s->vmcr = mmio_read32(TARGET_GICH_BASE + GICH_VMCR);
	s->apr = mmio_read32(TARGET_GICH_BASE + GICH_APR);
	for (unsigned i = 0; i < s->nlr; i++)
		s->lr[i] = mmio_read32(TARGET_GICH_BASE + GICH_LR0 + 4 * i);
}

void vgic_restore(const struct vgic_state *s)
{
	for (unsigned i = 0; i < s->nlr; i++)
		mmio_write32(TARGET_GICH_BASE + GICH_LR0 + 4 * i, (uint32_t)s->lr[i]);
	mmio_write32(TARGET_GICH_BASE + GICH_APR, s->apr);
	mmio_write32(TARGET_GICH_BASE + GICH_VMCR, s->vmcr);
	mmio_write32(TARGET_GICH_BASE + GICH_HCR, s->hcr);
}
