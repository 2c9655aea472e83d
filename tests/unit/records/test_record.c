/* Record parser and CRC (docs/records.md). */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <zlib.h>

#include "helpers.h"
#include "records/record.h"

static void test_crc_known_vectors(void **state)
{
	(void)state;
	assert_int_equal(vb_record_crc("123456789", 9), 0xcbf43926u);
	assert_int_equal(vb_record_crc("", 0), 0);
	assert_int_equal(vb_record_crc("a", 1), 0xe8b7be43u);
}

/* ISA-L computes it: zlib's crc32() is the definition, at every length and alignment. */
static void test_crc_equals_zlib(void **state)
{
	unsigned char buf[1100];

	(void)state;
	srand(7);
	for (size_t i = 0; i < sizeof(buf); i++)
		buf[i] = (unsigned char)rand();
	for (size_t off = 0; off < 16; off++)
		for (size_t len = 0; len + off <= sizeof(buf); len += len < 300 ? 1 : 37)
			assert_int_equal(vb_record_crc(buf + off, len),
					 (uint32_t)crc32(0L, buf + off, (uInt)len));
}

static void test_parse_good(void **state)
{
	struct vb_record r;
	struct vb_error e;
	char *line = vbt_record("g 3 result bench=hvc_null config=s1-4k_s2-4k n=0x10 v=1,2,3");
	uint64_t n;

	(void)state;
	assert_int_equal(vb_record_parse(line, strlen(line), &r, &e), 1);
	assert_int_equal(r.src, 'g');
	assert_int_equal(r.seq, 3);
	assert_int_equal(r.type, VB_REC_RESULT);
	assert_int_equal(r.nfields, 4);
	assert_string_equal(r.fields[0].key, "bench");
	assert_string_equal(vb_record_get(&r, "config"), "s1-4k_s2-4k");
	assert_string_equal(vb_record_get(&r, "v"), "1,2,3");
	assert_null(vb_record_get(&r, "nothere"));
	assert_int_equal(vb_record_u64(&r, "n", &n, &e), 0);
	assert_int_equal(n, 16);
	assert_int_equal(vb_record_u64(&r, "bench", &n, &e), -1);
	vbt_contains(e.msg, "field bench='hvc_null' is not a number");
	vb_record_free(&r);
	free(line);
}

static void test_noise_before_record_and_cr(void **state)
{
	char *rec = vbt_record("h 0 hyp arch=armv8");
	char *line = vb_xasprintf("U-Boot 2024 @vb1 junk %s\r", rec);
	struct vb_record r, copy;
	struct vb_error e;

	(void)state;
	assert_int_equal(vb_record_parse(line, strlen(line), &r, &e), 1);
	assert_int_equal(r.src, 'h');
	assert_int_equal(r.type, VB_REC_HYP);
	vb_record_copy(&copy, &r);
	vb_record_free(&r);
	assert_string_equal(vb_record_get(&copy, "arch"), "armv8");
	vb_record_free(&copy);
	free(line);
	free(rec);
}

static void test_noise_only(void **state)
{
	struct vb_record r;
	struct vb_error e;
	const char *lines[] = { "", "Booting...", "vb1 g 0 begin *00000000", "@vb1" };

	(void)state;
	for (size_t i = 0; i < sizeof(lines) / sizeof(lines[0]); i++)
		assert_int_equal(vb_record_parse(lines[i], strlen(lines[i]), &r, &e), 0);
}

static void test_crc_mismatch(void **state)
{
	char *line = vbt_record("g 0 begin target=qemu-a72");
	struct vb_record r;
	struct vb_error e;

	(void)state;
	line[12] = 'X'; /* one byte of the body changes */
	assert_int_equal(vb_record_parse(line, strlen(line), &r, &e), -1);
	vbt_contains(e.msg, "record CRC mismatch");
	free(line);
}

static void test_crc_must_be_lowercase_8_digits(void **state)
{
	char *line = vbt_record("g 0 end records=0");
	char *upper = vb_xstrdup(line);
	struct vb_record r;
	struct vb_error e;
	size_t n = strlen(line);

	(void)state;
	for (size_t i = n - 8; i < n; i++)
		upper[i] = (char)(upper[i] >= 'a' ? upper[i] - 32 : upper[i]);
	if (strcmp(upper, line)) /* the CRC has a letter in it */
		assert_int_equal(vb_record_parse(upper, n, &r, &e), -1);
	line[n - 1] = '\0';
	assert_int_equal(vb_record_parse(line, n - 1, &r, &e), -1);
	vbt_contains(e.msg, "CRC mismatch");
	free(line);
	free(upper);
}

static void test_cut_record(void **state)
{
	const char *line = "@vb1 g 4 result bench=x con";
	struct vb_record r;
	struct vb_error e;

	(void)state;
	assert_int_equal(vb_record_parse(line, strlen(line), &r, &e), -1);
	vbt_contains(e.msg, "record CRC mismatch");
}

static void expect_malformed(const char *body, const char *msg)
{
	char *line = vbt_record(body);
	struct vb_record r;
	struct vb_error e;

	assert_int_equal(vb_record_parse(line, strlen(line), &r, &e), -1);
	vbt_contains(e.msg, msg);
	free(line);
}

static void test_malformed(void **state)
{
	(void)state;
	expect_malformed("x 0 begin", "neither g nor h");
	expect_malformed("g 0x1 begin", "not decimal");
	expect_malformed("g -1 begin", "bad sequence number");
	expect_malformed("g 0 start", "unknown type 'start'");
	expect_malformed("g 0 begin Target=x", "bad field 'Target=x'");
	expect_malformed("g 0 begin target", "bad field 'target'");
	expect_malformed("g 0 begin a=1 a=2", "field 'a' given twice");
	expect_malformed("g 0 begin a=1  b=2", "two spaces");
	/* found in the same pass as unprintable bytes: at the start, the end, past a word */
	expect_malformed(" g 0 begin", "two spaces");
	expect_malformed("g 0 begin a=1 ", "two spaces");
	expect_malformed("g 0 begin a=12345678901234567890  b=2", "two spaces");
	expect_malformed("x  0 begin", "two spaces");
	expect_malformed("g 0", "expected '@vb1 <src> <seq> <type>'");
}

/* body (len bytes, may hold NULs) as a record with the CRC of exactly those bytes. */
static size_t raw_record(char *buf, size_t cap, const char *body, size_t len)
{
	size_t n = (size_t)snprintf(buf, cap, "@vb1 ");

	memcpy(buf + n, body, len);
	n += len;
	buf[n++] = ' ';
	return n + (size_t)snprintf(buf + n, cap - n, "*%08x", vb_record_crc(buf, n));
}

/*
 * A NUL inside a record cut the text C sees but not its length (the copy
 * read past the heap buffer), and hid what followed it behind a valid CRC.
 */
static void test_nul_and_control_bytes(void **state)
{
	static const char nul[] = "g 1 result bench=a\0status=ok";
	static const char *const ctl[] = { "g 1 result bench=\x01a", "g 1 result\tbench=a",
					   "g 1 result bench=\x7f", "g 1 result bench=\xc3\xa9" };
	struct vb_record r;
	struct vb_error e;
	char line[256];
	size_t n = raw_record(line, sizeof(line), nul, sizeof(nul) - 1);

	(void)state;
	assert_int_equal(vb_record_parse(line, n, &r, &e), -1);
	vbt_contains(e.msg, "byte 0x00 at byte 24 of the record");
	for (size_t i = 0; i < sizeof(ctl) / sizeof(ctl[0]); i++) {
		n = raw_record(line, sizeof(line), ctl[i], strlen(ctl[i]));
		assert_int_equal(vb_record_parse(line, n, &r, &e), -1);
		vbt_contains(e.msg, "a record is printable ASCII");
	}
	/* noise before the record may hold anything */
	memcpy(line, "\0\x01\xff ", 4);
	n = 4 + raw_record(line + 4, sizeof(line) - 4, "g 0 end records=0", 17);
	assert_int_equal(vb_record_parse(line, n, &r, &e), 1);
	vb_record_free(&r);
}

static void test_numbers(void **state)
{
	uint64_t v;

	(void)state;
	assert_int_equal(vb_parse_u64("010", &v), 0);
	assert_int_equal(v, 10); /* decimal, never octal */
	assert_int_equal(vb_parse_u64("0xff", &v), 0);
	assert_int_equal(v, 255);
	assert_int_equal(vb_parse_u64("18446744073709551615", &v), 0);
	assert_true(v == UINT64_MAX);
	assert_int_equal(vb_parse_u64("18446744073709551616", &v), -1);
	assert_int_equal(vb_parse_u64("", &v), -1);
	assert_int_equal(vb_parse_u64("0x", &v), -1);
	assert_int_equal(vb_parse_u64("-1", &v), -1);
	assert_int_equal(vb_parse_u64(" 1", &v), -1);
	assert_int_equal(vb_parse_u64("12a", &v), -1);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_crc_known_vectors),
		cmocka_unit_test(test_crc_equals_zlib),
		cmocka_unit_test(test_parse_good),
		cmocka_unit_test(test_noise_before_record_and_cr),
		cmocka_unit_test(test_noise_only),
		cmocka_unit_test(test_crc_mismatch),
		cmocka_unit_test(test_crc_must_be_lowercase_8_digits),
		cmocka_unit_test(test_cut_record),
		cmocka_unit_test(test_malformed),
		cmocka_unit_test(test_numbers),
		cmocka_unit_test(test_nul_and_control_bytes),
	};

	return cmocka_run_group_tests_name("record", tests, NULL, NULL);
}
