/* vbench-vmm --linux: the boot protocol's checks (boot.h). */
#include "boot.h"

#include <stdio.h>
#include <string.h>

#define SZ_2M 0x200000ull

static uint64_t le64(const uint8_t *p)
{
	uint64_t v = 0;

	for (int i = 7; i >= 0; i--)
		v = v << 8 | p[i];
	return v;
}

int vmm_linux_check(uint64_t ram_base, uint64_t ram_size, const uint8_t *ram, struct vmm_blob *b,
		    unsigned n, unsigned kernel, unsigned dtb, char *why, size_t whylen)
{
	struct vmm_blob *k = &b[kernel], *d = &b[dtb];
	const uint8_t *img = ram + (k->addr - ram_base), *fdt = ram + (d->addr - ram_base);
	uint64_t text_offset, image_size;

	if (k->span < 64 || memcmp(img + 56, "ARM\x64", 4)) {
		snprintf(why, whylen, "--linux %s: not an arm64 Image (no ARM\\x64 magic at 56)",
			 k->path);
		return -1;
	}
	text_offset = le64(img + 8), image_size = le64(img + 16);
	if (k->addr < text_offset || (k->addr - text_offset) % SZ_2M) {
		snprintf(why, whylen,
			 "--linux %s: 0x%llx is not a 2 MiB aligned base + text_offset 0x%llx",
			 k->path, (unsigned long long)k->addr, (unsigned long long)text_offset);
		return -1;
	}
	if (image_size > k->span)
		k->span = image_size;
	if (k->span > ram_size || k->addr - ram_base > ram_size - k->span) {
		snprintf(why, whylen, "--linux %s: image_size 0x%llx at 0x%llx does not fit in RAM",
			 k->path, (unsigned long long)k->span, (unsigned long long)k->addr);
		return -1;
	}
	if (d->addr % 8 || d->span > SZ_2M || d->span < 4 || memcmp(fdt, "\xd0\x0d\xfe\xed", 4)) {
		snprintf(why, whylen,
			 "--dtb %s: not a device tree blob of at most 2 MiB at an 8-byte aligned "
			 "address",
			 d->path);
		return -1;
	}
	for (unsigned i = 0; i < n; i++)
		for (unsigned j = i + 1; j < n; j++)
			if (b[i].addr < b[j].addr + b[j].span &&
			    b[j].addr < b[i].addr + b[i].span) {
				snprintf(why, whylen, "%s and %s overlap in RAM", b[i].path,
					 b[j].path);
				return -1;
			}
	return 0;
}
