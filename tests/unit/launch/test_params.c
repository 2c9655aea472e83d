/* params.bin: the run parameters block (common/include/vb/params.h). */
#include <stdlib.h>
#include <string.h>

#include "helpers.h"
#include "launch/params.h"
#include "records/record.h"

static uint32_t get32(const uint8_t *p)
{
	return p[0] | (uint32_t)p[1] << 8 | (uint32_t)p[2] << 16 | (uint32_t)p[3] << 24;
}

static void test_layout_and_crc(void **state)
{
	uint8_t b[sizeof(struct vb_params)];
	struct vb_params p;
	struct vb_error e;

	(void)state;
	assert_int_equal(sizeof(b), 396);
	const struct vb_param_values v = { .flags = VB_PARAM_RAW_SAMPLES | VB_PARAM_DETERMINISTIC,
					   .samples = 500,
					   .warmup = 7,
					   .policy = VB_POLICY_FULL,
					   .only = "hvc_null,counter_overhead",
					   .s1 = { 65536, 0x20000000, 0, VB_WALK_NC, 48 },
					   .s2 = { 4096, 0x200000, 2, VB_WALK_WB, 40 },
					   .footprints = { 4096, 1 << 20 } };

	assert_int_equal(vb_params_build(b, &v, &e), 0);
	assert_int_equal(get32(b), 0x31504256u);
	assert_memory_equal(b, "VBP1", 4);
	assert_int_equal(get32(b + 4), 396);
	assert_int_equal(get32(b + 8), 3);
	assert_int_equal(get32(b + 12), 500);
	assert_int_equal(get32(b + 16), 7);
	assert_int_equal(get32(b + 20), VB_POLICY_FULL);
	assert_string_equal((const char *)b + 32, "hvc_null,counter_overhead");
	/* s1, s2: granule, mapping, start level, walk, input bits; then the footprints */
	assert_int_equal(get32(b + 288), 65536);
	assert_int_equal(get32(b + 292), 0x20000000);
	assert_int_equal(get32(b + 296), 0);
	assert_int_equal(get32(b + 300), VB_WALK_NC);
	assert_int_equal(get32(b + 304), 48);
	assert_int_equal(get32(b + 308), 4096);
	assert_int_equal(get32(b + 312), 0x200000);
	assert_int_equal(get32(b + 316), 2);
	assert_int_equal(get32(b + 320), VB_WALK_WB);
	assert_int_equal(get32(b + 324), 40);
	assert_int_equal(get32(b + 328), 4096);
	assert_int_equal(get32(b + 332), 1 << 20);
	assert_int_equal(get32(b + 336), 0);
	assert_int_equal(get32(b + 392), vb_record_crc(b, 392));
	/* On this little-endian host the bytes are the struct itself. */
	memcpy(&p, b, sizeof(p));
	assert_int_equal(p.magic, VB_PARAMS_MAGIC);
	assert_int_equal(p.flags, VB_PARAM_RAW_SAMPLES | VB_PARAM_DETERMINISTIC);
	assert_int_equal(p.crc, vb_record_crc(&p, offsetof(struct vb_params, crc)));
	assert_int_equal(p.s2.start_level, 2);
	assert_int_equal(p.footprints[1], 1 << 20);
}

static void test_defaults_and_limits(void **state)
{
	uint8_t b[sizeof(struct vb_params)];
	char only[VB_PARAMS_ONLY_LEN + 1];
	struct vb_error e;

	(void)state;
	assert_int_equal(
		vb_params_build(b, &(struct vb_param_values){ .flags = 0, .only = NULL }, &e), 0);
	for (unsigned off = 8; off < 32; off += 4)
		assert_int_equal(get32(b + off), 0); /* flags, samples, warmup, policy: defaults */
	assert_int_equal(b[32], 0);
	for (unsigned off = 288; off < 384; off += 4)
		assert_int_equal(get32(b + off), 0); /* stages and footprints: defaults */
	memset(only, 'a', sizeof(only) - 1);
	only[VB_PARAMS_ONLY_LEN] = '\0';
	assert_int_equal(
		vb_params_build(b, &(struct vb_param_values){ .flags = 0, .only = only }, &e), -1);
	vbt_contains(e.msg, "--only list too long");
	only[VB_PARAMS_ONLY_LEN - 1] = '\0'; /* 255 characters and the NUL fit */
	assert_int_equal(
		vb_params_build(b, &(struct vb_param_values){ .flags = 0, .only = only }, &e), 0);
	assert_int_equal(b[32 + VB_PARAMS_ONLY_LEN - 1], 0);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_layout_and_crc),
		cmocka_unit_test(test_defaults_and_limits),
	};

	return cmocka_run_group_tests_name("params", tests, NULL, NULL);
}
