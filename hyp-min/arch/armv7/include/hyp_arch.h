#ifndef HYP_ARCH_H
#define HYP_ARCH_H

#define FRAME_NREGS    14 /* r0-r12 and lr (Hyp mode shares LR_usr with the guest) */
#define FRAME_REG_SIZE 4

/* HCR bits the guest needs on this architecture */
#define HCR_GUEST_ARCH 0

/* Where hyp-min must start (boot.S passes what it found), and the error's name otherwise */
#define ARCH_ENTRY_LEVEL     PSR_MODE_HYP
#define ARCH_ENTRY_LEVEL_KEY "mode"
#define ARCH_ENTRY_LEVEL_MSG "not_started_in_hyp_mode"

#ifndef __ASSEMBLER__
#include <stdint.h>

/* What a type-2 hypervisor switches on every exit: the guest's PL1/PL0 context and timer. */
struct el1_context {
	uint32_t sctlr, cpacr, ttbcr, dacr, dfsr, ifsr, adfsr, aifsr, dfar, ifar;
	uint32_t mair0, mair1, amair0, amair1, vbar, contextidr, tpidrurw, tpidruro, tpidrprw;
	uint32_t csselr, cntkctl, cntv_ctl, vmpidr, vpidr;
	uint64_t ttbr0, ttbr1, par, cntv_cval;
	/* the banked registers of every PL1 mode, and user mode's stack pointer */
	uint32_t sp_usr, sp_svc, lr_svc, spsr_svc, sp_abt, lr_abt, spsr_abt, sp_und, lr_und;
	uint32_t spsr_und, sp_irq, lr_irq, spsr_irq, r8_fiq, r9_fiq, r10_fiq, r11_fiq, r12_fiq;
	uint32_t sp_fiq, lr_fiq, spsr_fiq;
};
#endif

#endif
