/* The images' own check of the run parameters (common/params.c) accepts what vbench writes. */
#include <stdlib.h>
#include <string.h>

#include "helpers.h"
#include "launch/params.h"

static void test_images_accept_vbench_block(void **state)
{
	struct vb_params block; /* aligned storage for the bytes vbench writes */
	const struct vb_params *got;
	struct vb_error e;

	(void)state;
	assert_int_equal(vb_params_build((uint8_t *)&block,
					 &(struct vb_param_values){ .flags = VB_PARAM_RAW_SAMPLES,
								    .only = "hvc_null" },
					 &e),
			 0);
	got = params_get((uintptr_t)&block);
	assert_ptr_equal(got, &block);
	assert_int_equal(got->flags, VB_PARAM_RAW_SAMPLES);
	assert_string_equal(got->only, "hvc_null");
}

static void test_images_reject_damaged_block(void **state)
{
	struct vb_params block;
	struct vb_error e;

	(void)state;
	assert_int_equal(vb_params_build((uint8_t *)&block,
					 &(struct vb_param_values){ .flags = VB_PARAM_DETERMINISTIC,
								    .only = NULL },
					 &e),
			 0);
	block.flags ^= 4; /* one bit flipped after the CRC was computed */
	assert_ptr_not_equal(params_get((uintptr_t)&block), &block);
	assert_int_equal(params_get((uintptr_t)&block)->flags, 0); /* the defaults */
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_images_accept_vbench_block),
		cmocka_unit_test(test_images_reject_damaged_block),
	};

	return cmocka_run_group_tests_name("common_params", tests, NULL, NULL);
}
