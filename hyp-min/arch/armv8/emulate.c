/* Trapped MRS from the guest (HCR_EL2.TID3): ID registers read at EL2 and handed back. */
#include <hyp.h>

#define SYS_KEY(op0, op1, crn, crm, op2) \
	(((op0) << 14) | ((op1) << 11) | ((crn) << 7) | ((crm) << 3) | (op2))

static reg_t read_id_mmfr0(void)
{
	return read_sysreg(id_mmfr0_el1);
}

static reg_t read_id_aa64mmfr0(void)
{
	return read_sysreg(id_aa64mmfr0_el1);
}

/* The registers guest-min reads: anything else is reported, not guessed. */
static const struct {
	unsigned key;
	reg_t (*read)(void);
} emulated[] = {
	{ SYS_KEY(3, 0, 0, 1, 4), read_id_mmfr0 },
	{ SYS_KEY(3, 0, 0, 7, 0), read_id_aa64mmfr0 },
};

reg_t *arch_guest_reg(struct hyp_frame *f, unsigned n, reg_t esr)
{
	(void)esr;
	return n < 31 ? &f->r[n] : NULL; /* 31 is XZR here */
}

void arch_trap_sysreg(struct hyp_frame *f, reg_t esr)
{
	unsigned key = SYS_KEY((esr >> ISS_SYS_OP0_SHIFT) & 3, (esr >> ISS_SYS_OP1_SHIFT) & 7,
			       (esr >> ISS_SYS_CRN_SHIFT) & 0xf, (esr >> ISS_SYS_CRM_SHIFT) & 0xf,
			       (esr >> ISS_SYS_OP2_SHIFT) & 7);
	reg_t *rt = arch_guest_reg(f, (esr >> ISS_SYS64_RT_SHIFT) & 0x1f, esr);

	if (!(esr & ISS_SYS_READ))
		hyp_error("sysreg_write", f, esr);
	for (unsigned i = 0; i < sizeof(emulated) / sizeof(emulated[0]); i++) {
		if (emulated[i].key == key) {
			if (rt)
				*rt = emulated[i].read();
			f->elr += 4;
			return;
		}
	}
	hyp_error("sysreg_unemulated", f, esr);
}
