/* GICv3 virtual CPU interface (ICH_*_EL2 system registers) state for the world switch. */
#include <arch/sysreg.h>
#include <vgic.h>

#define ICH_VTR_LISTREGS_MASK 0x1f

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
