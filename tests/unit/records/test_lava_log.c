/* LAVA job logs back into a console: records/lava_log.c. */
#include <fcntl.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "helpers.h"
#include "records/lava_log.h"

/* Runs the reader on `log`; the console it wrote, or NULL on error (e filled). */
static char *console_of(const char *log, struct vb_lava_log *info, struct vb_error *e)
{
	char *dir = vbt_tmpdir(), *in = vb_xasprintf("%s/job.log", dir);
	char *out = vb_xasprintf("%s/console", dir), *text = NULL;
	int fd;

	vbt_write(in, log);
	fd = open(out, O_WRONLY | O_CREAT | O_TRUNC, 0666);
	assert_true(fd >= 0);
	if (!vb_lava_log_console(in, fd, info, e)) {
		char buf[4096];
		ssize_t n;

		close(fd);
		fd = open(out, O_RDONLY);
		n = read(fd, buf, sizeof(buf) - 1);
		assert_true(n >= 0);
		buf[n] = '\0';
		text = vb_xstrdup(buf);
	}
	close(fd);
	free(in);
	free(out);
	vbt_rmdir(dir);
	return text;
}

static void test_console_lines_only(void **state)
{
	/* as lava-run writes them: a tagged scalar, a mapping msg, LAVA's own keystrokes */
	const char *log =
		"{\"dt\": \"2026-12-02T10:51:41.29\", \"lvl\": \"info\", \"msg\": \"lava-dispatcher\"}\n"
		"{\"dt\": \"2026-12-02T10:51:41.43\", \"lvl\": \"results\", \"msg\": {\"case\": "
		"\"file-download\", \"extra\": {\"size\": ! \"254648\"}, \"result\": \"pass\"}}\n"
		"{\"dt\": \"2026-12-02T10:51:41.97\", \"lvl\": \"target\", \"msg\": \"@vb1 h 0 hyp "
		"rev=1 *88f972f0\"}\n"
		"{\"dt\": \"2026-12-02T10:51:42.01\", \"lvl\": \"input\", \"msg\": \"@vb1 g 9 end "
		"records=1 *00000000\\n\"}\n"
		"{\"dt\": \"2026-12-02T10:51:42.32\", \"lvl\": \"target\", \"msg\": \"quoted \\\" and "
		"\\\\ back\"}\n"
		"\n"
		"{\"dt\": \"2026-12-02T10:51:42.56\", \"lvl\": \"results\", \"msg\": {\"case\": "
		"\"job\", \"definition\": \"lava\", \"result\": \"pass\"}}\n";
	struct vb_lava_log info;
	struct vb_error e;
	char *text = console_of(log, &info, &e);

	(void)state;
	if (!text)
		fail_msg("%s", e.msg);
	/* what LAVA typed (lvl: input) is not console output, even when it looks like a record */
	assert_string_equal(text, "@vb1 h 0 hyp rev=1 *88f972f0\nquoted \" and \\ back\n");
	assert_int_equal(info.target_lines, 2);
	assert_true(info.job_result_seen);
	assert_true(info.job_passed);
	free(text);
}

static void test_failed_job(void **state)
{
	const char *log = "{\"dt\": \"x\", \"lvl\": \"target\", \"msg\": \"boot\"}\n"
			  "{\"dt\": \"y\", \"lvl\": \"results\", \"msg\": {\"case\": \"job\", "
			  "\"definition\": \"lava\", \"error_msg\": \"Connection closed\", "
			  "\"error_type\": \"Infrastructure\", \"result\": \"fail\"}}\n";
	struct vb_lava_log info;
	struct vb_error e;
	char *text = console_of(log, &info, &e);

	(void)state;
	assert_non_null(text);
	assert_true(info.job_result_seen);
	assert_false(info.job_passed);
	assert_string_equal(info.job_error, "Infrastructure: Connection closed");
	free(text);
}

static void test_not_a_lava_log(void **state)
{
	struct vb_lava_log info;
	struct vb_error e;

	(void)state;
	assert_null(console_of("{\"dt\": \"x\", \"lvl\": \"info\", \"msg\": \"ok\"}\n"
			       "@vb1 g 0 begin target=x *12345678\n",
			       &info, &e));
	vbt_contains(e.msg, "job.log:2: not a LAVA log line");
	assert_null(console_of("{\"dt\": \"x\", \"msg\": \"no level\"}\n", &info, &e));
	vbt_contains(e.msg, "job.log:1: not a LAVA log line");
	assert_null(console_of("", &info, &e));
	vbt_contains(e.msg, "empty");
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_console_lines_only),
		cmocka_unit_test(test_failed_job),
		cmocka_unit_test(test_not_a_lava_log),
	};

	return cmocka_run_group_tests_name("lava_log", tests, NULL, NULL);
}
