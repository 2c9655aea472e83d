/* guest-min: at GUEST_BASE in both modes (under hyp-min, IPA = PA). */
#include <vb/layout.h>

ENTRY(_start)

SECTIONS
{
	. = GUEST_BASE;
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
		guest_stack_top = .;
		. += 0x1000;
		guest_exc_stack_top = .;	/* AArch32 abort/undef modes */
		. += 0x1000;
		guest_irq_stack_top = .;	/* AArch32 IRQ mode */
	}
	__image_end = .;
	ASSERT(__image_end <= PARAMS_ADDR, "guest-min overlaps the run parameters")

	/DISCARD/ : { *(.comment) *(.note*) *(.ARM.exidx*) *(.ARM.attributes) *(.eh_frame*) }
}
