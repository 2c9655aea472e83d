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
	hyp_error(ESR_EC(esr) == EC_DABT_LOW ? "s2_dabt" : "s2_iabt", f, esr);
}

static void trap_unknown(struct hyp_frame *f, reg_t esr)
{
	hyp_error("guest_trap", f, esr);
}

/* By exception class; anything not listed ends the run with an error record. */
static const trap_handler trap_handlers[64] = {
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
