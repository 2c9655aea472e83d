/*
 * Emulated MMIO: a data abort at stage 2 whose syndrome describes the access
 * (ISV set) on a page hyp-min emulates is decoded, emulated by the device,
 * and the guest resumes after the instruction. The syndrome fields are at the
 * same places in HSR and ESR_EL2. The access size is the syndrome's: a byte
 * load of a 32-bit register returns that byte, a byte store changes only it.
 */
#include <hyp.h>
#include <vb/layout.h>

#define ISS_ISV	      BIT(24)
#define ISS_SAS_SHIFT 22 /* access size: 1 << SAS bytes */
#define ISS_SSE	      BIT(21)
#define ISS_SRT_SHIFT 16
#define ISS_SRT_MASK  0x1f
#define ISS_SF	      BIT(15) /* AArch64: Xt, a 64-bit register; RES0 in HSR (32-bit registers) */
#define ISS_WNR	      BIT(6)

/*
 * What a load puts in the register: the access's bytes, sign-extended if the
 * instruction asks (SSE), and a W register's top half is 0 (SF clear).
 */
static reg_t load_value(reg_t v, unsigned sas, reg_t esr)
{
	unsigned bits = 8u << sas;

	if (bits < 8 * sizeof(reg_t)) {
		reg_t top = UL(1) << (bits - 1);

		v &= (top << 1) - 1;
		if (esr & ISS_SSE)
			v = (v ^ top) - top;
	}
	return esr & ISS_SF ? v : (reg_t)(uint32_t)v;
}

/*
 * 1 if the abort was an access to a page hyp-min emulates (its device, the
 * guest's console: docs/security.md) and has been emulated. A write's value
 * goes to the device whole: it uses the access's bytes only.
 */
int mmio_emulate(struct hyp_frame *f, reg_t esr, uint64_t ipa)
{
	uint64_t page = ipa & ~(uint64_t)(PAGE_SIZE - 1);
	unsigned sas = (esr >> ISS_SAS_SHIFT) & 3;
	int is_write = !!(esr & ISS_WNR);
	reg_t *rt, val;

	if (!(esr & ISS_ISV) || (page != TARGET_VDEV_IPA && page != TARGET_UART_BASE))
		return 0;
	rt = arch_guest_reg(f, (esr >> ISS_SRT_SHIFT) & ISS_SRT_MASK, esr);
	val = is_write && rt ? *rt : 0;
	if (page == TARGET_VDEV_IPA ? vdev_access(ipa - page, 1u << sas, is_write, &val) :
				      console_access(f, ipa - page, 1u << sas, is_write, &val))
		hyp_error(page == TARGET_VDEV_IPA ? "vdev_register" : "console_register", f, esr);
	if (!is_write && rt)
		*rt = load_value(val, sas, esr);
	f->elr += esr & ESR_IL ? 4 : 2;
	return 1;
}
