/*
 * hyp-min entry (AArch32): QEMU or the board's firmware starts it in Hyp
 * mode. Nothing about the state it finds is trusted (docs/design.md,
 * "Boot"): interrupts masked, HSCTLR forced (MMU, caches, alignment checks
 * off, little-endian), I-cache invalidated, the lines of what it writes with
 * the MMU off invalidated first. What it assumes (Hyp mode, MMU off, linked
 * address) is checked, and a violation is an error record.
 */
#include <vb/entry.h>
#include <vb/sysreg.h>
#include <arch/boot.S.inc>

	.arch_extension virt
	.arm
	.section .text.boot, "ax"
	.global	_start
_start:
	cpsid	aif				/* nothing asynchronous until the vectors are ours */
	mrs	r4, cpsr
	and	r4, r4, #PSR_MODE_MASK
	mov	r5, #0
	cmp	r4, #PSR_MODE_HYP
	bne	1f				/* no Hyp register may be touched: reported below */
	mrc	A32_sctlr_el2(r5)		/* as found, checked once C runs */
	ldr	r0, =SCTLR_A32_ENTRY_CLEAR
	bic	r0, r5, r0
	mcr	A32_sctlr_el2(r0)
	isb
	icache_inval_all r0			/* nothing fetched before may be stale */
1:	check_load_address ENTRY_REC_WRONG_ADDRESS_H, hyp_stack_top
	ldr	r0, =__bss_start		/* BSS (page-table pools included), then the stack */
	ldr	r1, =__image_end
	dcache_inval_range r0, r1, r2, r3
	ldr	r0, =__bss_start
	ldr	r1, =__bss_end
	zero_range r0, r1, r2
	ldr	sp, =hyp_stack_top
	mov	r0, r4				/* (mode, sctlr) */
	mov	r1, r5
	bl	hyp_entry_check			/* C: reports a violated assumption, ends the run */
	ldr	r0, =hyp_vectors_lean		/* until hyp_main picks the policy's table */
	mcr	A32_vbar_el2(r0)
	isb
	b	hyp_main

/*
 * arch_restart(): the next configuration of a suite in one boot (next.c):
 * Hyp mode's MMU and caches off (next.c cleaned what they held), its TLB
 * and the I-cache invalidated, then _start, as at power-on.
 */
	.text
	.global	arch_restart
arch_restart:
	cpsid	aif
	mrc	A32_sctlr_el2(r0)
	ldr	r1, =SCTLR_A32_ENTRY_CLEAR
	bic	r0, r0, r1
	mcr	A32_sctlr_el2(r0)
	isb
	mov	r0, #0
	mcr	p15, 4, r0, c8, c7, 0		/* TLBIALLH */
	icache_inval_all r0
	dsb	nsh
	isb
	b	_start

/* arch_eret_to_guest(a0, a1): ELR_hyp and SPSR_hyp are set; no hyp-min value reaches the guest. */
	.text
	.global	arch_eret_to_guest
arch_eret_to_guest:
	.irp	r, r2, r3, r4, r5, r6, r7, r8, r9, r10, r11, r12, lr
	mov	\r, #0
	.endr
	eret
