/*
 * guest-min's EL1 vectors (AArch64). An IRQ (at EL1 with SP_EL1, where
 * guest-min runs) reads the cycle counter and the virtual counter as soon as
 * it has a register to read them into, then calls guest_irq(cycles, ticks)
 * in C; exception entry is context-synchronizing, so the reads need no ISB.
 * Every other exception is a fault to report.
 */

.macro report_slot idx
	.balign	0x80
	mov	x0, #(\idx & 3)			/* sync, irq, fiq, serror */
	mrs	x1, esr_el1
	mrs	x2, far_el1
	mrs	x3, elr_el1
	b	guest_exception
.endm

	.section .text.vectors, "ax"
	.balign	0x800
	.global	guest_vectors
guest_vectors:
	.irp	i, 0, 1, 2, 3, 4
	report_slot \i
	.endr
	.balign	0x80			/* current EL with SP_EL1: IRQ */
	stp	x0, x1, [sp, #-16]!
	mrs	x0, pmccntr_el0
	mrs	x1, cntvct_el0
	b	irq_entry
	.irp	i, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15
	report_slot \i
	.endr

/* The rest of the caller-saved registers around the C handler (AAPCS64: x0-x18, x30). */
irq_entry:
	stp	x2, x3, [sp, #-16]!
	stp	x4, x5, [sp, #-16]!
	stp	x6, x7, [sp, #-16]!
	stp	x8, x9, [sp, #-16]!
	stp	x10, x11, [sp, #-16]!
	stp	x12, x13, [sp, #-16]!
	stp	x14, x15, [sp, #-16]!
	stp	x16, x17, [sp, #-16]!
	stp	x18, x30, [sp, #-16]!
	bl	guest_irq
	ldp	x18, x30, [sp], #16
	ldp	x16, x17, [sp], #16
	ldp	x14, x15, [sp], #16
	ldp	x12, x13, [sp], #16
	ldp	x10, x11, [sp], #16
	ldp	x8, x9, [sp], #16
	ldp	x6, x7, [sp], #16
	ldp	x4, x5, [sp], #16
	ldp	x2, x3, [sp], #16
	ldp	x0, x1, [sp], #16
	eret
