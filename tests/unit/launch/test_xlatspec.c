/* --s1, --s2 and --footprints as vbench reads them (launch/xlatspec.c). */
#include <stdlib.h>
#include <string.h>

#include "helpers.h"
#include "launch/xlatspec.h"

static void test_stages(void **state)
{
	struct vb_stage_cfg c;
	struct vb_error e;
	char name[96];
	struct vb_stage_cfg s2;

	(void)state;
	assert_int_equal(vb_stage_parse("64k:512m:nc", 0, &c, &e), 0);
	assert_int_equal(c.granule, 0x10000);
	assert_int_equal(c.mapping, 512u << 20);
	assert_int_equal(c.walk, VB_WALK_NC);
	assert_int_equal(vb_stage_parse("4k:4k:l2", 1, &s2, &e), 0);
	assert_int_equal(vb_stage_parse("4k:2m", 0, &c, &e), 0);
	vb_config_name(name, sizeof(name), &c, &s2, "armv8");
	assert_string_equal(name, "s1-4k-2m_s2-4k-l2");
}

/* 18014398509481988k is 2^64 + 4096 bytes: it wrapped to 4k and ran as 4k. */
static void test_sizes_do_not_wrap(void **state)
{
	struct vb_stage_cfg c;
	uint32_t f[VB_PARAMS_MAX_FOOTPRINTS];
	struct vb_error e;

	(void)state;
	assert_int_equal(vb_stage_parse("18014398509481988k", 0, &c, &e), -1);
	vbt_contains(e.msg, "'18014398509481988k' is not a size");
	assert_int_equal(vb_stage_parse("4k:17592186044418m", 0, &c, &e), -1);
	assert_int_equal(vb_stage_parse("17179869188g", 1, &c, &e), -1);
	assert_int_equal(vb_footprints_parse("7777777777771g", f, &e), -1);
	vbt_contains(e.msg, "'7777777777771g' is not a size from 4k to 1g");
	assert_int_equal(vb_footprints_parse("18014398509481985k", f, &e), -1);
}

/* strtok read "16k,,1m" as "16k,1m" and "4k::2m" as "4k:2m". */
static void test_empty_fields(void **state)
{
	static const char *const bad[] = { "16k,,1m", ",16k", "16k,", "", "," };
	uint32_t f[VB_PARAMS_MAX_FOOTPRINTS];
	struct vb_stage_cfg c;
	struct vb_error e;

	(void)state;
	for (size_t i = 0; i < sizeof(bad) / sizeof(bad[0]); i++)
		if (vb_footprints_parse(bad[i], f, &e) != -1)
			fail_msg("footprints '%s' accepted", bad[i]);
	assert_int_equal(vb_footprints_parse("16k,1m,1g", f, &e), 0);
	assert_int_equal(f[2], 1u << 30);
	assert_int_equal(f[3], 0);
	assert_int_equal(vb_stage_parse("4k::2m", 0, &c, &e), -1);
	assert_int_equal(vb_stage_parse("4k:2m:", 0, &c, &e), -1);
	assert_int_equal(vb_stage_parse(":4k", 1, &c, &e), -1);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_stages),
		cmocka_unit_test(test_sizes_do_not_wrap),
		cmocka_unit_test(test_empty_fields),
	};

	return cmocka_run_group_tests_name("xlatspec", tests, NULL, NULL);
}
