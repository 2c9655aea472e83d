/*
 * vbench perf-ingest end to end (docs/linux.md): real perf stat outputs
 * (tests/data/perf/, Debian's linux-perf 6.1; README.md there says how they
 * were taken), this machine's perf run live on software events, and bad
 * input refused with FILE:line and nothing written.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "helpers.h"
#include "base/util.h"

static struct vbt_cli cli;

static int ingest(const char *tmp, const char *args)
{
	vbt_cli_run(&cli, tmp, args);
	return cli.status;
}

/* The data file's path under tests/data/perf/ (caller frees). */
static char *data(const char *name)
{
	return vb_xasprintf("%s/tests/data/perf/%s", VB_SRC_ROOT, name);
}

/* File `name` of run folder dir, read whole (caller frees). */
static char *file(const char *dir, const char *name)
{
	char *p = vb_xasprintf("%s/%s", dir, name), *t = vbt_read(p);

	free(p);
	assert_non_null(t);
	return t;
}

static void test_perf_ingest_csv(void **state)
{
	char *tmp = vbt_tmpdir(), *in = data("stat-x.csv"), *args, *sum, *res, *meta;

	(void)state;
	args = vb_xasprintf("perf-ingest %s --out %s/run --target host --arch x86_64 --label ls "
			    "--command 'ls /'",
			    in, tmp);
	assert_int_equal(ingest(tmp, args), 0);
	sum = file(tmp, "run/summary.csv");
	/* 2.41 msec exactly, in ns; counts as printed; unsupported events said so, never 0 */
	assert_non_null(strstr(sum, "\"host\",\"x86_64\",\"perf\",\"task-clock\",\"\",\"ls\","
				    "\"none\",\"ns\",\"ok\",\"1\",\"0\",\"2410000\",\"2410000\""));
	assert_non_null(strstr(sum, "\"page-faults\",\"\",\"ls\",\"none\",\"count\",\"ok\",\"1\","
				    "\"0\",\"101\",\"101\""));
	assert_non_null(strstr(sum, "\"dTLB-load-misses\",\"\",\"ls\",\"none\",\"count\","
				    "\"unsupported\""));
	res = file(tmp, "run/results.csv");
	assert_non_null(strstr(res, "\"event\",\"value\",\"unit\",\"variance_pct\",\"running_pct\","
				    "\"status\",\"command\",\"line\""));
	assert_non_null(strstr(res, "\"task-clock\",\"2.41\",\"msec\",\"\",\"100.00\",\"ok\","
				    "\"ls /\",\"3\""));
	assert_non_null(strstr(res, "\"cycles\",\"\",\"\",\"\",\"100.00\",\"not_supported\""));
	meta = file(tmp, "run/meta.csv");
	assert_non_null(strstr(meta, "\"launch\",\"perf-ingest\""));
	assert_non_null(strstr(meta, "\"perf_command\",\"ls /\""));
	free(sum), free(res), free(meta), free(args), free(in);
	vbt_rmdir(tmp);
}

/* -r: perf's relative stddev of the mean is kept as printed; JSON reads the same. */
static void test_perf_ingest_repeat_and_json(void **state)
{
	char *tmp = vbt_tmpdir(), *csv = data("stat-x-repeat.csv"), *json = data("stat.json"),
	     *jr = data("stat-repeat.json"), *args, *res, *sum;

	(void)state;
	args = vb_xasprintf("perf-ingest %s --out %s/repeat", csv, tmp);
	assert_int_equal(ingest(tmp, args), 0);
	res = file(tmp, "repeat/results.csv");
	assert_non_null(strstr(res, "\"task-clock\",\"1.67\",\"msec\",\"3.93\",\"100.00\",\"ok\""));
	free(args), free(res);
	args = vb_xasprintf("perf-ingest %s --out %s/json", json, tmp);
	assert_int_equal(ingest(tmp, args), 0);
	sum = file(tmp, "json/summary.csv");
	assert_non_null(strstr(sum,
			       "\"task-clock\",\"\",\"perf-stat\",\"none\",\"ns\",\"ok\",\"1\","
			       "\"0\",\"1951379\""));
	assert_non_null(strstr(sum, "\"page-faults\",\"\",\"perf-stat\",\"none\",\"count\",\"ok\","
				    "\"1\",\"0\",\"102\""));
	assert_non_null(strstr(sum, "\"cycles\",\"\",\"perf-stat\",\"none\",\"count\","
				    "\"unsupported\""));
	free(args), free(sum);
	args = vb_xasprintf("perf-ingest %s --out %s/jr", jr, tmp);
	assert_int_equal(ingest(tmp, args), 0);
	res = file(tmp, "jr/results.csv");
	assert_non_null(strstr(res, "\"task-clock\",\"1.768145\",\"msec\",\"6.24\""));
	/* compare and report take the folders as they take any run */
	free(args);
	args = vb_xasprintf("compare --threshold 1000 %s/repeat %s/jr", tmp, tmp);
	assert_int_equal(ingest(tmp, args), 0);
	assert_non_null(strstr(cli.out, "page-faults"));
	free(args);
	args = vb_xasprintf("report --out %s/report %s/repeat %s/jr", tmp, tmp, tmp);
	assert_int_equal(ingest(tmp, args), 0);
	free(args);
	args = vb_xasprintf("%s/report/index.html", tmp);
	assert_int_equal(access(args, R_OK), 0);
	free(args), free(res), free(csv), free(json), free(jr);
	vbt_rmdir(tmp);
}

/* This machine's perf, software events (allowed at perf_event_paranoid 2). */
static void test_perf_ingest_live(void **state)
{
	char *tmp = vbt_tmpdir(), *cmd, *args, *sum;

	(void)state;
	cmd = vb_xasprintf("perf stat -x, -o %s/live.csv -e task-clock,page-faults,"
			   "context-switches true 2>%s/perf.err",
			   tmp, tmp);
	if (system(cmd)) {
		char *why = vb_xasprintf("%s/perf.err", tmp), *text = vbt_read(why);

		vbt_rmdir(tmp);
		free(cmd), free(why);
		/* install-deps installs linux-perf: a machine without it cannot run this check */
		fail_msg("perf stat failed here (linux-perf installed? perf_event_paranoid?): %s",
			 text ? text : "");
	}
	args = vb_xasprintf("perf-ingest %s/live.csv --out %s/live --command true", tmp, tmp);
	assert_int_equal(ingest(tmp, args), 0);
	sum = file(tmp, "live/summary.csv");
	assert_non_null(strstr(sum, "\"task-clock\",\"\",\"perf-stat\",\"none\",\"ns\",\"ok\""));
	assert_non_null(
		strstr(sum, "\"page-faults\",\"\",\"perf-stat\",\"none\",\"count\",\"ok\""));
	free(cmd), free(args), free(sum);
	vbt_rmdir(tmp);
}

/* Bad input: exit 2, FILE:line and what is wrong, no run folder. */
static void test_perf_ingest_bad_input(void **state)
{
	static const struct {
		const char *text, *msg;
	} bad[] = {
		{ "1.15,msec,task-clock,1145932,100.00\nabc,,page-faults,1,100.00\n",
		  "bad.txt:2: 'abc' is not a count (event page-faults)" },
		{ "1.000,CPU0,5,,cycles,1,100.00,,\n", "bad.txt:1: interval (-I) or per-CPU" },
		{ "# started\n\n5,,cycles\n", "bad.txt:3: expected perf stat -x, fields" },
		{ "1.0001234,msec,task-clock,1,100.00\n",
		  "bad.txt:1: task-clock=1.0001234 msec has a fraction" },
		{ "5,,cycles,1,100.00\n6,,cycles,1,100.00\n",
		  "bad.txt:2: event cycles again (first on line 1)" },
		{ "{\"unit\" : \"\", \"event\" : \"cycles\"}\n",
		  "bad.txt:1: a perf stat --json object needs counter-value and event" },
		{ "# started on a day\n\n", "bad.txt: no perf stat counts in it" },
	};

	(void)state;
	for (size_t i = 0; i < sizeof(bad) / sizeof(bad[0]); i++) {
		char *tmp = vbt_tmpdir(), *path = vb_xasprintf("%s/bad.txt", tmp), *args, *out;
		FILE *f = fopen(path, "w");

		assert_non_null(f);
		fputs(bad[i].text, f);
		fclose(f);
		args = vb_xasprintf("perf-ingest %s --out %s/run", path, tmp);
		assert_int_equal(ingest(tmp, args), 2);
		if (!strstr(cli.err, bad[i].msg))
			fail_msg("case %zu: '%s' not in: %s", i, bad[i].msg, cli.err);
		out = vb_xasprintf("%s/run", tmp);
		assert_int_not_equal(access(out, F_OK), 0);
		free(out), free(args), free(path);
		vbt_rmdir(tmp);
	}
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_perf_ingest_csv),
		cmocka_unit_test(test_perf_ingest_repeat_and_json),
		cmocka_unit_test(test_perf_ingest_live),
		cmocka_unit_test(test_perf_ingest_bad_input),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
