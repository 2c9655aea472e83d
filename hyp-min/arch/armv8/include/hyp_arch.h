#ifndef HYP_ARCH_H
#define HYP_ARCH_H

#define FRAME_NREGS    31 /* x0-x30 */
#define FRAME_REG_SIZE 8

/* HCR bits the guest needs on this architecture: EL1 is AArch64 */
#define HCR_GUEST_ARCH HCR_RW

/* Where hyp-min must start (boot.S passes what it found), and the error's name otherwise */
#define ARCH_ENTRY_LEVEL     2
#define ARCH_ENTRY_LEVEL_KEY "el"
#define ARCH_ENTRY_LEVEL_MSG "not_started_at_el2"

#ifndef __ASSEMBLER__
#include <stdint.h>

/* What a type-2 hypervisor switches on every exit: the guest's EL1/EL0 context and timer. */
struct el1_context {
	uint64_t sctlr, cpacr, ttbr0, ttbr1, tcr, esr, afsr0, afsr1, far, mair, amair, vbar;
	uint64_t contextidr, tpidr_el0, tpidrro_el0, tpidr_el1, par, sp_el0, sp_el1, elr, spsr;
	uint64_t csselr, mdscr, cntkctl, cntv_ctl, cntv_cval, vmpidr, vpidr;
};
#endif

#endif
