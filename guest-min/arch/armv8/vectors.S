/* guest-min's EL1 vectors (AArch64): every exception is a fault to report. */

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
	.irp	i, 0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15
	report_slot \i
	.endr
