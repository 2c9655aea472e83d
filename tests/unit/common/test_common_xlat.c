/* common/xlat.c on the host: which configurations each architecture can build. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include <string.h>

#include <vb/xlat.h>

static const char *resolve(uint32_t g, uint32_t m, uint32_t l, int s2, enum xlat_arch a,
			   struct xlat *x)
{
	const struct vb_stage_cfg c = { g, m, l, 0, 0 };

	return xlat_resolve(&c, s2, a, x);
}

static void test_defaults_and_geometry(void **state)
{
	struct xlat x;

	(void)state;
	assert_null(resolve(0, 0, 0, 1, XLAT_ARMV7, &x)); /* zero: today's default */
	assert_int_equal(x.geom.granule_shift, 12);
	assert_int_equal(x.geom.start_level, 1);
	assert_int_equal(x.mapping, 4096);
	assert_int_equal(x.walk, VB_WALK_WB);
	assert_null(resolve(0x10000, 0x20000000, 0, 0, XLAT_ARMV8, &x));
	assert_int_equal(x.geom.start_level, 2);
	assert_null(resolve(0x10000, 0, 3, 1, XLAT_ARMV8, &x));	      /* 8 concatenated tables */
	assert_null(resolve(0x1000, 0x200000, 2, 1, XLAT_ARMV8, &x)); /* 4 concatenated */
	assert_null(resolve(0x4000, 0x2000000, 0, 1, XLAT_ARMV8, &x));
}

static void test_refused(void **state)
{
	struct xlat x;
	const struct vb_stage_cfg nc = { 0, 0, 0, 3, 0 };

	(void)state;
	assert_string_equal(resolve(0x10000, 0, 0, 1, XLAT_ARMV7, &x),
			    "armv7_has_only_4k_granules");
	assert_string_equal(resolve(0x2000, 0, 0, 0, XLAT_ARMV8, &x), "granule_not_4k_16k_or_64k");
	assert_string_equal(resolve(0x1000, 0, 2, 0, XLAT_ARMV8, &x),
			    "stage_1_start_level_follows_the_granule");
	assert_string_equal(resolve(0x1000, 0, 2, 1, XLAT_ARMV7, &x), "start_level_not_allowed");
	assert_string_equal(resolve(0x4000, 0, 3, 1, XLAT_ARMV8, &x), "start_level_not_allowed");
	assert_string_equal(resolve(0x1000, 0x40000000, 2, 1, XLAT_ARMV8, &x),
			    "start_level_not_allowed"); /* no 1 GiB block below level 1 */
	assert_string_equal(resolve(0x1000, 0x2000, 0, 0, XLAT_ARMV8, &x),
			    "mapping_not_a_page_or_block_size");
	assert_string_equal(resolve(0x10000, 0x40000000, 0, 0, XLAT_ARMV8, &x),
			    "mapping_not_a_page_or_block_size");
	assert_string_equal(xlat_resolve(&nc, 0, XLAT_ARMV8, &x), "walk_not_wb_or_nc");
}

/* Input sizes: 4-level walks on ARMv8, refused on ARMv7 with the reason. */
static void test_input_sizes(void **state)
{
	struct vb_stage_cfg c = { 0x1000, 0, 0, 0, 48 };
	struct xlat x;

	(void)state;
	assert_null(xlat_resolve(&c, 0, XLAT_ARMV8, &x)); /* va48: levels 0-3 */
	assert_int_equal(x.geom.ia_bits, 48);
	assert_int_equal(x.geom.start_level, 0);
	c.ia_bits = 40;
	assert_null(xlat_resolve(&c, 1, XLAT_ARMV8, &x)); /* ipa40: level 0, two entries */
	assert_int_equal(x.geom.start_level, 0);
	assert_int_equal(x.default_start, 0);
	c.start_level = 1; /* or level 1 with 2 concatenated tables, as KVM does */
	assert_null(xlat_resolve(&c, 1, XLAT_ARMV8, &x));
	assert_int_equal(x.geom.start_level, 1);
	c = (struct vb_stage_cfg){ 0x4000, 0, 0, 0, 48 };
	assert_null(xlat_resolve(&c, 0, XLAT_ARMV8, &x)); /* stage 1 may start at level 0 */
	assert_int_equal(x.geom.start_level, 0);
	assert_null(xlat_resolve(&c, 1, XLAT_ARMV8, &x)); /* VTCR.SL0 cannot: level 1, 2 tables */
	assert_int_equal(x.geom.start_level, 1);
	assert_int_equal(x.default_start, 1);
	c = (struct vb_stage_cfg){ 0x10000, 0, 0, 0, 44 };
	assert_null(xlat_resolve(&c, 1, XLAT_ARMV8, &x));
	assert_int_equal(x.geom.start_level, 1);
	c = (struct vb_stage_cfg){ 0x1000, 0, 0, 0, 48 };
	assert_string_equal(xlat_resolve(&c, 0, XLAT_ARMV7, &x), "armv7_va_is_32_bits");
	assert_string_equal(xlat_resolve(&c, 1, XLAT_ARMV7, &x), "armv7_ipa_is_32_bits_here");
	c.ia_bits = 49;
	assert_string_equal(xlat_resolve(&c, 0, XLAT_ARMV8, &x), "va_bits_not_32_to_48");
	c.ia_bits = 31;
	assert_string_equal(xlat_resolve(&c, 1, XLAT_ARMV8, &x), "ipa_bits_not_32_to_48");
	c = (struct vb_stage_cfg){ 0x1000, 0, 2, 0, 40 }; /* level 2 with 40 bits: 512 tables */
	assert_string_equal(xlat_resolve(&c, 1, XLAT_ARMV8, &x), "start_level_not_allowed");
	x.geom.ia_bits = 40;
	assert_int_equal(xlat_far_base(&x), 0xc000000000ULL);
	x.geom.ia_bits = 32;
	assert_int_equal(xlat_far_base(&x), 0xc0000000ULL);
}

static void test_sizes(void **state)
{
	char buf[16];
	uint64_t v;

	(void)state;
	xlat_size_name(buf, 0x200000);
	assert_string_equal(buf, "2m");
	xlat_size_name(buf, 0x40000000);
	assert_string_equal(buf, "1g");
	xlat_size_name(buf, 0x10000);
	assert_string_equal(buf, "64k");
	assert_int_equal(xlat_size_parse("512m", &v), 0);
	assert_int_equal(v, 0x20000000);
	assert_int_equal(xlat_size_parse("4096", &v), 0);
	assert_int_equal(v, 4096);
	assert_int_equal(xlat_size_parse("4x", &v), -1);
	assert_int_equal(xlat_size_parse("", &v), -1);
	assert_int_equal(xlat_size_parse("0k", &v), -1);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_defaults_and_geometry),
		cmocka_unit_test(test_refused),
		cmocka_unit_test(test_input_sizes),
		cmocka_unit_test(test_sizes),
	};

	return cmocka_run_group_tests_name("xlat", tests, NULL, NULL);
}
