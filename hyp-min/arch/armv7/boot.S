/* hyp-min entry (AArch32): QEMU or the board's firmware starts it in Hyp mode. */
#include <vb/sysreg.h>

	.arch_extension virt
	.arm
	.section .text.boot, "ax"
	.global	_start
_start:
	ldr	sp, =hyp_stack_top
	ldr	r0, =__bss_start
	ldr	r1, =__bss_end
	mov	r2, #0
1:	cmp	r0, r1
	strlo	r2, [r0], #4
	blo	1b
	mrs	r0, cpsr
	and	r0, r0, #PSR_MODE_MASK
	cmp	r0, #PSR_MODE_HYP
	bne	hyp_wrong_el			/* C: report, end the run */
	ldr	r0, =hyp_vectors_lean		/* until hyp_main picks the policy's table */
	mcr	A32_vbar_el2(r0)
	isb
	b	hyp_main

/* arch_eret_to_guest(a0, a1): ELR_hyp and SPSR_hyp are set; no hyp-min value reaches the guest. */
	.text
	.global	arch_eret_to_guest
arch_eret_to_guest:
	.irp	r, r2, r3, r4, r5, r6, r7, r8, r9, r10, r11, r12, lr
	mov	\r, #0
	.endr
	eret
