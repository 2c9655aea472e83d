/*
 * A guest of a few instructions that checks vbench-vmm under KVM (make test,
 * tests/integration/test_kvm.c): console output, the vdev's registers, 100
 * null HVCs answered in the kernel, timed with the PMU's cycle counter and the
 * virtual counter (KVM's PMCCNTR excludes the host: docs/kvm.md), then PSCI SYSTEM_OFF. Entered at EL1, MMU off,
 * at the UART and vdev addresses of the qemu-a72 target.
 */
	.equ UART, 0x09000000
	.equ VDEV, 0x0c000000
	.equ NULL_HVC_CALLS, 100

	.text
	.globl _start
_start:
	ldr	x1, =UART
	ldr	x4, =VDEV
	adr	x2, hello
	bl	puts
	ldr	w5, [x4]		/* ID */
	ldr	w6, =0x76646576
	cmp	w5, w6
	b.ne	fail
	ldr	w6, =0x12345678
	str	w6, [x4, #4]		/* DATA */
	ldr	w7, [x4, #4]
	cmp	w6, w7
	b.ne	fail
	mrs	x10, pmcr_el0		/* cycle counter on (KVM's PMU: --pmu) */
	orr	x10, x10, #1
	msr	pmcr_el0, x10
	mov	x10, #(1 << 31)
	msr	pmcntenset_el0, x10
	mov	x9, #NULL_HVC_CALLS
	isb
	mrs	x11, pmccntr_el0
	mrs	x12, cntvct_el0
1:	ldr	x0, =0x82000000		/* SMC32 SiP call 0: KVM says NOT_SUPPORTED */
	hvc	#0
	cmn	x0, #1
	b.ne	fail
	subs	x9, x9, #1
	b.ne	1b
	isb
	mrs	x13, pmccntr_el0
	mrs	x14, cntvct_el0
	ldr	x1, =UART		/* the HVCs returned values in x0-x3 */
	adr	x2, timed
	bl	puts
	sub	x5, x13, x11
	bl	puthex
	adr	x2, cntvct
	bl	puts
	sub	x5, x14, x12
	bl	puthex
	adr	x2, nl
	bl	puts
	adr	x2, ok
	b	off
fail:	adr	x2, bad
off:	ldr	x1, =UART		/* the HVCs returned values in x0-x3 */
	bl	puts
	ldr	x0, =0x84000008		/* PSCI SYSTEM_OFF */
	hvc	#0
	b	.

/* x2: NUL-terminated string to the UART's data register, one store per byte */
puts:	ldrb	w3, [x2], #1
	cbz	w3, 2f
	strb	w3, [x1]
	b	puts
2:	ret

/* x5 as 0x and 16 hex digits (x6-x8 clobbered) */
puthex:	mov	w6, #'0'
	strb	w6, [x1]
	mov	w6, #'x'
	strb	w6, [x1]
	mov	x7, #60
3:	lsr	x6, x5, x7
	and	x6, x6, #0xf
	cmp	x6, #10
	add	x8, x6, #'0'
	add	x6, x6, #('a' - 10)
	csel	x6, x8, x6, lo
	strb	w6, [x1]
	subs	x7, x7, #4
	b.pl	3b
	ret

hello:	.asciz	"vmm-selftest: hello\n"
timed:	.asciz	"vmm-selftest: null_hvc_x100 pmccntr="
cntvct:	.asciz	" cntvct="
nl:	.asciz	"\n"
ok:	.asciz	"vmm-selftest: ok\n"
bad:	.asciz	"vmm-selftest: FAIL\n"
