/*
 * guest-min entry (AArch64). Under hyp-min it starts at EL1 with x0 =
 * HYP_BOOT_MAGIC and x1 = the stage-2 leaf size. Alone on a CPU that starts
 * at EL2 (QEMU with virtualization=on, most boards) it first leaves EL2
 * with stage 2 off and nothing trapped: the native baseline.
 */
#include <vb/sysreg.h>

#define SCTLR_EL1_RES1   0x30d00800
#define SPSR_EL1H_MASKED 0x3c5

	.section .text.boot, "ax"
	.global	_start
_start:
	mrs	x2, CurrentEL
	cmp	x2, #(2 << 2)
	b.ne	el1_start
	mov	x2, #HCR_RW			/* EL1 is AArch64; no stage 2, no traps */
	msr	hcr_el2, x2
	mrs	x2, pmcr_el0			/* every PMU counter to EL1 */
	ubfx	x2, x2, #PMCR_N_SHIFT, #5
	msr	mdcr_el2, x2
	mov	x2, #(CNTHCTL_EL1PCTEN | CNTHCTL_EL1PCEN)
	msr	cnthctl_el2, x2
	msr	cntvoff_el2, xzr
	mov	x2, #CPTR_EL2_NO_TRAPS
	msr	cptr_el2, x2
	msr	hstr_el2, xzr
	msr	vttbr_el2, xzr
#if TARGET_GIC_VERSION == 3
	mov	x2, #(ICC_SRE_SRE | ICC_SRE_ENABLE)	/* EL1 may use the ICC_* registers */
	msr	icc_sre_el2, x2
#endif
	ldr	x2, =SCTLR_EL1_RES1
	msr	sctlr_el1, x2
	mov	x2, #SPSR_EL1H_MASKED
	msr	spsr_el2, x2
	adr	x2, el1_start
	msr	elr_el2, x2
	mov	x0, xzr				/* native: no boot magic */
	eret

el1_start:
	ldr	x2, =guest_stack_top
	mov	sp, x2
	ldr	x2, =guest_vectors
	msr	vbar_el1, x2
	isb
	ldr	x2, =__bss_start
	ldr	x3, =__bss_end
1:	cmp	x2, x3
	b.hs	2f
	str	xzr, [x2], #8
	b	1b
2:	b	guest_main			/* (boot magic, stage-2 leaf size) */
