/*
 * guest-min entry (AArch32). Under hyp-min it starts in SVC mode with r0 =
 * HYP_BOOT_MAGIC and r1 = the stage-2 leaf size. Alone on a CPU that starts
 * in Hyp mode (QEMU with virtualization=on, most boards) it first leaves Hyp
 * mode, by ERET, with stage 2 off and nothing trapped: the native baseline.
 */
#include <vb/sysreg.h>

#define SPSR_SVC_MASKED (PSR_MODE_SVC | PSR_AIF)

	.arch_extension virt
	.arm
	.section .text.boot, "ax"
	.global	_start
_start:
	mrs	r2, cpsr
	and	r2, r2, #PSR_MODE_MASK
	cmp	r2, #PSR_MODE_HYP
	bne	pl1_start
	mov	r2, #0				/* no stage 2, no traps */
	mcr	A32_hcr_el2(r2)
	mcr	A32_hstr_el2(r2)
	mrc	A32_pmcr_el0(r2)		/* every PMU counter to PL1 */
	ubfx	r2, r2, #PMCR_N_SHIFT, #5
	mcr	A32_mdcr_el2(r2)
	mov	r2, #(CNTHCTL_EL1PCTEN | CNTHCTL_EL1PCEN)
	mcr	A32_cnthctl_el2(r2)
	mov	r2, #0
	mov	r3, #0
	mcrr	A32_cntvoff_el2(r2, r3)
	mcrr	A32_vttbr_el2(r2, r3)
	ldr	r2, =CPTR_EL2_NO_TRAPS
	mcr	A32_cptr_el2(r2)
	mov	r2, #SPSR_SVC_MASKED
	msr	spsr_cxsf, r2
	adr	r2, pl1_start
	msr	ELR_hyp, r2
	mov	r0, #0				/* native: no boot magic */
	eret

pl1_start:
	/* Abort and undefined modes get a stack of their own to report from, */
	cps	#PSR_MODE_ABT
	ldr	sp, =guest_exc_stack_top
	cps	#PSR_MODE_UND
	ldr	sp, =guest_exc_stack_top
	cps	#PSR_MODE_IRQ			/* and IRQ mode one for the interrupt handler */
	ldr	sp, =guest_irq_stack_top
	cps	#PSR_MODE_SVC
	ldr	sp, =guest_stack_top
	mrc	A32_sctlr_el1(r2)		/* vectors at VBAR, taken in ARM state */
	bic	r2, r2, #SCTLR_V
	bic	r2, r2, #SCTLR_TE
	mcr	A32_sctlr_el1(r2)
	ldr	r2, =guest_vectors
	mcr	A32_vbar_el1(r2)
	isb
	ldr	r2, =__bss_start
	ldr	r3, =__bss_end
	mov	r4, #0
1:	cmp	r2, r3
	strlo	r4, [r2], #4
	blo	1b
	b	guest_main			/* (boot magic, stage-2 leaf size) */
