/* GICv2 hypervisor interface (GICH, memory-mapped): injection and world-switch state. */
#include <arch/sysreg.h>
#include <vb/gic.h>
#include <vb/mmio.h>
#include <vgic.h>

#define GICH_HCR    0x000
#define GICH_VTR    0x004
#define GICH_VMCR   0x008
#define GICH_EISR0  0x020
#define GICH_ELRSR0 0x030
#define GICH_APR    0x0f0
#define GICH_LR0    0x100

#define GICH_HCR_EN	    BIT(0)
#define GICH_LR_PENDING	    (1u << 28)
#define GICH_LR_PRIO_SHIFT  23	       /* the top 5 bits of the priority */
#define GICH_LR_EOI	    (1u << 19) /* with HW = 0: maintenance interrupt on EOI */
#define GICH_LR_VIRTID_MASK 0x3ffu

#define GICH(r)	   (TARGET_GICH_BASE + (r))
#define GICH_LR(i) GICH(GICH_LR0 + 4 * (i))

static unsigned gich_nlr(void)
{
	unsigned n = (mmio_read32(GICH(GICH_VTR)) & 0x3f) + 1;

	return n > VGIC_MAX_LR ? VGIC_MAX_LR : n;
}

void vgic_init(void)
{
	for (unsigned i = 0; i < gich_nlr(); i++)
		mmio_write32(GICH_LR(i), 0);
	/* UNKNOWN at reset: the guest's view (priority mask, enables) and active priorities */
	mmio_write32(GICH(GICH_VMCR), 0);
	mmio_write32(GICH(GICH_APR), 0);
	mmio_write32(GICH(GICH_HCR), GICH_HCR_EN);
}

int vgic_inject(unsigned intid, unsigned flags)
{
	uint32_t empty = mmio_read32(GICH(GICH_ELRSR0)); /* invalid, and no EOI to signal */
	unsigned i = 0, n = gich_nlr();

	while (i < n && !(empty & (1u << i)))
		i++;
	if (i == n)
		return -1;
	mmio_write32(GICH_LR(i), GICH_LR_PENDING | ((GIC_PRIO >> 3) << GICH_LR_PRIO_SHIFT) |
					 (flags & VGIC_EOI_MAINT ? GICH_LR_EOI : 0) |
					 (intid & GICH_LR_VIRTID_MASK));
	return 0;
}

void vgic_maintenance(void)
{
	uint32_t eoied = mmio_read32(GICH(GICH_EISR0));

	/* Rewriting an EOI'd list register clears its EISR bit, and with it the interrupt. */
	for (unsigned i = 0; eoied; i++, eoied >>= 1)
		if (eoied & 1)
			mmio_write32(GICH_LR(i), 0);
}

void vgic_save(struct vgic_state *s)
{
	s->nlr = gich_nlr();
	s->hcr = mmio_read32(GICH(GICH_HCR));
	s->vmcr = mmio_read32(GICH(GICH_VMCR));
	s->apr = mmio_read32(GICH(GICH_APR));
	for (unsigned i = 0; i < s->nlr; i++)
		s->lr[i] = mmio_read32(GICH_LR(i));
}

void vgic_restore(const struct vgic_state *s)
{
	for (unsigned i = 0; i < s->nlr; i++)
		mmio_write32(GICH_LR(i), (uint32_t)s->lr[i]);
	mmio_write32(GICH(GICH_APR), s->apr);
	mmio_write32(GICH(GICH_VMCR), s->vmcr);
	mmio_write32(GICH(GICH_HCR), s->hcr);
}
