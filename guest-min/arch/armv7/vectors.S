/*
 * guest-min's PL1 vectors (AArch32). An IRQ reads the cycle counter and the
 * virtual counter as soon as it has saved registers to read them into, then
 * calls guest_irq(cycles, ticks) in C on the IRQ-mode stack; exception entry
 * is context-synchronizing, so the reads need no ISB. Every other exception
 * is a fault to report.
 */
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
irq:	push	{r0-r3, r12, lr}		/* AAPCS caller-saved, and the return address */
	mrc	A32_pmccntr_el0(r0)
	mrrc	A32_cntvct_el0(r2, r3)		/* the 64-bit argument: r2, r3 */
	bl	guest_irq
	pop	{r0-r3, r12, lr}
	subs	pc, lr, #4
fiq:	mrc	A32_ifsr(r1)
	mrc	A32_ifar(r2)
	report	2, 4
