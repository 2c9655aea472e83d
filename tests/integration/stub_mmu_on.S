/*
 * A loader stand-in for test_entry (AArch64): QEMU starts it at EL2; it
 * turns the EL2 MMU and caches on with an identity map, as a loader that
 * forgets to turn them off would, and jumps to the image embedded at LOAD.
 * Built by the test: aarch64-linux-gnu-gcc -nostdlib -DIMAGE='"x.bin"' -DLOAD=0x...
 */
#define BLOCK	   0x401		/* level-1 block, AF */
#define NORMAL	   (BLOCK | (3 << 8) | (1 << 2)) /* inner shareable, MAIR attr 1 */
#define MAIR	   0xff00		/* attr 0 Device-nGnRnE, attr 1 Normal write-back */
#define TCR	   ((1 << 31) | (1 << 23) | 32 | (1 << 8) | (1 << 10) | (3 << 12) | (2 << 16))
#define SCTLR_ON   (0x30c50830 | 1 | (1 << 2) | (1 << 12))	/* RES1, M, C, I */

	.text
	.global	_start
_start:
	adr	x0, table
	mov	x1, #BLOCK			/* 0 - 1 GiB: devices */
	str	x1, [x0]
	ldr	x1, =(0x40000000 | NORMAL)	/* RAM */
	str	x1, [x0, #8]
	ldr	x1, =(0x80000000 | NORMAL)
	str	x1, [x0, #16]
	ldr	x1, =MAIR
	msr	mair_el2, x1
	ldr	x1, =TCR
	msr	tcr_el2, x1
	msr	ttbr0_el2, x0
	isb
	tlbi	alle2
	dsb	nsh
	isb
	ldr	x1, =SCTLR_ON
	msr	sctlr_el2, x1
	isb
	ldr	x0, =LOAD
	br	x0
	.ltorg
	.balign	4096
table:	.space	4096

	.section .image, "ax"
	.incbin	IMAGE
