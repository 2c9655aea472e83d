/* The images' CRC-32 (common/crc32.c) against zlib's, which vbench verifies with. */
#include <stdlib.h>
#include <string.h>
#include <zlib.h>

#include "helpers.h"
#include "vb/crc32.h"

static void test_known_vector(void **state)
{
	(void)state;
	assert_int_equal(crc32_update(0, "123456789", 9), 0xcbf43926u);
	assert_int_equal(crc32_update(0, "", 0), 0);
}

static void test_random_buffers_match_zlib(void **state)
{
	static uint8_t buf[4096];
	unsigned seed = 12345;

	(void)state;
	for (int round = 0; round < 300; round++) {
		size_t len = (size_t)rand_r(&seed) % sizeof(buf);

		for (size_t i = 0; i < len; i++)
			buf[i] = (uint8_t)rand_r(&seed);
		assert_int_equal(crc32_update(0, buf, len), (uint32_t)crc32(0L, buf, (uInt)len));
	}
}

static void test_chaining_matches_zlib(void **state)
{
	char *rec = vbt_record("g 7 result bench=hvc_null config=s1-4k_s2-4k status=na");
	size_t len = strlen(rec) - 9; /* the bytes the CRC covers: up to the space before '*' */
	uint32_t whole = (uint32_t)crc32(0L, (const Bytef *)rec, (uInt)len);

	(void)state;
	/* Images may build the CRC piece by piece as they print a record. */
	for (size_t cut = 0; cut <= len; cut++)
		assert_int_equal(crc32_update(crc32_update(0, rec, cut), rec + cut, len - cut),
				 whole);
	free(rec);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_known_vector),
		cmocka_unit_test(test_random_buffers_match_zlib),
		cmocka_unit_test(test_chaining_matches_zlib),
	};

	return cmocka_run_group_tests_name("common_crc32", tests, NULL, NULL);
}
