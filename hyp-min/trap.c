/* Traps from the guest that the short path in the vectors does not serve. */
#include <arch/sysreg.h>
#include <hyp.h>

typedef void (*trap_handler)(struct hyp_frame *f, reg_t esr);

static void trap_hvc(struct hyp_frame *f, reg_t esr)
{
	(void)esr;
	hyp_hypercall(f);
}

static void trap_stage2_abort(struct hyp_frame *f, reg_t esr)
{
	uint64_t ipa = arch_fault_ipa(esr);

	if (ESR_EC(esr) == EC_DABT_LOW && (mmio_emulate(f, esr, ipa) || s2perm_fix(f, esr, ipa)))
		return;
	hyp_error(ESR_EC(esr) == EC_DABT_LOW ? "s2_dabt" : "s2_iabt", f, esr);
}

static reg_t sysreg_traps;

static void trap_sysreg(struct hyp_frame *f, reg_t esr)
{
	sysreg_traps++;
	arch_trap_sysreg(f, esr);
}

/* Lets the guest see whether its access really trapped (emulators may not trap it). */
void hvc_sysreg_traps(struct hyp_frame *f)
{
	f->r[0] = sysreg_traps;
}

static void trap_unknown(struct hyp_frame *f, reg_t esr)
{
	hyp_error("guest_trap", f, esr);
}

/* By exception class; anything not listed ends the run with an error record. */
static const trap_handler trap_handlers[64] = {
	[EC_CP15_32] = trap_sysreg,
	[EC_SYS64] = trap_sysreg,
	[EC_HVC32] = trap_hvc,
	[EC_HVC64] = trap_hvc,
	[EC_DABT_LOW] = trap_stage2_abort,
	[EC_IABT_LOW] = trap_stage2_abort,
};

void hyp_trap(struct hyp_frame *f)
{
	reg_t esr = read_sysreg(esr_el2);
	trap_handler h = trap_handlers[ESR_EC(esr)];

	(h ? h : trap_unknown)(f, esr);
}
