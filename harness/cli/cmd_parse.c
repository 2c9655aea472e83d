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
	"The whole file is checked: a record after the end record fails it. The run folder\n"
	"keeps the log through the end record's line; meta.csv's trailing_bytes counts\n"
	"what followed it (noise), if anything did.\n"
	"\n"
	"Prints the run folder on success. Exit status: 0 verified, 1 verification failed\n"
	"(nothing is written), 2 bad usage.\n";

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

/* Bytes of a log: read, and through the end record's line (0: no end record). */
struct vb_parse_span {
	uint64_t total, verified;
};

struct vb_parse_ctx {
	struct vb_stream *s;
	const struct vb_lines *lines;
	struct vb_parse_span *span;
	bool scan; /* the first look: stop at the begin record, which names the run folder */
};

/* The whole file is read: a record after the end fails the run (docs/records.md). */
static bool vb_parse_line(void *arg, const char *line, size_t len)
{
	struct vb_parse_ctx *c = arg;
	bool ended = c->s->ended;

	vb_stream_line(c->s, line, len);
	if (!ended && c->s->ended)
		c->span->verified = c->lines->pos;
	return c->s->failed || (c->scan && c->s->data.has_begin);
}

/*
 * Verifies the log line by line; with scan, only up to its begin record.
 * With copy_fd >= 0 the bytes through the end record's line are copied to it
 * byte for byte on the way; what follows is read, checked and only counted.
 */
static int vb_parse_file(const char *file, struct vb_stream *s, bool scan, int copy_fd,
			 struct vb_parse_span *span, struct vb_error *e)
{
	const size_t size = 1 << 20; /* large reads: a log can hold millions of records */
	struct vb_lines lines;
	struct vb_parse_ctx c = { .s = s, .lines = &lines, .span = span, .scan = scan };
	char *buf;
	ssize_t n = 0;
	int fd = open(file, O_RDONLY | O_CLOEXEC), ret = 0;
	bool stop = false;

	memset(span, 0, sizeof(*span));
	if (fd < 0)
		return vb_fail(e, "cannot open %s: %s", file, strerror(errno));
	buf = vb_xmalloc(size);
	vb_lines_init(&lines);
	while (!stop && (n = read(fd, buf, size)) > 0) {
		uint64_t before = span->total, upto;

		stop = vb_lines_feed(&lines, buf, (size_t)n, vb_parse_line, &c);
		span->total += (uint64_t)n;
		/* lines are handed over as they end: copy what is verified so far, no further than end */
		upto = s->ended ? span->verified : span->total;
		if (copy_fd >= 0 && upto > before &&
		    vb_write_all(copy_fd, buf, (size_t)(upto - before))) {
			ret = vb_fail(e, "writing console.log: %s", strerror(errno));
			break;
		}
	}
	if (!ret && n < 0)
		ret = vb_fail(e, "reading %s: %s", file, strerror(errno));
	if (!ret && !stop)
		vb_lines_flush(&lines, vb_parse_line, &c);
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
	char source[PATH_MAX], trailing[32];
	const char *src = a->source ? a->source : a->file;
	struct vb_samples_out samples;
	struct vb_parse_span span;
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
	 * Copy through the end record's line while verifying: the copy is exactly
	 * what was verified, what followed it is only counted. No fsync: the log it
	 * copies stays where it was, and the CSV files get none either.
	 */
	vb_stream_init(&again, &s->opts);
	vb_output_samples(&samples, rf, &again.data);
	ret = vb_parse_file(a->file, &again, false, fd, &span, e);
	if (close(fd))
		ret = ret ? ret : vb_fail(e, "writing %s: %s", path, strerror(errno));
	if (!ret && vb_stream_finish(&again, NULL, &ve))
		ret = vb_fail(e, "%s: %s", a->file, ve.msg);
	snprintf(trailing, sizeof(trailing), "%llu",
		 (unsigned long long)(span.total - span.verified));
	vb_iso_date(date, sizeof(date), time(NULL));
	/* a source that is no file (vbench run --mode linux's "qemu") is kept as given */
	m = (struct vb_meta){ .run_id = rf->id,
			      .version = VBENCH_VERSION,
			      .date = date,
			      .target = target,
			      .mode = mode,
			      .launch = a->launch ? a->launch : "parse",
			      .source = realpath(src, source) ? source : src,
			      .extra = a->extra,
			      .nextra = a->nextra,
			      .trailing_bytes = span.total > span.verified ? trailing : NULL };
	if (!ret)
		ret = vb_output_write(rf, &m, &again.data, &samples, e);
	else
		vb_samples_out_close(&samples, NULL);
	if (!ret && a->more_files)
		ret = a->more_files(a->more_ctx, rf, e);
	vb_stream_free(&again);
	return ret ? -1 : vb_runfolder_commit(rf, e);
}

int vb_cmd_parse(int argc, char **argv)
{
	struct vb_parse_args a;
	int r = vb_parse_args(argc, argv, &a);

	if (r)
		return r > 0 ? VB_EXIT_OK : VB_EXIT_USAGE;
	return vb_parse_console(&a);
}

int vb_parse_console(const struct vb_parse_args *ap)
{
	struct vb_parse_args a = *ap;
	struct vb_stream_opts so = { 0 };
	struct vb_parse_span span;
	struct vb_runfolder rf = { 0 };
	struct vb_stream s;
	struct vb_paths p;
	struct vb_error e;
	int r;

	if (vb_paths_resolve(&p, NULL, a.root, &e))
		return vb_report(VB_EXIT_USAGE, "%s", e.msg);
	so.require_samples = a.samples;
	vb_stream_init(&s, &so);
	/* One pass does it all; this look only reads up to the begin record (or a failure). */
	r = vb_parse_file(a.file, &s, true, -1, &span, &e);
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
