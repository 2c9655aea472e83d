/* Trapped MRC from the guest (HCR.TID3): ID registers read in Hyp mode and handed back. */
#include <hyp.h>

#define CP15_KEY(opc1, crn, crm, opc2) (((opc1) << 11) | ((crn) << 7) | ((crm) << 3) | (opc2))

static reg_t read_id_mmfr0(void)
{
	return read_sysreg(id_mmfr0_el1);
}

/* The registers guest-min reads: anything else is reported, not guessed. */
static const struct {
	unsigned key;
	reg_t (*read)(void);
} emulated[] = {
	{ CP15_KEY(0, 0, 1, 4), read_id_mmfr0 },
};

/* r0-r12 are in the frame; SP and LR are banked per guest mode and not emulated. */
reg_t *arch_guest_reg(struct hyp_frame *f, unsigned n, reg_t esr)
{
	if (n > 12)
		hyp_error("guest_register_banked", f, esr);
	return &f->r[n];
}

void arch_trap_sysreg(struct hyp_frame *f, reg_t esr)
{
	unsigned key = CP15_KEY((esr >> ISS_SYS_OP1_SHIFT) & 7, (esr >> ISS_SYS_CRN_SHIFT) & 0xf,
				(esr >> ISS_SYS_CRM_SHIFT) & 0xf, (esr >> ISS_SYS_OP2_SHIFT) & 7);
	reg_t *rt = arch_guest_reg(f, (esr >> ISS_CP15_RT_SHIFT) & 0xf, esr);

	if (!(esr & ISS_SYS_READ))
		hyp_error("sysreg_write", f, esr);
	for (unsigned i = 0; i < sizeof(emulated) / sizeof(emulated[0]); i++) {
		if (emulated[i].key == key) {
			*rt = emulated[i].read();
			f->elr += 4; /* guest-min is in ARM state */
			return;
		}
	}
	hyp_error("sysreg_unemulated", f, esr);
}
