/*
 * vbench-vmm --linux's boot-protocol checks (vbench-vmm/boot.c), built for the
 * host, over a small RAM holding a made-up Image header and DTB: placement,
 * magics, image_size (bss included) against RAM and against the other files.
 */
#include <stdlib.h>
#include <string.h>

#include "helpers.h"
#include "../vbench-vmm/boot.h"

#define BASE 0x40000000ull
#define SIZE 0x800000ull /* 8 MiB */

struct fixture {
	uint8_t *ram;
	struct vmm_blob b[3]; /* kernel, dtb, initrd */
	char why[256];
};

static void put64(uint8_t *p, uint64_t v)
{
	for (int i = 0; i < 8; i++)
		p[i] = (uint8_t)(v >> (8 * i));
}

/* An Image header at addr: text_offset, image_size, the magic unless bad. */
static void image(struct fixture *f, uint64_t addr, uint64_t text_offset, uint64_t image_size)
{
	uint8_t *h = f->ram + (addr - BASE);

	memset(h, 0, 64);
	put64(h + 8, text_offset);
	put64(h + 16, image_size);
	memcpy(h + 56, "ARM\x64", 4);
	f->b[0] = (struct vmm_blob){ "Image", addr, 0x10000 };
}

static void dtb(struct fixture *f, uint64_t addr, uint64_t len)
{
	memcpy(f->ram + (addr - BASE), "\xd0\x0d\xfe\xed", 4);
	f->b[1] = (struct vmm_blob){ "guest.dtb", addr, len };
}

static int check(struct fixture *f)
{
	return vmm_linux_check(BASE, SIZE, f->ram, f->b, 3, 0, 1, f->why, sizeof(f->why));
}

static int setup(void **state)
{
	struct fixture *f = calloc(1, sizeof(*f));

	f->ram = calloc(1, SIZE);
	image(f, BASE + 0x200000, 0, 0x100000);
	dtb(f, BASE + 0x600000, 0x1000);
	f->b[2] = (struct vmm_blob){ "initrd", BASE + 0x700000, 0x1000 };
	*state = f;
	return f->ram ? 0 : -1;
}

static int teardown(void **state)
{
	struct fixture *f = *state;

	free(f->ram);
	free(f);
	return 0;
}

static void test_boot_ok(void **state)
{
	struct fixture *f = *state;

	assert_int_equal(check(f), 0);
	assert_int_equal(f->b[0].span, 0x100000); /* image_size claimed, not the file's size */
	/* an older kernel's text_offset 0x80000 above the 2 MiB base */
	image(f, BASE + 0x280000, 0x80000, 0x100000);
	assert_int_equal(check(f), 0);
}

static void test_boot_image_refused(void **state)
{
	struct fixture *f = *state;

	f->ram[0x200000 + 56] = 'X';
	assert_int_equal(check(f), -1);
	assert_non_null(strstr(f->why, "not an arm64 Image"));
	image(f, BASE + 0x201000, 0, 0x100000); /* not 2 MiB aligned */
	assert_int_equal(check(f), -1);
	assert_non_null(strstr(f->why, "2 MiB aligned base"));
	image(f, BASE + 0x200000, 0, SIZE); /* bss past the end of RAM */
	assert_int_equal(check(f), -1);
	assert_non_null(strstr(f->why, "does not fit in RAM"));
	image(f, BASE + 0x200000, 0, ~0ull >> 1);
	assert_int_equal(check(f), -1);
	assert_non_null(strstr(f->why, "does not fit in RAM"));
}

static void test_boot_dtb_refused(void **state)
{
	struct fixture *f = *state;

	dtb(f, BASE + 0x600004, 0x1000); /* not 8-byte aligned */
	assert_int_equal(check(f), -1);
	assert_non_null(strstr(f->why, "--dtb guest.dtb"));
	dtb(f, BASE + 0x600000, 0x200001); /* over 2 MiB */
	assert_int_equal(check(f), -1);
	dtb(f, BASE + 0x600000, 0x1000);
	f->ram[0x600000] = 0;
	assert_int_equal(check(f), -1);
}

/* The initrd inside the kernel's bss: its file is small, its image_size is not. */
static void test_boot_overlap(void **state)
{
	struct fixture *f = *state;

	f->b[2].addr = BASE + 0x2f0000;
	assert_int_equal(check(f), -1);
	assert_string_equal(f->why, "Image and initrd overlap in RAM");
	f->b[2].addr = BASE + 0x300000; /* just past it */
	assert_int_equal(check(f), 0);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test_setup_teardown(test_boot_ok, setup, teardown),
		cmocka_unit_test_setup_teardown(test_boot_image_refused, setup, teardown),
		cmocka_unit_test_setup_teardown(test_boot_dtb_refused, setup, teardown),
		cmocka_unit_test_setup_teardown(test_boot_overlap, setup, teardown),
	};

	return cmocka_run_group_tests_name("vmm_boot", tests, NULL, NULL);
}
