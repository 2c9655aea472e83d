/* hyp-min entry (AArch64): QEMU or the board's firmware starts it at EL2. */
#include <vb/sysreg.h>

	.section .text.boot, "ax"
	.global	_start
_start:
	ldr	x0, =hyp_stack_top
	mov	sp, x0
	ldr	x0, =__bss_start
	ldr	x1, =__bss_end
1:	cmp	x0, x1
	b.hs	2f
	str	xzr, [x0], #8
	b	1b
2:	mrs	x0, CurrentEL
	cmp	x0, #(2 << 2)
	b.ne	hyp_wrong_el		/* C: report, end the run */
	ldr	x0, =hyp_vectors_lean		/* until hyp_main picks the policy's table */
	msr	vbar_el2, x0
	isb
	b	hyp_main

/* arch_eret_to_guest(a0, a1): ELR_EL2 and SPSR_EL2 are set; no hyp-min value reaches the guest. */
	.text
	.global	arch_eret_to_guest
arch_eret_to_guest:
	.irp	r, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15, 16, 17, 18, 19, 20, 21, 22, 23, 24, 25, 26, 27, 28, 29, 30
	mov	x\r, xzr
	.endr
	eret
