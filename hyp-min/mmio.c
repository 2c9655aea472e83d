/*
 * Emulated MMIO: a data abort at stage 2 whose syndrome describes the access
 * (ISV set) is decoded, emulated by the device, and the guest resumes after
 * the instruction. The syndrome fields are at the same places in HSR and ESR_EL2.
 */
#include <hyp.h>
#include <vb/layout.h>

#define ISS_ISV	      BIT(24)
#define ISS_SAS_SHIFT 22 /* access size: 1 << SAS bytes */
#define ISS_SSE	      BIT(21)
#define ISS_SRT_SHIFT 16
#define ISS_SRT_MASK  0x1f
#define ISS_WNR	      BIT(6)

static reg_t sign_extend(reg_t v, unsigned bytes)
{
	unsigned bits = 8 * bytes;

	if (bits >= 8 * sizeof(reg_t))
		return v;
	v &= (UL(1) << bits) - 1;
	return (v ^ (UL(1) << (bits - 1))) - (UL(1) << (bits - 1));
}

/* 1 if the abort was an access to the device and has been emulated. */
int mmio_emulate(struct hyp_frame *f, reg_t esr, uint64_t ipa)
{
	unsigned srt = (esr >> ISS_SRT_SHIFT) & ISS_SRT_MASK;
	unsigned bytes = 1u << ((esr >> ISS_SAS_SHIFT) & 3);
	int is_write = !!(esr & ISS_WNR);
	reg_t *rt, val;

	if (ipa < TARGET_VDEV_IPA || ipa >= TARGET_VDEV_IPA + PAGE_SIZE || !(esr & ISS_ISV))
		return 0;
	rt = arch_guest_reg(f, srt, esr);
	val = is_write && rt ? *rt : 0;
	if (vdev_access(ipa - TARGET_VDEV_IPA, is_write, &val))
		hyp_error("vdev_register", f, esr);
	if (!is_write && rt)
		*rt = esr & ISS_SSE ? sign_extend(val, bytes) : val;
	f->elr += esr & ESR_IL ? 4 : 2;
	return 1;
}
