/*
 * hyp-min's Hyp-mode vectors (AArch32).
 *
 * The measured path is the Hyp trap vector (HVBAR + 0x14): a null hypercall
 * (HVC with r0 = HVC_NULL) saves two registers, checks the syndrome and the
 * function number, restores them and returns: 9 instructions with the
 * vector's branch and the ERET. The restore comes before the branch (LDM
 * leaves the flags alone), so everything else reaches the slow path with the
 * guest's registers intact, saves the whole frame and calls C. With the
 * "full" policy (hyp_vectors_full) every exit saves the frame and switches
 * the whole PL1 context in C (hyp-min/world_switch.c).
 */
#include <frame.h>
#include <vb/hypercall.h>
#include <vb/sysreg.h>

	.arch_extension virt
	.arm

.macro save_frame
	sub	sp, sp, #FRAME_SIZE
	stmia	sp, {r0-r12, lr}		/* lr is LR_usr: Hyp mode shares it */
	mrs	r0, ELR_hyp
	str	r0, [sp, #FRAME_ELR]
	mrs	r0, spsr
	str	r0, [sp, #FRAME_SPSR]
.endm

.macro restore_frame
	ldr	r0, [sp, #FRAME_SPSR]
	msr	spsr_cxsf, r0
	ldr	r0, [sp, #FRAME_ELR]
	msr	ELR_hyp, r0
	ldmia	sp, {r0-r12, lr}
	add	sp, sp, #FRAME_SIZE
.endm

/* A vector hyp-min does not expect: report it with the frame, end the run. */
.macro unexpected idx
unexpected_\idx:
	save_frame
	mov	r0, sp
	mov	r1, #\idx
	b	hyp_unexpected
.endm

/* Save the frame, call a C handler with it, restore, return to the guest. */
.macro call_with_frame handler
	save_frame
	mov	r0, sp
	bl	\handler
	restore_frame
	eret
.endm

	.section .text.vectors, "ax"

/* Policy "lean": the null hypercall returns on the short path below. */
	.balign	32
	.global	hyp_vectors_lean
hyp_vectors_lean:
	b	unexpected_0		/* reset */
	b	unexpected_1		/* undefined instruction in Hyp mode */
	b	unexpected_2		/* HVC in Hyp mode */
	b	unexpected_3		/* prefetch abort in Hyp mode */
	b	unexpected_4		/* data abort in Hyp mode */
	b	lean_trap		/* Hyp trap: everything from the guest */
	b	lean_irq		/* IRQ */
	b	unexpected_7		/* FIQ */

/* Policy "full": every exit switches the whole PL1 context out and back. */
	.balign	32
	.global	hyp_vectors_full
hyp_vectors_full:
	b	unexpected_0
	b	unexpected_1
	b	unexpected_2
	b	unexpected_3
	b	unexpected_4
	b	full_trap
	b	full_irq
	b	unexpected_7

lean_trap:
	push	{r0, r1}
	mrc	A32_esr_el2(r1)
	lsr	r1, r1, #ESR_EC_SHIFT
	cmp	r1, #EC_HVC32
	cmpeq	r0, #HVC_NULL
	pop	{r0, r1}
	bne	lean_trap_slow
	eret

lean_trap_slow:	call_with_frame hyp_trap
lean_irq:	call_with_frame hyp_irq
full_trap:	call_with_frame hyp_trap_full
full_irq:	call_with_frame hyp_irq_full

	unexpected 0
	unexpected 1
	unexpected 2
	unexpected 3
	unexpected 4
	unexpected 7
