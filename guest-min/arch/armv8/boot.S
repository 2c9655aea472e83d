/*
 * guest-min entry (AArch64). Under hyp-min it starts at EL1 with x0 =
 * HYP_BOOT_MAGIC and x1 = the stage-2 leaf size. Alone on a CPU that starts
 * at EL2 (QEMU with virtualization=on, most boards) it first leaves EL2
 * with stage 2 off and nothing trapped: the native baseline.
 * Nothing about the state it finds is trusted (docs/design.md, "Boot"):
 * interrupts masked, SCTLR of the level it starts at forced (MMU, caches,
 * alignment checks off), I-cache invalidated, the lines of what it writes
 * with the MMU off invalidated first. What it assumes (EL1 or EL2, MMU off,
 * linked address) is checked in guest_main, and a violation is an error record.
 */
#include <vb/entry.h>
#include <vb/sysreg.h>
#include <arch/boot.S.inc>

#define SPSR_EL1H_MASKED 0x3c5

	.section .text.boot, "ax"
	.global	_start
_start:
	msr	daifset, #0xf
	mrs	x19, CurrentEL			/* x19: the level it started at, */
	lsr	x19, x19, #2
	mov	x20, xzr			/* x20: that level's SCTLR as found */
	cmp	x19, #2
	b.ne	el1_start
	mrs	x20, sctlr_el2
	ldr	x2, =SCTLR_EL2_RES1		/* MMU, caches, alignment checks off */
	msr	sctlr_el2, x2
	isb
	ic	iallu
	dsb	nsh
	isb
	mov	x2, #HCR_RW			/* EL1 is AArch64; no stage 2, no traps */
	msr	hcr_el2, x2
	mrs	x2, midr_el1			/* EL1's MIDR/MPIDR reads return these: UNKNOWN at reset */
	msr	vpidr_el2, x2
	mrs	x2, mpidr_el1
	msr	vmpidr_el2, x2
	mrs	x2, pmcr_el0			/* every PMU counter to EL1, every MDCR_EL2 field 0 */
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

/*
 * arch_restart(level): the next configuration of a suite in one boot, natively
 * (next.c; under hyp-min, hyp-min enters _start again): from here as if just
 * started at `level`, with the MMU off (mmu_teardown), boot magic 0.
 */
	.global	arch_restart
arch_restart:
	msr	daifset, #0xf
	mov	x19, x0
	mov	x20, xzr
	mov	x0, xzr
	mov	x1, xzr

el1_start:
	mrs	x2, CurrentEL
	cmp	x2, #(1 << 2)
	b.ne	1f				/* EL0 or EL3: reported by guest_main */
	cmp	x19, #2
	b.eq	1f				/* came through EL2 above: SCTLR_EL1 is set */
	mrs	x20, sctlr_el1
	ldr	x2, =SCTLR_EL1_RES1
	msr	sctlr_el1, x2
	isb
	ic	iallu
	dsb	nsh
	isb
1:	mov	x21, x0
	mov	x22, x1
	check_load_address ENTRY_REC_WRONG_ADDRESS_G, guest_stack_top
	ldr	x2, =__bss_start		/* BSS (page-table pool included), then the stack */
	ldr	x3, =__image_end
	dcache_inval_range x2, x3, x4, x5
	ldr	x2, =__bss_start
	ldr	x3, =__bss_end
	zero_range x2, x3
	ldr	x2, =guest_stack_top
	mov	sp, x2
	ldr	x2, =guest_vectors
	msr	vbar_el1, x2
	isb
	mov	x0, x21
	mov	x1, x22
	mov	x2, x19
	mov	x3, x20
	b	guest_main			/* (boot magic, stage-2 leaf size, level, sctlr) */
