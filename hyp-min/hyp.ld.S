/* hyp-min: HYP_RESERVED bytes from load_addr (vb/layout.h), then guest-min at GUEST_BASE. */
#include <vb/layout.h>

ENTRY(_start)

SECTIONS
{
	. = TARGET_LOAD_ADDR;
	__image_start = .;
	.text : { *(.text.boot) *(.text.vectors) *(.text*) }
	.rodata : { *(.rodata*) }
	.data : { *(.data*) }
	.bss (NOLOAD) : ALIGN(16) {
		__bss_start = .;
		*(.bss*) *(COMMON)
		. = ALIGN(16);
		__bss_end = .;
		. += 0x4000;
		hyp_stack_top = .;
	}
	__image_end = .;
	ASSERT(__image_end <= GUEST_BASE, "hyp-min does not fit in HYP_RESERVED")

	.guest_image GUEST_BASE : {
		__guest_image_start = .;
		KEEP(*(.guest_image))
		__guest_image_end = .;
	}

	/DISCARD/ : { *(.comment) *(.note*) *(.ARM.exidx*) *(.ARM.attributes) *(.eh_frame*) }
}
