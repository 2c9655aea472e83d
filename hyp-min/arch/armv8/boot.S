/*
 * hyp-min entry (AArch64): QEMU or the board's firmware starts it at EL2.
 * Nothing about the state it finds is trusted (docs/design.md, "Boot"):
 * interrupts masked, SCTLR_EL2 forced (MMU, caches, alignment checks off),
 * I-cache invalidated, the lines of what it writes with the MMU off
 * invalidated first. What it assumes (EL2, MMU off, linked address) is
 * checked, and a violation is an error record.
 */
#include <vb/entry.h>
#include <vb/sysreg.h>
#include <arch/boot.S.inc>

	.section .text.boot, "ax"
	.global	_start
_start:
	msr	daifset, #0xf			/* nothing asynchronous until the vectors are ours */
	mrs	x19, CurrentEL
	lsr	x19, x19, #2
	mov	x20, xzr
	cmp	x19, #2
	b.ne	1f				/* no EL2 register may be touched: reported below */
	mrs	x20, sctlr_el2			/* as found, checked once C runs */
	ldr	x0, =SCTLR_EL2_RES1
	msr	sctlr_el2, x0
	isb
	ic	iallu				/* nothing fetched before may be stale */
	dsb	nsh
	isb
1:	check_load_address ENTRY_REC_WRONG_ADDRESS_H, hyp_stack_top
	ldr	x0, =__bss_start		/* BSS (page-table pools included), then the stack */
	ldr	x1, =__image_end
	dcache_inval_range x0, x1, x2, x3
	ldr	x0, =__bss_start
	ldr	x1, =__bss_end
	zero_range x0, x1
	ldr	x0, =hyp_stack_top
	mov	sp, x0
	mov	x0, x19
	mov	x1, x20
	bl	hyp_entry_check			/* C: reports a violated assumption, ends the run */
	ldr	x0, =hyp_vectors_lean		/* until hyp_main picks the policy's table */
	msr	vbar_el2, x0
	isb
	b	hyp_main

/*
 * arch_restart(): the next configuration of a suite in one boot (next.c):
 * EL2's MMU and caches off (next.c cleaned what they held), its TLB and
 * the I-cache invalidated, then _start, as at power-on.
 */
	.text
	.global	arch_restart
arch_restart:
	msr	daifset, #0xf
	ldr	x0, =SCTLR_EL2_RES1
	msr	sctlr_el2, x0
	isb
	tlbi	alle2
	ic	iallu
	dsb	nsh
	isb
	b	_start

/* arch_eret_to_guest(a0, a1): ELR_EL2 and SPSR_EL2 are set; no hyp-min value reaches the guest. */
	.text
	.global	arch_eret_to_guest
arch_eret_to_guest:
	.irp	r, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15, 16, 17, 18, 19, 20, 21, 22, 23, 24, 25, 26, 27, 28, 29, 30
	mov	x\r, xzr
	.endr
	eret
