/* vbench parse: verify a saved console log and write a run folder from it. */
#include <errno.h>
#include <fcntl.h>
#include <getopt.h>
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "cmd.h"
#include "records/console.h"
#include "records/stream.h"

static const char vb_parse_usage[] =
	"usage: vbench parse FILE [options]\n"
	"Verifies a saved console log (every record, as `vbench run` does) and writes a\n"
	"run folder from it; target and mode come from its begin record.\n"
	"\n"
	"  --out DIR      write the run here (an older run folder there is replaced on success)\n"
	"  --results DIR  write the run to DIR/<run-id> (default: <root>/results)\n"
	"  --samples      require raw samples for every result (samples.csv is written\n"
	"                 whenever the log has samples records)\n"
	"  --root DIR     source root (default: $VBENCH_ROOT, else the build folder's parent)\n"
	"  -h, --help     this text\n"
	"\n"
	"Prints the run folder on success. Exit status: 0 verified, 1 verification failed\n"
	"(nothing is written), 2 bad usage.\n";

struct vb_parse_args {
	const char *file, *out, *results, *root;
	bool samples;
};

static int vb_parse_args(int argc, char **argv, struct vb_parse_args *a)
{
	static const struct option opts[] = {
		{ "out", 1, 0, 'O' },  { "results", 1, 0, 'r' }, { "samples", 0, 0, 's' },
		{ "root", 1, 0, 'R' }, { "help", 0, 0, 'h' },	 { 0, 0, 0, 0 },
	};
	int c;

	memset(a, 0, sizeof(*a));
	opterr = 0;
	while ((c = getopt_long(argc, argv, ":h", opts, NULL)) != -1) {
		switch (c) {
		case 'O':
			a->out = optarg;
			break;
		case 'r':
			a->results = optarg;
			break;
		case 's':
			a->samples = true;
			break;
		case 'R':
			a->root = optarg;
			break;
		case 'h':
			fputs(vb_parse_usage, stdout);
			return 1;
		case ':':
			return vb_report(-1, "parse: option '%s' needs a value", argv[optind - 1]);
		default:
			return vb_report(-1, "parse: unknown option '%s' (vbench parse --help)",
					 argv[optind - 1]);
		}
	}
	if (optind != argc - 1)
		return vb_report(-1, "parse: expected one console log file (vbench parse --help)");
	a->file = argv[optind];
	if (a->out && a->results)
		return vb_report(-1, "parse: --out and --results exclude each other");
	return 0;
}

static bool vb_parse_line(void *arg, const char *line, size_t len)
{
	return vb_stream_line(arg, line, len);
}

/* The first look stops at the begin record, which names the run folder, or the first failure. */
static bool vb_scan_line(void *arg, const char *line, size_t len)
{
	struct vb_stream *s = arg;

	return vb_stream_line(s, line, len) || s->data.has_begin || s->failed;
}

/*
 * Verifies the log, line by line through fn; copies it byte for byte to
 * `copy_fd` (if >= 0) on the way. Without a copy it stops reading when fn says stop.
 */
static int vb_parse_file(const char *file, struct vb_stream *s, vb_line_fn fn, int copy_fd,
			 struct vb_error *e)
{
	const size_t size = 1 << 20; /* large reads: a log can hold millions of records */
	struct vb_lines lines;
	char *buf;
	ssize_t n;
	int fd = open(file, O_RDONLY | O_CLOEXEC), ret = 0;
	bool stop = false;

	if (fd < 0)
		return vb_fail(e, "cannot open %s: %s", file, strerror(errno));
	buf = vb_xmalloc(size);
	vb_lines_init(&lines);
	while ((n = read(fd, buf, size)) > 0) {
		if (copy_fd >= 0 && vb_write_all(copy_fd, buf, (size_t)n)) {
			ret = vb_fail(e, "writing console.log: %s", strerror(errno));
			break;
		}
		if (!stop)
			stop = vb_lines_feed(&lines, buf, (size_t)n, fn, s);
		if (stop && copy_fd < 0)
			break;
	}
	if (!ret && n < 0)
		ret = vb_fail(e, "reading %s: %s", file, strerror(errno));
	if (!ret && !stop)
		vb_lines_flush(&lines, fn, s);
	vb_lines_free(&lines);
	free(buf);
	close(fd);
	return ret;
}

/*
 * The log begins well: verify it to the end while laying out the run folder,
 * its samples.csv streamed as results are verified. A failure leaves nothing.
 */
static int vb_parse_write(const struct vb_parse_args *a, const struct vb_paths *p,
			  struct vb_stream *s, struct vb_runfolder *rf, struct vb_error *e)
{
	const char *target = vb_record_get(&s->data.begin, "target");
	const char *mode = vb_record_get(&s->data.begin, "mode");
	char id[NAME_MAX + 1], results[PATH_MAX + 16], path[PATH_MAX + 16], date[32];
	char source[PATH_MAX];
	struct vb_samples_out samples;
	struct vb_stream again;
	struct vb_error ve;
	struct vb_meta m;
	int fd, ret;

	vb_runfolder_make_id(id, sizeof(id), time(NULL), target, mode);
	snprintf(results, sizeof(results), "%s/results", p->root);
	if (a->out ? vb_runfolder_out(rf, a->out, e) :
		     vb_runfolder_default(rf, a->results ? a->results : results, id, e))
		return -1;
	if (vb_runfolder_begin(rf, e))
		return -1;
	vb_runfolder_file(rf, "console.log", path, sizeof(path));
	fd = open(path, O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0666);
	if (fd < 0)
		return vb_fail(e, "cannot create %s: %s", path, strerror(errno));
	/*
	 * Copy while verifying: the copy is exactly what was verified. No fsync:
	 * the log it copies stays where it was, and the CSV files get none either.
	 */
	vb_stream_init(&again, &s->opts);
	vb_output_samples(&samples, rf, &again.data);
	ret = vb_parse_file(a->file, &again, vb_parse_line, fd, e);
	if (close(fd))
		ret = ret ? ret : vb_fail(e, "writing %s: %s", path, strerror(errno));
	if (!ret && vb_stream_finish(&again, NULL, &ve))
		ret = vb_fail(e, "%s: %s", a->file, ve.msg);
	vb_iso_date(date, sizeof(date), time(NULL));
	m = (struct vb_meta){ .run_id = rf->id,
			      .version = VBENCH_VERSION,
			      .date = date,
			      .target = target,
			      .mode = mode,
			      .launch = "parse",
			      .source = realpath(a->file, source) ? source : a->file };
	if (!ret)
		ret = vb_output_write(rf, &m, &again.data, &samples, e);
	else
		vb_samples_out_close(&samples, NULL);
	vb_stream_free(&again);
	return ret ? -1 : vb_runfolder_commit(rf, e);
}

int vb_cmd_parse(int argc, char **argv)
{
	struct vb_parse_args a;
	struct vb_stream_opts so = { 0 };
	struct vb_runfolder rf = { 0 };
	struct vb_stream s;
	struct vb_paths p;
	struct vb_error e;
	int r = vb_parse_args(argc, argv, &a);

	if (r)
		return r > 0 ? VB_EXIT_OK : VB_EXIT_USAGE;
	if (vb_paths_resolve(&p, NULL, a.root, &e))
		return vb_report(VB_EXIT_USAGE, "%s", e.msg);
	so.require_samples = a.samples;
	vb_stream_init(&s, &so);
	/* One pass does it all; this look only reads up to the begin record (or a failure). */
	r = vb_parse_file(a.file, &s, vb_scan_line, -1, &e);
	if (r) {
		r = vb_report(VB_EXIT_USAGE, "%s", e.msg);
	} else if (s.failed || !s.data.has_begin) {
		if (!vb_stream_finish(&s, NULL, &e)) /* cannot end well without a begin */
			vb_fail(&e, "no begin record");
		r = vb_report(VB_EXIT_FAILED, "%s: %s", a.file, e.msg);
	} else if (vb_parse_write(&a, &p, &s, &rf, &e)) {
		vb_runfolder_abort(&rf);
		r = vb_report(VB_EXIT_FAILED, "%s", e.msg);
	} else
		printf("%s\n", rf.final);
	vb_stream_free(&s);
	return r;
}
