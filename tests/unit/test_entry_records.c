/*
 * The entry records the images print from assembly (<vb/entry.h>) are
 * written whole, CRC included: each must parse as the record it claims to be.
 */
#include <string.h>

#include "helpers.h"
#include "record.h"
#include "vb/entry.h"

static void check_line(const char *line, char src)
{
	size_t len = strlen(line);
	struct vb_record r;
	struct vb_error e;

	assert_true(len > 0 && line[len - 1] == '\n');
	if (vb_record_parse(line, len - 1, &r, &e) != 1)
		fail_msg("%s: %s", line, e.msg);
	assert_int_equal(r.src, src);
	assert_int_equal(r.seq, 0); /* the first record of its source */
	assert_int_equal(r.type, VB_REC_ERROR);
	assert_string_equal(vb_record_get(&r, "kind"), "entry");
	assert_string_equal(vb_record_get(&r, "msg"), "not_loaded_at_link_address");
	vb_record_free(&r);
}

static void test_hyp_line(void **state)
{
	(void)state;
	check_line(ENTRY_REC_WRONG_ADDRESS_H, 'h');
}

static void test_guest_line(void **state)
{
	(void)state;
	check_line(ENTRY_REC_WRONG_ADDRESS_G, 'g');
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_hyp_line),
		cmocka_unit_test(test_guest_line),
	};

	return cmocka_run_group_tests_name("entry_records", tests, NULL, NULL);
}
