/* GICv3 virtual CPU interface (ICH_*_EL2 system registers): injection and world-switch state. */
#include <arch/sysreg.h>
#include <vb/gic.h>
#include <vgic.h>

/* The list registers are separate system registers: one accessor each. */
static uint64_t ich_lr_read(unsigned i)
{
	switch (i) {
	case 0:
		return read_sysreg(ich_lr0_el2);
	case 1:
		return read_sysreg(ich_lr1_el2);
	case 2:
		return read_sysreg(ich_lr2_el2);
	default:
		return read_sysreg(ich_lr3_el2);
	}
}

static void ich_lr_write(unsigned i, uint64_t v)
{
	switch (i) {
	case 0:
		write_sysreg(ich_lr0_el2, v);
		break;
	case 1:
		write_sysreg(ich_lr1_el2, v);
		break;
	case 2:
		write_sysreg(ich_lr2_el2, v);
		break;
	default:
		write_sysreg(ich_lr3_el2, v);
		break;
	}
}

static unsigned ich_nlr(void)
{
	unsigned n = (read_sysreg(ich_vtr_el2) & ICH_VTR_LISTREGS_MASK) + 1;

	return n > 4 ? 4 : n; /* the accessors above cover four */
}

void vgic_init(void)
{
	/* EL2 uses the ICC_* registers, and lets EL1 set its own ICC_SRE_EL1. */
	write_sysreg(icc_sre_el2, read_sysreg(icc_sre_el2) | ICC_SRE_SRE | ICC_SRE_ENABLE);
	isb();
	for (unsigned i = 0; i < ich_nlr(); i++)
		ich_lr_write(i, 0);
	/* UNKNOWN at reset: the guest's view (priority mask, enables) and active priorities */
	write_sysreg(ich_vmcr_el2, 0);
	write_sysreg(ich_ap0r0_el2, 0);
	write_sysreg(ich_ap1r0_el2, 0);
	write_sysreg(ich_hcr_el2, ICH_HCR_EN);
	isb();
}

int vgic_inject(unsigned intid, unsigned flags)
{
	uint64_t empty = read_sysreg(ich_elrsr_el2); /* invalid, and no EOI to signal */
	unsigned i = 0, n = ich_nlr();

	while (i < n && !(empty & (1u << i)))
		i++;
	if (i == n)
		return -1;
	ich_lr_write(i, ICH_LR_PENDING | ICH_LR_GROUP1 | ((uint64_t)GIC_PRIO << ICH_LR_PRIO_SHIFT) |
				(flags & VGIC_EOI_MAINT ? ICH_LR_EOI : 0) |
				(intid & ICH_LR_VINTID_MASK));
	isb();
	return 0;
}

void vgic_maintenance(void)
{
	uint64_t eoied = read_sysreg(ich_eisr_el2);

	/* Rewriting an EOI'd list register clears its EISR bit, and with it the interrupt. */
	for (unsigned i = 0; eoied; i++, eoied >>= 1)
		if (eoied & 1)
			ich_lr_write(i, 0);
	isb();
}

void vgic_save(struct vgic_state *s)
{
	s->nlr = ich_nlr();
	s->hcr = read_sysreg(ich_hcr_el2);
	s->vmcr = read_sysreg(ich_vmcr_el2);
	s->apr = read_sysreg(ich_ap1r0_el2);
	for (unsigned i = 0; i < s->nlr; i++)
		s->lr[i] = ich_lr_read(i);
}

void vgic_restore(const struct vgic_state *s)
{
	for (unsigned i = 0; i < s->nlr; i++)
		ich_lr_write(i, s->lr[i]);
	write_sysreg(ich_ap1r0_el2, s->apr);
	write_sysreg(ich_vmcr_el2, s->vmcr);
	write_sysreg(ich_hcr_el2, s->hcr);
	isb();
}
