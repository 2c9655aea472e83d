/* guest-min, embedded: the linker script places it at GUEST_BASE, where it runs. */
	.section .guest_image, "a"
	.incbin	GUEST_BIN
