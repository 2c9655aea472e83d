/*
 * The arm64 Linux boot protocol's checks on what vbench-vmm --linux loaded
 * (Linux's Documentation/arch/arm64/booting.rst), before the vCPU runs.
 * Plain C with no KVM in it, so tests/unit/vmm/ runs it on the host.
 */
#ifndef VMM_BOOT_H
#define VMM_BOOT_H

#include <stddef.h>
#include <stdint.h>

struct vmm_blob {
	const char *path;
	uint64_t addr;
	uint64_t span; /* bytes it claims from addr: its size, or a kernel's image_size */
};

/*
 * The Image (blob[kernel]) and the DTB (blob[dtb]) as copied into ram (the
 * guest's RAM at ram_base): the Image's header (magic "ARM\x64" at 56) gives
 * text_offset and image_size (its whole footprint, bss included); it must
 * sit text_offset bytes above a 2 MiB aligned base, image_size inside RAM.
 * The DTB: magic 0xd00dfeed, 8-byte aligned, at most 2 MiB. No two blobs may
 * overlap. Sets the kernel's span to image_size; 0, or -1 with why.
 */
int vmm_linux_check(uint64_t ram_base, uint64_t ram_size, const uint8_t *ram, struct vmm_blob *b,
		    unsigned n, unsigned kernel, unsigned dtb, char *why, size_t whylen);

#endif
