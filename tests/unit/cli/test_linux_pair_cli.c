/*
 * vbench analyze, compare and report on real vbench-linux output
 * (tests/data/linux/README.md): a host run (begin.in_guest=no) and a guest
 * run (yes) are made from the real run by editing its begin record and
 * writing the folder with `vbench parse`; the real run itself says unknown.
 * The guest's numbers are the host's, so every pair's ratio is 1; a real
 * guest's run against a real host's (branch linuxguest's, the README says)
 * has known different medians, as test_linux_pair.c's synthetic runs.
 */
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "helpers.h"
#include "base/util.h"
#include "results/csvout.h"

#define FIXTURE VB_SRC_ROOT "/tests/data/linux/qemu-a72-linux-n20"
#define GUEST	VB_SRC_ROOT "/tests/data/linux/qemu-a72-linux-guest-n20"
#define HOST	VB_SRC_ROOT "/tests/data/linux/qemu-a72-linux-host-n20"

static struct vbt_cli cli;

static void vb(const char *tmp, const char *fmt, ...) __attribute__((format(printf, 2, 3)));
static void vb(const char *tmp, const char *fmt, ...)
{
	va_list ap;
	char *args;

	va_start(ap, fmt);
	if (vasprintf(&args, fmt, ap) < 0)
		abort();
	va_end(ap);
	vbt_cli_run(&cli, tmp, args);
	free(args);
}

/* The real console with begin's in_guest (and evidence) replaced, its CRC recomputed. */
static char *edited_console(const char *in_guest)
{
	char *log = vbt_read(FIXTURE "/console.log"), *line, *end, *body, *rec, *out;
	static const char from[] = "in_guest=unknown guest_evidence=no_evidence";

	assert_non_null(log);
	line = strstr(log, "@vb1 g 0 begin ");
	assert_non_null(line);
	end = strchr(line, '\n');
	body = vb_xasprintf("%.*s", (int)(end - line - 5), line + 5); /* after "@vb1 " */
	*strrchr(body, '*') = '\0';				      /* before " *<crc>" */
	body[strlen(body) - 1] = '\0';
	assert_non_null(strstr(body, from)); /* the real run could not tell */
	{
		char *at = strstr(body, from);
		char *nb =
			vb_xasprintf("%.*sin_guest=%s guest_evidence=edited_copy_of_a_host_run%s",
				     (int)(at - body), body, in_guest, at + strlen(from));

		free(body);
		body = nb;
	}
	rec = vbt_record(body);
	out = vb_xasprintf("%.*s%s%s", (int)(line - log), log, rec, end);
	free(log), free(body), free(rec);
	return out;
}

/* tmp/<name>: the real run as the host's (no) or a guest's (yes), written by vbench parse. */
static void derive(const char *tmp, const char *name, const char *in_guest)
{
	char *text = edited_console(in_guest), *log = vb_xasprintf("%s/%s.log", tmp, name);

	vbt_write(log, text);
	vb(tmp, "parse --samples --out %s/%s %s", tmp, name, log);
	if (cli.status)
		fail_msg("vbench parse of the edited log: %s", cli.err);
	free(text), free(log);
}

static const char *cell(const struct vb_csv_table *t, size_t row, const char *col)
{
	const char *c = vb_csv_cell(t, row, col);

	if (!c)
		fail_msg("analysis.csv has no column %s", col);
	return c;
}

/* Every guest row paired with the host's of the same configuration; unknown never. */
static void test_analyze_pairs(void **state)
{
	char *t = vbt_tmpdir(), *p = vb_xasprintf("%s/analysis.csv", t);
	struct vb_csv_table a;
	struct vb_error e;
	size_t guest = 0, ok = 0, unknown = 0;

	(void)state;
	derive(t, "host", "no");
	derive(t, "guest", "yes");
	vb(t, "analyze --out %s %s/guest %s/host %s", p, t, t, FIXTURE);
	if (cli.status)
		fail_msg("vbench analyze: %s", cli.err);
	if (vb_csv_read(p, &a, &e))
		fail_msg("%s", e.msg);
	for (size_t r = 1; r < a.nrows; r++) {
		const char *id = cell(&a, r, "run_id"), *note = cell(&a, r, "pair_note");

		if (!strcmp(id, "qemu-a72-linux-n20")) { /* in_guest=unknown: neither side */
			assert_string_equal(cell(&a, r, "native_run"), "");
			vbt_contains(note, "not paired: in_guest=unknown");
			unknown++;
		} else if (!strcmp(id, "host")) { /* the native side: no pair of its own */
			assert_string_equal(cell(&a, r, "native_run"), "");
			assert_string_equal(note, "");
		} else {
			assert_string_equal(id, "guest");
			assert_string_equal(cell(&a, r, "native_run"), "host");
			vbt_contains(note, "in_guest=yes");
			guest++;
			if (strcmp(cell(&a, r, "status"), "ok"))
				continue;
			/* the guest's numbers are the host's: ratio 1, difference 0, both intervals points */
			assert_string_equal(cell(&a, r, "virt_over_native"), "1.000");
			assert_string_equal(cell(&a, r, "virt_minus_native"), "0");
			assert_string_equal(cell(&a, r, "virt_minus_native_ci"), "0..0");
			assert_string_equal(cell(&a, r, "virt_over_native_ci"), "1.000..1.000");
			assert_string_equal(cell(&a, r, "native_median"),
					    cell(&a, r, "corrected")[0] ? cell(&a, r, "corrected") :
									  cell(&a, r, "median"));
			ok++;
		}
	}
	/* 26 rows each: 22 ok (4 KiB, THP, hugetlb 2 MiB and 64 KiB), the 4 of 1 GiB unsupported */
	assert_int_equal(guest, 26);
	assert_int_equal(ok, 22);
	assert_int_equal(unknown, 26);
	vb_csv_free(&a);
	free(p);
	vbt_rmdir(t);
}

/* The real guest's run against the real host's: known medians, both sides measured. */
static void test_real_guest_host(void **state)
{
	char *t = vbt_tmpdir(), *p = vb_xasprintf("%s/analysis.csv", t);
	struct vb_csv_table a;
	struct vb_error e;
	size_t chase = 0;

	(void)state;
	vb(t, "analyze --out %s %s %s", p, GUEST, HOST);
	if (cli.status)
		fail_msg("vbench analyze: %s", cli.err);
	if (vb_csv_read(p, &a, &e))
		fail_msg("%s", e.msg);
	for (size_t r = 1; r < a.nrows; r++) {
		const char *bench = cell(&a, r, "bench");

		if (strcmp(cell(&a, r, "run_id"), "qemu-a72-linux-guest-n20") ||
		    strcmp(cell(&a, r, "status"), "ok"))
			continue;
		assert_string_equal(cell(&a, r, "native_run"), "qemu-a72-linux-host-n20");
		if (!strcmp(bench, "syscall_null")) {
			/* (2995 - 2587) / (21669 - 11924): the guest's counters miss the host's share */
			assert_string_equal(cell(&a, r, "corrected"), "408");
			assert_string_equal(cell(&a, r, "native_median"), "9745");
			assert_string_equal(cell(&a, r, "virt_minus_native"), "-9337");
			assert_string_equal(cell(&a, r, "virt_over_native"), "0.042");
			assert_string_equal(cell(&a, r, "pair_basis"), "corrected");
		} else if (!strcmp(bench, "counter_overhead")) {
			assert_string_equal(cell(&a, r, "virt_over_native"),
					    "0.217"); /* 2587 / 11924 */
			assert_string_equal(cell(&a, r, "pair_basis"), "raw");
		} else if (!strcmp(bench, "tlb_miss_chase")) {
			/* QEMU has no TLB timing: the same 3075 instructions, guest and host */
			assert_string_equal(cell(&a, r, "corrected"), "3075");
			assert_string_equal(cell(&a, r, "native_median"), "3075");
			assert_string_equal(cell(&a, r, "virt_over_native"), "1.000");
			chase++;
		}
	}
	assert_int_equal(chase, 12); /* 3 footprints on 4 KiB, THP, 2 MiB and 64 KiB */
	vb_csv_free(&a);
	free(p);
	vbt_rmdir(t);
}

/* compare: a guest and the host are different modes, refused as any two modes are. */
static void test_compare_refuses(void **state)
{
	char *t = vbt_tmpdir();

	(void)state;
	derive(t, "host", "no");
	derive(t, "guest", "yes");
	vb(t, "compare %s/host %s/guest", t, t);
	assert_int_equal(cli.status, 2);
	vbt_contains(cli.err, "BASE has qemu-a72/linux (in_guest=no) but NEW has "
			      "qemu-a72/linux (in_guest=yes): refusing to compare");
	vbt_contains(cli.err, "pairs with the host's as virt/native in vbench analyze");
	vb(t, "compare %s %s/guest", FIXTURE, t); /* unknown is not yes either */
	assert_int_equal(cli.status, 2);
	vbt_contains(cli.err, "(in_guest=unknown)");
	vb(t, "compare --allow-different %s/host %s/guest", t, t);
	assert_int_equal(cli.status, 0);
	vbt_contains(cli.out, "26 rows: 0 regressions, 0 improvements, 0 no longer measured");
	vb(t, "compare %s %s", FIXTURE, FIXTURE); /* the same world: compared as before */
	assert_int_equal(cli.status, 0);
	vbt_rmdir(t);
}

/* report: the Linux section says what was paired and why not, and lists the pairs. */
static void test_report_linux(void **state)
{
	char *t = vbt_tmpdir(), *html;

	(void)state;
	derive(t, "host", "no");
	derive(t, "guest", "yes");
	vb(t, "report --out %s/rep %s/guest %s/host %s", t, t, t, FIXTURE);
	if (cli.status)
		fail_msg("vbench report: %s", cli.err);
	html = vbt_file_in(t, "rep/index.html");
	assert_non_null(html);
	vbt_contains(html, "<h2>Linux: in a guest against the host</h2>");
	vbt_contains(html, "plots/linux-qemu-a72.svg"); /* the Linux chart, in the report */
	vbt_contains(html, "<td>guest</td><td>qemu-a72</td><td>armv8</td><td>icount</td>"
			   "<td>6.1.0-57-arm64</td><td>yes</td><td>edited_copy_of_a_host_run</td>"
			   "<td>26 of 26 rows paired with the host's run host (kernel "
			   "6.1.0-57-arm64)</td>");
	vbt_contains(html, "<td>the host side of 26 rows of the guest's run guest");
	vbt_contains(html, "<td>qemu-a72-linux-n20</td>");
	vbt_contains(html, "not paired: in_guest=unknown");
	vbt_contains(html, "<td>tlb_miss_chase</td><td>1048576</td><td>linux-thp</td><td>s1-2m</td>"
			   "<td>3075</td><td>3075</td><td>0</td><td>0..0</td><td>1.000</td>"
			   "<td>1.000..1.000</td><td>cycles/1024</td><td>corrected</td>");
	/* and not in the bare-metal table */
	assert_null(strstr(strstr(html, "id=\"pairs\""), "linux-thp</td><td>3075"));
	free(html);
	vbt_rmdir(t);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_analyze_pairs),
		cmocka_unit_test(test_real_guest_host),
		cmocka_unit_test(test_compare_refuses),
		cmocka_unit_test(test_report_linux),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
