/* guest-min's PL1 vectors (AArch32): every exception is a fault to report. */
#include <vb/sysreg.h>

	.arm

/* guest_exception(vector, fault status in r1, fault address in r2, pc); names: exception.c */
.macro report idx, lr_adjust
	mov	r0, #\idx
	sub	r3, lr, #\lr_adjust
	b	guest_exception
.endm

	.section .text.vectors, "ax"
	.balign	32
	.global	guest_vectors
guest_vectors:
	b	.			/* reset: not taken through VBAR */
	b	undef
	b	svc
	b	pabt
	b	dabt
	b	.			/* not used */
	b	irq
	b	fiq

undef:	mrc	A32_ifsr(r1)
	mrc	A32_ifar(r2)
	report	4, 4
svc:	mrc	A32_ifsr(r1)
	mrc	A32_ifar(r2)
	report	0, 4
pabt:	mrc	A32_ifsr(r1)
	mrc	A32_ifar(r2)
	report	5, 4
dabt:	mrc	A32_dfsr(r1)
	mrc	A32_dfar(r2)
	report	6, 8
irq:	mrc	A32_ifsr(r1)
	mrc	A32_ifar(r2)
	report	1, 4
fiq:	mrc	A32_ifsr(r1)
	mrc	A32_ifar(r2)
	report	2, 4
