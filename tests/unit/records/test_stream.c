/* Whole-stream verification (docs/records.md, "Verification"). */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "helpers.h"

static const uint64_t vals_a[] = { 12, 10, 11, 10, 40, 10, 12, 11, 10, 13 };
static const uint64_t vals_b[] = { 100, 101, 102 };
#define N(a) (sizeof(a) / sizeof((a)[0]))

/* hyp, begin, two results and one na row, end: what a good virt run prints. */
static void good_stream(struct vbt_gen *g)
{
	vbt_prologue(g, "virt", 3);
	vbt_result(g, "counter_overhead", vals_a, N(vals_a));
	vbt_result(g, "hvc_null", vals_b, N(vals_b));
	vbt_g(g, "result bench=hvc_null config=native unit=cycles status=na reason=no_el2");
	vbt_end(g);
}

static void test_good_stream(void **state)
{
	struct vbt_gen g = { 0 };
	struct vb_stream s;
	struct vb_error e;
	const struct vb_result *r;

	(void)state;
	good_stream(&g);
	assert_int_equal(vbt_verify(g.b.s, g.b.len, NULL, &e, &s), 0);
	assert_true(s.data.has_hyp);
	assert_string_equal(vb_record_get(&s.data.begin, "target"), "qemu-a72");
	assert_string_equal(vb_record_get(&s.data.hyp, "vtcr"), "0x80023560");
	assert_int_equal(s.benches, 3);
	assert_int_equal(s.data.nresults, 3);
	r = &s.data.results[0];
	assert_string_equal(r->bench, "counter_overhead");
	assert_int_equal(r->st, VB_STATUS_OK);
	assert_int_equal(r->s.n, 10);
	assert_int_equal(r->s.min, 10);
	assert_int_equal(r->s.p50, 11);
	assert_int_equal(r->s.max, 40);
	assert_int_equal(r->s.sum, 139);
	assert_int_equal(s.data.results[2].st, VB_STATUS_NA);
	assert_string_equal(s.data.results[2].reason, "no_el2");
	assert_false(s.data.any_samples);
	vb_stream_free(&s);
	vbt_free(&g);
}

static void test_noise_everywhere_and_crlf(void **state)
{
	struct vbt_gen g = { 0 }, crlf = { 0 };
	struct vb_error e;

	(void)state;
	vbt_raw(&g, "\x1b[0mQEMU firmware banner\n\nqemu-system-aarch64: warning: x\n");
	vbt_prologue(&g, "virt", 2);
	vbt_raw(&g, "guest says hello\n");
	vbt_raw(&g, "partial noise on the record's line: ");
	vbt_result(&g, "counter_overhead", vals_a, N(vals_a));
	vbt_raw(&g, "\n\n@vb2 other format\n");
	vbt_result(&g, "hvc_null", vals_b, N(vals_b));
	vbt_end(&g);
	vbt_raw(&g,
		"after the end: noise is ignored (a record is not: test_counts_and_after_end)\n");
	assert_int_equal(vbt_verify(g.b.s, g.b.len, NULL, &e, NULL), 0);

	/* Same stream with \r\n line endings. */
	for (size_t i = 0; i < g.b.len; i++)
		vbt_append(&crlf.b, g.b.s[i] == '\n' ? "\r\n" : "%c", g.b.s[i]);
	assert_int_equal(vbt_verify(crlf.b.s, crlf.b.len, NULL, &e, NULL), 0);
	vbt_free(&g);
	vbt_free(&crlf);
}

static void test_no_final_newline(void **state)
{
	struct vbt_gen g = { 0 };
	struct vb_error e;

	(void)state;
	good_stream(&g);
	g.b.s[--g.b.len] = '\0';
	assert_int_equal(vbt_verify(g.b.s, g.b.len, NULL, &e, NULL), 0);
	vbt_free(&g);
}

static void test_corrupted_crc_names_line(void **state)
{
	struct vbt_gen g = { 0 };
	char *p;

	(void)state;
	vbt_raw(&g, "noise line 1\n");
	good_stream(&g); /* hyp on line 2, begin 3, first result 4 */
	p = strstr(g.b.s, "bench=counter_overhead");
	p[6] = 'C';
	vbt_expect_fail(&g, NULL, "console line 4: record CRC mismatch");
}

static void test_missing_record(void **state)
{
	struct vbt_gen g = { 0 };

	(void)state;
	vbt_prologue(&g, "virt", 2);
	vbt_result(&g, "a", vals_a, N(vals_a));
	g.gseq++; /* g:2 never printed */
	vbt_result(&g, "b", vals_b, N(vals_b));
	vbt_end(&g);
	vbt_expect_fail(&g, NULL, "missing record g:2 (next one is g:3)");
}

static void test_duplicated_record(void **state)
{
	struct vbt_gen g = { 0 };

	(void)state;
	vbt_prologue(&g, "virt", 2);
	vbt_result(&g, "a", vals_a, N(vals_a));
	g.gseq--; /* g:1 again */
	vbt_result(&g, "a", vals_a, N(vals_a));
	vbt_end(&g);
	vbt_expect_fail(&g, NULL, "duplicated record g:1");
}

static void test_truncated(void **state)
{
	struct vbt_gen g = { 0 };
	struct vb_error e;

	(void)state;
	vbt_prologue(&g, "virt", 2);
	vbt_result(&g, "a", vals_a, N(vals_a));
	vbt_raw(&g, "@vb1 g 2 result bench=b con"); /* cut mid-record at the end */
	assert_int_equal(vbt_verify(g.b.s, g.b.len, NULL, &e, NULL), -1);
	vbt_contains(e.msg, "console line 4: record CRC mismatch");
	vbt_free(&g);

	vbt_prologue(&g, "virt", 2);
	vbt_result(&g, "a", vals_a, N(vals_a));
	vbt_expect_fail(&g, NULL,
			"before the end record: truncated stream (last record g:1 at "
			"console line 3)");
	vbt_raw(&g, "just noise\n");
	vbt_expect_fail(&g, NULL, "no record at all in 1 console lines");
}

static void test_error_record(void **state)
{
	struct vbt_gen g = { 0 };
	struct vb_stream s;
	struct vb_error e;

	(void)state;
	vbt_prologue(&g, "virt", 2);
	vbt_h(&g, "error kind=s2_dabt esr=0x93c08007 far=0x8000000 hpfar=0x80000 pc=0x40201000 "
		  "el=2 msg=unmapped_ipa");
	vbt_end(&g);
	assert_int_equal(vbt_verify(g.b.s, g.b.len, NULL, &e, &s), -1);
	vbt_contains(e.msg, "console line 3: hyp-min error record h:1: kind=s2_dabt "
			    "esr=0x93c08007 far=0x8000000 hpfar=0x80000 pc=0x40201000");
	assert_true(s.stopped);
	vb_stream_free(&s);
	vbt_free(&g);

	vbt_prologue(&g, "native", 2);
	vbt_g(&g, "error kind=guest_sync esr=0x2000000 far=0x0 pc=0x40080000 el=1");
	vbt_expect_fail(&g, NULL, "guest-min error record g:1: kind=guest_sync esr=0x2000000");
}

/*
 * hyp-min refused a request and the guest ran on (docs/records.md): the
 * stream is read to its end, but the run is not verified; the counts of both
 * sides must agree, and only hyp-min sends the record.
 */
static void test_refused_record(void **state)
{
	struct vbt_gen g = { 0 };
	struct vb_stream s;
	struct vb_error e;

	(void)state;
	vbt_prologue(&g, "virt", 1);
	vbt_h(&g, "refused count=1 request=hvc reason=unknown_mode fn=0x20 arg1=0x40d80000 "
		  "arg2=0x5 pc=0x40802e44");
	vbt_result(&g, "counter_overhead", vals_a, N(vals_a));
	vbt_h(&g, "refused count=2 request=console reason=forged_hyp_record pc=0x40802e44");
	vbt_end(&g);
	assert_int_equal(vbt_verify(g.b.s, g.b.len, NULL, &e, &s), -1);
	assert_true(s.ended); /* read to the guest's end, every record checked */
	assert_int_equal(s.refused, 2);
	vbt_contains(e.msg, "hyp-min refused 2 requests of the guest (first: h:1 request=hvc "
			    "reason=unknown_mode)");
	vb_stream_free(&s);
	vbt_free(&g);

	vbt_prologue(&g, "virt", 0);
	vbt_h(&g, "refused count=2 request=hvc reason=unknown_function");
	vbt_end(&g);
	vbt_expect_fail(&g, NULL, "refused count=2 but 0 came before it");
	vbt_prologue(&g, "virt", 0);
	vbt_h(&g, "refused count=1 request=hvc");
	vbt_end(&g);
	vbt_expect_fail(&g, NULL, "h:1 refused: missing field 'reason'");
	vbt_prologue(&g, "virt", 0);
	vbt_g(&g, "refused count=1 request=hvc reason=x");
	vbt_expect_fail(&g, NULL, "record g:1: guest-min sent a refused record");
	vbt_h(&g, "refused count=1 request=hvc reason=x");
	vbt_expect_fail(&g, NULL, "record h:0: refused before the hyp record");
}

static void test_end_count_mismatch(void **state)
{
	struct vbt_gen g = { 0 };

	(void)state;
	vbt_prologue(&g, "virt", 1);
	vbt_result(&g, "a", vals_a, N(vals_a));
	vbt_g(&g, "end records=3");
	vbt_expect_fail(&g, NULL, "end says records=3 but 2 guest records came before it");
}

static void test_order_rules(void **state)
{
	struct vbt_gen g = { 0 };
	struct vb_stream_opts want = { .expect_target = "qemu-a15", .expect_mode = "virt" };

	(void)state;
	vbt_g(&g, "result bench=a config=c unit=cycles status=na");
	vbt_expect_fail(&g, NULL, "record g:0 is 'result': the guest's first record");
	vbt_prologue(&g, "native", 1);
	vbt_g(&g, "begin target=x arch=armv8 mode=native emulated=yes clock=icount");
	vbt_expect_fail(&g, NULL, "record g:1 is 'begin'");
	vbt_prologue(&g, "native", 0);
	vbt_h(&g, "hyp arch=armv8");
	vbt_expect_fail(&g, NULL, "a hyp record after the guest began");
	vbt_g(&g, "begin target=x arch=armv8 mode=virt emulated=yes clock=icount");
	vbt_expect_fail(&g, NULL, "virt run without a hyp record");
	vbt_h(&g, "hyp arch=armv8");
	vbt_g(&g, "begin target=x arch=armv8 mode=native emulated=yes clock=icount");
	vbt_expect_fail(&g, NULL, "hyp-min records in a native run");
	vbt_prologue(&g, "virt", 0);
	vbt_expect_fail(&g, &want,
			"begin says target=qemu-a72 but this run expects target=qemu-a15");
	vbt_g(&g, "begin target=x arch=armv8 mode=virt emulated=yes");
	vbt_expect_fail(&g, NULL, "g:0 begin: missing field 'clock'");
}

/* vbench-linux's runs (docs/linux.md): mode=linux verifies; hyp-min has no place in one. */
static void test_linux_mode(void **state)
{
	struct vbt_gen g = { 0 };
	struct vb_stream s;
	struct vb_error e;

	(void)state;
	vbt_prologue(&g, "linux", 1);
	vbt_result(&g, "tlb_hit", vals_b, N(vals_b));
	vbt_end(&g);
	assert_int_equal(vbt_verify(g.b.s, g.b.len, NULL, &e, &s), 0);
	assert_string_equal(vb_record_get(&s.data.begin, "mode"), "linux");
	vb_stream_free(&s);
	vbt_free(&g);
	g = (struct vbt_gen){ 0 };
	vbt_h(&g, "hyp arch=armv8");
	vbt_g(&g, "begin target=x arch=armv8 mode=linux emulated=yes clock=icount benches=0");
	vbt_expect_fail(&g, NULL, "hyp-min records in a linux run");
	vbt_g(&g, "begin target=x arch=armv8 mode=kernel emulated=yes clock=icount");
	vbt_expect_fail(&g, NULL, "mode=kernel is not virt, native, kvm, linux or perf");
}

/* A record hiding a NUL is refused with its console line, even with a valid CRC. */
static void test_nul_in_record_names_line(void **state)
{
	static const char body[] = "@vb1 g 1 result bench=a config=c unit=cycles status=na\0x=1 ";
	struct vbt_gen g = { 0 };
	struct vb_error e;
	char crc[16];

	(void)state;
	vbt_prologue(&g, "virt", 1);
	snprintf(crc, sizeof(crc), "*%08x\n", vb_record_crc(body, sizeof(body) - 1));
	g.b.s = vb_grow(g.b.s, &g.b.cap, g.b.len + sizeof(body) + sizeof(crc), 1);
	memcpy(g.b.s + g.b.len, body, sizeof(body) - 1);
	g.b.len += sizeof(body) - 1;
	vbt_append(&g.b, "%s", crc);
	g.gseq++;
	vbt_end(&g);
	assert_int_equal(vbt_verify(g.b.s, g.b.len, NULL, &e, NULL), -1);
	vbt_contains(e.msg, "console line 3: bad record: byte 0x00");
	vbt_free(&g);
}

/* A CRC proves the bytes: these records are intact but their numbers cannot be. */
static void test_impossible_numbers(void **state)
{
	static const char *const bad[][2] = {
		/* n beyond what the images keep (the sum fits: every sample 0) */
		{ "n=18446744073709551615 warmup=16 min=0 p50=0 p90=0 p99=0 max=0 sum=0 ssq=0",
		  "n=18446744073709551615 is more than the images keep (4096)" },
		{ "n=4097 warmup=16 min=0 p50=0 p90=0 p99=0 max=0 sum=0 ssq=0",
		  "n=4097 is more than the images keep" },
		{ "n=4 warmup=4294967296 min=10 p50=10 p90=10 p99=12 max=12 sum=42 ssq=4",
		  "warmup=4294967296 is more than the images count" },
		/* {10,10,10,12}: ssq is 4; at most (12-10)*(42-40) = 4 */
		{ "n=4 warmup=16 min=10 p50=10 p90=10 p99=12 max=12 sum=42 ssq=1000",
		  "ssq=1000 is outside what min=10, max=12 and sum=42 allow" },
		{ "n=4 warmup=16 min=10 p50=10 p90=10 p99=12 max=12 sum=42 ssq=3",
		  "ssq=3 is outside" },
		/* one sample is 12, so the sum is at least 3*10+12 */
		{ "n=4 warmup=16 min=10 p50=10 p90=10 p99=12 max=12 sum=41 ssq=4",
		  "sum=41 does not fit one sample at min=10, one at max=12" },
		{ "n=4 warmup=16 min=10 p50=12 p90=12 p99=12 max=12 sum=47 ssq=14",
		  "sum=47 does not fit" },
		{ "n=1 warmup=16 min=10 p50=10 p90=10 p99=10 max=12 sum=10 ssq=0",
		  "n=1 but min=10 and max=12 differ" },
		{ "n=10 warmup=16 min=10 p50=10 p90=10 p99=12 max=12 sum=102 ssq=4",
		  "n=10 but begin says samples=4" },
		{ "n=4 warmup=10 min=10 p50=10 p90=10 p99=12 max=12 sum=42 ssq=4",
		  "warmup=10 but begin says warmup=16" },
	};
	struct vbt_gen g = { 0 };

	(void)state;
	for (size_t i = 0; i < sizeof(bad) / sizeof(bad[0]); i++) {
		vbt_h(&g, "hyp arch=armv8");
		vbt_g(&g,
		      "begin target=qemu-a72 arch=armv8 mode=virt emulated=yes clock=icount "
		      "benches=1%s warmup=16",
		      strstr(bad[i][1], "samples=4") ? " samples=4" : "");
		vbt_g(&g, "result bench=a config=c unit=cycles status=ok %s", bad[i][0]);
		vbt_end(&g);
		vbt_expect_fail(&g, NULL, bad[i][1]);
	}
	/* the same record with its true ssq is fine, also with begin's samples=4 */
	vbt_h(&g, "hyp arch=armv8");
	vbt_g(&g, "begin target=qemu-a72 arch=armv8 mode=virt emulated=yes clock=icount "
		  "benches=1 samples=4 warmup=16");
	vbt_g(&g, "result bench=a config=c unit=cycles status=ok n=4 warmup=16 min=10 p50=10 "
		  "p90=10 p99=12 max=12 sum=42 ssq=4");
	vbt_end(&g);
	{
		struct vb_error e;

		assert_int_equal(vbt_verify(g.b.s, g.b.len, NULL, &e, NULL), 0);
	}
	vbt_free(&g);
}

/* begin says how many results come; the end record closes the run. */
static void test_counts_and_after_end(void **state)
{
	struct vbt_gen g = { 0 }, one = { 0 };
	struct vbt_buf two = { 0 };
	struct vb_error e;

	(void)state;
	vbt_prologue(&g, "virt", 29);
	vbt_result(&g, "a", vals_a, N(vals_a));
	vbt_end(&g);
	vbt_expect_fail(&g, NULL,
			"console line 4: end record g:2: begin announced benches=29 but 1 result "
			"records came");
	vbt_g(&g, "begin target=qemu-a72 arch=armv8 mode=native emulated=yes clock=icount");
	vbt_end(&g);
	vbt_expect_fail(&g, NULL, "g:0 begin: missing field 'benches'");
	/* hyp-min fails after the guest's end */
	good_stream(&g);
	vbt_raw(&g, "noise after the end is fine\n");
	vbt_h(&g, "error kind=unexpected esr=0x0 msg=after_end");
	vbt_expect_fail(&g, NULL,
			"console line 8: record h:1 'error' after the guest's end record (line 6): "
			"hyp-min or guest-min failed after the run");
	/* two runs' logs in one file */
	good_stream(&one);
	vbt_append(&two, "%s%s", one.b.s, one.b.s);
	assert_int_equal(vbt_verify(two.s, two.len, NULL, &e, NULL), -1);
	vbt_contains(e.msg, "console line 7: record h:0 'hyp' after the guest's end record "
			    "(line 6): a second run's log follows this one");
	free(two.s);
	vbt_free(&one);
	/* a damaged record after the end is refused too */
	good_stream(&g);
	vbt_raw(&g, "@vb1 g 5 result bench=x con\n");
	vbt_expect_fail(&g, NULL, "a bad record after the guest's end record (line 6)");
	/* and noise alone after the end is not */
	good_stream(&g);
	vbt_raw(&g, "qemu-system-aarch64: terminating on signal 15\n");
	assert_int_equal(vbt_verify(g.b.s, g.b.len, NULL, &e, NULL), 0);
	vbt_free(&g);
}

static void test_stops_at_end_and_error(void **state)
{
	struct vbt_gen g = { 0 };
	struct vb_stream s;
	char *end;

	(void)state;
	vbt_prologue(&g, "virt", 0);
	vbt_end(&g);
	vb_stream_init(&s, NULL);
	assert_false(vb_stream_line(&s, "noise", 5));
	end = strtok(g.b.s, "\n");
	assert_false(vb_stream_line(&s, end, strlen(end)));
	end = strtok(NULL, "\n");
	assert_false(vb_stream_line(&s, end, strlen(end)));
	end = strtok(NULL, "\n");
	assert_true(vb_stream_line(&s, end, strlen(end)));
	assert_true(s.ended);
	vb_stream_free(&s);
	vbt_free(&g);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_good_stream),
		cmocka_unit_test(test_linux_mode),
		cmocka_unit_test(test_noise_everywhere_and_crlf),
		cmocka_unit_test(test_no_final_newline),
		cmocka_unit_test(test_corrupted_crc_names_line),
		cmocka_unit_test(test_missing_record),
		cmocka_unit_test(test_duplicated_record),
		cmocka_unit_test(test_truncated),
		cmocka_unit_test(test_error_record),
		cmocka_unit_test(test_refused_record),
		cmocka_unit_test(test_end_count_mismatch),
		cmocka_unit_test(test_order_rules),
		cmocka_unit_test(test_stops_at_end_and_error),
		cmocka_unit_test(test_nul_in_record_names_line),
		cmocka_unit_test(test_impossible_numbers),
		cmocka_unit_test(test_counts_and_after_end),
	};

	return cmocka_run_group_tests_name("stream", tests, NULL, NULL);
}
