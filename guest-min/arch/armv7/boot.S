/*
 * guest-min entry (AArch32). Under hyp-min it starts in SVC mode with r0 =
 * HYP_BOOT_MAGIC and r1 = the stage-2 leaf size. Alone on a CPU that starts
 * in Hyp mode (QEMU with virtualization=on, most boards) it first leaves Hyp
 * mode, by ERET, with stage 2 off and nothing trapped: the native baseline.
 * Nothing about the state it finds is trusted (docs/design.md, "Boot"):
 * interrupts masked, HSCTLR/SCTLR forced (MMU, caches, alignment checks
 * off, little-endian), I-cache invalidated, the lines of what it writes with
 * the MMU off invalidated first. What it assumes (Hyp or SVC mode, MMU off,
 * linked address) is checked in guest_main, and a violation is an error record.
 */
#include <vb/entry.h>
#include <vb/sysreg.h>
#include <arch/boot.S.inc>

#define SPSR_SVC_MASKED (PSR_MODE_SVC | PSR_AIF)

	.arch_extension virt
	.arm
	.section .text.boot, "ax"
	.global	_start
_start:
	cpsid	aif
	mrs	r4, cpsr			/* r4: the mode it started in, */
	and	r4, r4, #PSR_MODE_MASK
	mov	r5, #0				/* r5: that mode's SCTLR as found */
	cmp	r4, #PSR_MODE_HYP
	bne	pl1_start
	mrc	A32_sctlr_el2(r5)
	ldr	r2, =SCTLR_A32_ENTRY_CLEAR	/* MMU, caches, alignment checks off, little-endian */
	bic	r2, r5, r2
	mcr	A32_sctlr_el2(r2)
	isb
	icache_inval_all r2
	mov	r2, #0				/* no stage 2, no traps */
	mcr	A32_hcr_el2(r2)
	mcr	A32_hstr_el2(r2)
	mrc	A32_midr_el1(r2)		/* PL1's MIDR/MPIDR reads return these: UNKNOWN at reset */
	mcr	A32_vpidr_el2(r2)
	mrc	A32_mpidr_el1(r2)
	mcr	A32_vmpidr_el2(r2)
	mrc	A32_pmcr_el0(r2)		/* every PMU counter to PL1, every HDCR field 0 */
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
	mrc	A32_sctlr_el1(r2)		/* PL1 starts with its MMU and caches off too */
	ldr	r3, =SCTLR_A32_ENTRY_CLEAR
	bic	r2, r2, r3
	mcr	A32_sctlr_el1(r2)
	mov	r2, #SPSR_SVC_MASKED
	msr	spsr_cxsf, r2
	adr	r2, pl1_start
	msr	ELR_hyp, r2
	mov	r0, #0				/* native: no boot magic */
	eret

/*
 * arch_restart(mode): the next configuration of a suite in one boot, natively
 * (next.c; under hyp-min, hyp-min enters _start again): from here as if just
 * started in `mode`, with the MMU off (mmu_teardown), boot magic 0.
 */
	.global	arch_restart
arch_restart:
	cpsid	aif
	mov	r4, r0
	mov	r5, #0
	mov	r0, #0
	mov	r1, #0

pl1_start:
	mrs	r2, cpsr
	and	r2, r2, #PSR_MODE_MASK
	cmp	r2, #PSR_MODE_SVC
	bne	1f				/* another mode: reported by guest_main */
	cmp	r4, #PSR_MODE_HYP
	beq	1f				/* came through Hyp mode above: SCTLR is set */
	mrc	A32_sctlr_el1(r5)
	ldr	r2, =SCTLR_A32_ENTRY_CLEAR
	bic	r2, r5, r2
	mcr	A32_sctlr_el1(r2)
	isb
	icache_inval_all r2
1:	mov	r6, r0
	mov	r7, r1
	check_load_address ENTRY_REC_WRONG_ADDRESS_G, guest_stack_top
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
	ldr	r2, =__bss_start		/* BSS (page-table pool included), then the stacks */
	ldr	r3, =__image_end
	dcache_inval_range r2, r3, r8, r9
	ldr	r2, =__bss_start
	ldr	r3, =__bss_end
	zero_range r2, r3, r8
	mov	r0, r6
	mov	r1, r7
	mov	r2, r4
	mov	r3, r5
	b	guest_main			/* (boot magic, stage-2 leaf size, mode, sctlr) */
