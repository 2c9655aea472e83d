/*
 * hyp-min's EL2 vectors (AArch64).
 *
 * The measured path is the lower-EL synchronous slot: a null hypercall
 * (HVC with x0 = HVC_NULL) saves two registers, checks the syndrome and the
 * function number, restores them and returns: 8 instructions with the ERET.
 * The restore comes before the branch (loads leave the flags alone), so
 * everything else reaches the slow path with the guest's registers intact,
 * saves the whole frame and calls C. With the "full" policy
 * (hyp_vectors_full) every exit saves the frame and switches the whole EL1
 * context in C (hyp-min/world_switch.c).
 */
#include <frame.h>
#include <vb/hypercall.h>
#include <vb/sysreg.h>

.macro save_frame
	sub	sp, sp, #FRAME_SIZE
	stp	x0, x1, [sp, #16 * 0]
	stp	x2, x3, [sp, #16 * 1]
	stp	x4, x5, [sp, #16 * 2]
	stp	x6, x7, [sp, #16 * 3]
	stp	x8, x9, [sp, #16 * 4]
	stp	x10, x11, [sp, #16 * 5]
	stp	x12, x13, [sp, #16 * 6]
	stp	x14, x15, [sp, #16 * 7]
	stp	x16, x17, [sp, #16 * 8]
	stp	x18, x19, [sp, #16 * 9]
	stp	x20, x21, [sp, #16 * 10]
	stp	x22, x23, [sp, #16 * 11]
	stp	x24, x25, [sp, #16 * 12]
	stp	x26, x27, [sp, #16 * 13]
	stp	x28, x29, [sp, #16 * 14]
	mrs	x0, elr_el2
	stp	x30, x0, [sp, #16 * 15]		/* x30, then elr at FRAME_ELR */
	mrs	x0, spsr_el2
	str	x0, [sp, #FRAME_SPSR]
.endm

.macro restore_frame
	ldr	x0, [sp, #FRAME_SPSR]
	msr	spsr_el2, x0
	ldp	x30, x0, [sp, #16 * 15]
	msr	elr_el2, x0
	ldp	x28, x29, [sp, #16 * 14]
	ldp	x26, x27, [sp, #16 * 13]
	ldp	x24, x25, [sp, #16 * 12]
	ldp	x22, x23, [sp, #16 * 11]
	ldp	x20, x21, [sp, #16 * 10]
	ldp	x18, x19, [sp, #16 * 9]
	ldp	x16, x17, [sp, #16 * 8]
	ldp	x14, x15, [sp, #16 * 7]
	ldp	x12, x13, [sp, #16 * 6]
	ldp	x10, x11, [sp, #16 * 5]
	ldp	x8, x9, [sp, #16 * 4]
	ldp	x6, x7, [sp, #16 * 3]
	ldp	x4, x5, [sp, #16 * 2]
	ldp	x2, x3, [sp, #16 * 1]
	ldp	x0, x1, [sp, #16 * 0]
	add	sp, sp, #FRAME_SIZE
.endm

/* A vector hyp-min does not expect: report it with the frame, end the run. */
.macro unexpected_slot idx
	.balign	0x80
	save_frame
	mov	x0, sp
	mov	x1, #\idx
	b	hyp_unexpected
.endm

/* Save the frame, call a C handler with it, restore, return to the guest. */
.macro call_with_frame handler
	save_frame
	mov	x0, sp
	bl	\handler
	restore_frame
	eret
.endm

/* The 8 slots that are the same in both tables: exceptions at EL2 itself. */
.macro current_el_slots
	unexpected_slot 0	/* current EL with SP_EL0: sync, irq, fiq, serror */
	unexpected_slot 1
	unexpected_slot 2
	unexpected_slot 3
	unexpected_slot 4	/* current EL with SP_EL2 */
	unexpected_slot 5
	unexpected_slot 6
	unexpected_slot 7
.endm

/* Lower EL, after the synchronous slot: irq, then fiq, serror and AArch32. */
.macro lower_el_tail irq_handler
	.balign	0x80
	b	\irq_handler
	unexpected_slot 10
	unexpected_slot 11
	unexpected_slot 12
	unexpected_slot 13
	unexpected_slot 14
	unexpected_slot 15
.endm

	.section .text.vectors, "ax"

/* Policy "lean": the null hypercall returns from the vector slot itself. */
	.balign	0x800
	.global	hyp_vectors_lean
hyp_vectors_lean:
	current_el_slots
	.balign	0x80		/* lower EL, AArch64: synchronous */
	stp	x0, x1, [sp, #-16]!
	mrs	x1, esr_el2
	ubfx	x1, x1, #ESR_EC_SHIFT, #6
	cmp	x1, #EC_HVC64
	ccmp	x0, #HVC_NULL, #0, eq	/* not an HVC: flags say "ne" */
	ldp	x0, x1, [sp], #16
	b.ne	lean_sync_slow
	eret
	lower_el_tail lean_irq

/* Policy "full": every exit switches the whole EL1 context out and back. */
	.balign	0x800
	.global	hyp_vectors_full
hyp_vectors_full:
	current_el_slots
	.balign	0x80		/* lower EL, AArch64: synchronous */
	b	full_sync
	lower_el_tail full_irq

lean_sync_slow:	call_with_frame hyp_trap
lean_irq:	call_with_frame hyp_irq
full_sync:	call_with_frame hyp_trap_full
full_irq:	call_with_frame hyp_irq_full
