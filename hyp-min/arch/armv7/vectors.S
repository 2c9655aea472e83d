/*
 * hyp-min's Hyp-mode vectors (AArch32).
 *
 * The measured path is the Hyp trap vector (HVBAR + 0x14): a null hypercall
 * (HVC with r0 = HVC_NULL) saves two registers, checks the syndrome and the
 * function number, restores them and returns: 9 instructions with the
 * vector's branch and the ERET. The restore comes before the branch (LDM
 * leaves the flags alone), so everything else reaches the slow path with the
 * guest's registers intact, saves the whole frame and calls C.
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

	.section .text.vectors, "ax"
	.balign	32
	.global	hyp_vectors
hyp_vectors:
	b	unexpected_0		/* reset */
	b	unexpected_1		/* undefined instruction in Hyp mode */
	b	unexpected_2		/* HVC in Hyp mode */
	b	unexpected_3		/* prefetch abort in Hyp mode */
	b	unexpected_4		/* data abort in Hyp mode */
	b	guest_trap		/* Hyp trap: everything from the guest */
	b	unexpected_6		/* IRQ */
	b	unexpected_7		/* FIQ */

guest_trap:
	push	{r0, r1}
	mrc	A32_esr_el2(r1)
	lsr	r1, r1, #ESR_EC_SHIFT
	cmp	r1, #EC_HVC32
	cmpeq	r0, #HVC_NULL
	pop	{r0, r1}
	bne	guest_trap_slow
	eret

guest_trap_slow:
	save_frame
	mov	r0, sp
	bl	hyp_trap
	restore_frame
	eret

	unexpected 0
	unexpected 1
	unexpected 2
	unexpected 3
	unexpected 4
	unexpected 6
	unexpected 7
