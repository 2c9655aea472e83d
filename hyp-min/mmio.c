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

/* The pages hyp-min emulates: its device, and the guest's console (docs/security.md). */
static const struct {
	uint64_t ipa;
	int (*access)(struct hyp_frame *f, uint64_t offset, unsigned bytes, int is_write,
		      reg_t *val);
	const char *error; /* the error record's kind for an access the device refuses */
} devices[] = {
	{ TARGET_VDEV_IPA, vdev_access, "vdev_register" },
	{ TARGET_UART_BASE, console_access, "console_register" },
};

/* The low `bytes` bytes of v. */
static reg_t size_cut(reg_t v, unsigned bytes)
{
	return bytes >= sizeof(reg_t) ? v : v & ((UL(1) << (8 * bytes)) - 1);
}

static reg_t sign_extend(reg_t v, unsigned bytes)
{
	unsigned bits = 8 * bytes;

	if (bits >= 8 * sizeof(reg_t))
		return v;
	v = size_cut(v, bytes);
	return (v ^ (UL(1) << (bits - 1))) - (UL(1) << (bits - 1));
}

/* 1 if the abort was an access to an emulated page and has been emulated. */
int mmio_emulate(struct hyp_frame *f, reg_t esr, uint64_t ipa)
{
	unsigned srt = (esr >> ISS_SRT_SHIFT) & ISS_SRT_MASK;
	unsigned bytes = 1u << ((esr >> ISS_SAS_SHIFT) & 3);
	int is_write = !!(esr & ISS_WNR);
	unsigned i = 0, n = sizeof(devices) / sizeof(devices[0]);
	reg_t *rt, val;

	while (i < n && (ipa < devices[i].ipa || ipa >= devices[i].ipa + PAGE_SIZE))
		i++;
	if (i == n || !(esr & ISS_ISV))
		return 0;
	rt = arch_guest_reg(f, srt, esr);
	val = is_write && rt ? size_cut(*rt, bytes) : 0;
	if (devices[i].access(f, ipa - devices[i].ipa, bytes, is_write, &val))
		hyp_error(devices[i].error, f, esr);
	if (!is_write && rt) {
		val = esr & ISS_SSE ? sign_extend(val, bytes) : size_cut(val, bytes);
		*rt = esr & ISS_SF ? val : (reg_t)(uint32_t)val; /* a W register's top half is 0 */
	}
	f->elr += esr & ESR_IL ? 4 : 2;
	return 1;
}
