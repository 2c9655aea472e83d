/*
 * vbench perf-ingest: `perf stat -x,` or `perf stat --json` output for a
 * user's own workload as a run folder (docs/linux.md), so compare, plot and
 * report put it beside the microbenchmarks. The counts become records of
 * mode=perf, one result per event, written to a console log that vbench
 * parse's own path verifies and lays out; results.csv keeps perf's columns
 * as printed.
 */
#include <errno.h>
#include <getopt.h>
#include <libgen.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "cmd.h"
#include "records/perfstat.h"
#include "records/record.h"

static const char vb_perf_usage[] =
	"usage: vbench perf-ingest FILE [options]\n"
	"Reads the output of `perf stat -x, ...` (or `perf stat --json ...`, perf 6.1 and\n"
	"later) and writes a run folder: one row per event in summary.csv (mode perf, the\n"
	"value exactly as counted; msec with decimals as ns) and results.csv with perf's\n"
	"columns as printed (docs/linux.md).\n"
	"\n"
	"  --out DIR       write the run here (an older run folder there is replaced)\n"
	"  --results DIR   write the run to DIR/<run-id> (default: <root>/results)\n"
	"  --target NAME   the machine it ran on, the target column (default: perf)\n"
	"  --arch A        armv8, armv7, ... (default: unknown)\n"
	"  --label NAME    the workload's name, the config column (default: perf-stat)\n"
	"  --command CMD   the command perf stat ran, kept in results.csv and meta.csv\n"
	"  --root DIR      source root (default: $VBENCH_ROOT, else the build folder's parent)\n"
	"  -h, --help      this text\n"
	"\n"
	"Exit status: 0 written, 1 the folder could not be written, 2 bad usage or input\n"
	"(the message names FILE:line).\n";

struct vb_perf_args {
	const char *file, *out, *results, *target, *arch, *label, *command, *root;
};

static int vb_perf_args(int argc, char **argv, struct vb_perf_args *a)
{
	static const struct option opts[] = {
		{ "out", 1, 0, 'O' },  { "results", 1, 0, 'r' }, { "target", 1, 0, 't' },
		{ "arch", 1, 0, 'a' }, { "label", 1, 0, 'l' },	 { "command", 1, 0, 'c' },
		{ "root", 1, 0, 'R' }, { "help", 0, 0, 'h' },	 { 0, 0, 0, 0 },
	};
	int c;

	*a = (struct vb_perf_args){ .target = "perf", .arch = "unknown", .label = "perf-stat" };
	opterr = 0;
	while ((c = getopt_long(argc, argv, ":h", opts, NULL)) != -1) {
		switch (c) {
		case 'O':
			a->out = optarg;
			break;
		case 'r':
			a->results = optarg;
			break;
		case 't':
			a->target = optarg;
			break;
		case 'a':
			a->arch = optarg;
			break;
		case 'l':
			a->label = optarg;
			break;
		case 'c':
			a->command = optarg;
			break;
		case 'R':
			a->root = optarg;
			break;
		case 'h':
			fputs(vb_perf_usage, stdout);
			return 1;
		case ':':
			return vb_report(-1, "perf-ingest: option '%s' needs a value",
					 argv[optind - 1]);
		default:
			return vb_report(-1,
					 "perf-ingest: unknown option '%s' (vbench perf-ingest "
					 "--help)",
					 argv[optind - 1]);
		}
	}
	if (optind != argc - 1)
		return vb_report(-1, "perf-ingest: expected one file of perf stat output "
				     "(vbench perf-ingest --help)");
	a->file = argv[optind];
	if (a->out && a->results)
		return vb_report(-1, "perf-ingest: --out and --results exclude each other");
	/* they name the run folder and sit in records: one word each */
	for (const char *const *w = (const char *const[]){ a->target, a->arch, a->label, NULL }; *w;
	     w++)
		if (!**w || strpbrk(*w, " */\t\n"))
			return vb_report(-1,
					 "perf-ingest: '%s': --target, --arch and --label are "
					 "one word without '/' or '*'",
					 *w);
	return 0;
}

static char *vb_read_all(const char *path, struct vb_error *e)
{
	FILE *f = fopen(path, "rb");
	size_t cap = 1 << 16, n = 0, got;
	char *buf;

	if (!f) {
		vb_fail(e, "perf-ingest: cannot open %s: %s", path, strerror(errno));
		return NULL;
	}
	buf = vb_xmalloc(cap);
	while ((got = fread(buf + n, 1, cap - n - 1, f)) > 0) {
		n += got;
		if (n + 1 == cap)
			buf = realloc(buf, cap *= 2);
		if (!buf)
			abort();
	}
	buf[n] = 0;
	if (ferror(f) || memchr(buf, 0, n)) {
		vb_fail(e, "perf-ingest: %s: %s", path,
			ferror(f) ? strerror(errno) : "a NUL byte: not perf stat's text output");
		fclose(f);
		free(buf);
		return NULL;
	}
	fclose(f);
	return buf;
}

/* A record line with its CRC, as the images write one (docs/records.md). */
static void vb_emit(FILE *f, unsigned seq, const char *body)
{
	char line[2048];
	int n = snprintf(line, sizeof(line), "@vb1 g %u %s ", seq, body);

	fprintf(f, "%s*%08x\n", line, vb_record_crc(line, (size_t)n));
}

/* A value as records carry it: printable, no spaces or '*'. */
static const char *vb_word(const char *s, char *buf, size_t len)
{
	size_t i = 0;

	for (; *s && i + 1 < len; s++)
		buf[i++] = (*s == ' ' || *s == '*' || *s < 0x21 || *s > 0x7e) ? '_' : *s;
	buf[i] = 0;
	return i ? buf : "-";
}

/* The records of the counts; bad values are errors naming file:line. */
static int vb_perf_log(const struct vb_perf_args *a, const struct vb_perf_stat *s, FILE *f,
		       struct vb_error *e)
{
	char body[1800], w1[256], w2[256];
	unsigned seq = 0;

	for (size_t i = 0; i < s->nrows; i++)
		for (size_t j = 0; j < i; j++)
			if (!strcmp(s->rows[i].event, s->rows[j].event))
				return vb_fail(e, "%s:%u: event %s again (first on line %u)",
					       a->file, s->rows[i].line, s->rows[i].event,
					       s->rows[j].line);
	snprintf(body, sizeof(body),
		 "begin target=%s arch=%s mode=perf emulated=no clock=perf benches=%zu "
		 "samples=1 warmup=0 perf_format=%s perf_command=%s",
		 a->target, a->arch, s->nrows, s->rows[0].fmt,
		 vb_word(a->command ? a->command : "", w1, sizeof(w1)));
	vb_emit(f, seq++, body);
	for (size_t i = 0; i < s->nrows; i++) {
		const struct vb_perf_row *r = &s->rows[i];
		unsigned long long v;
		const char *unit;
		struct vb_error ve;
		int n;

		if (strcmp(r->status, "ok")) {
			snprintf(body, sizeof(body),
				 "result bench=%s config=%s unit=%s status=unsupported reason=%s",
				 vb_word(r->event, w1, sizeof(w1)), a->label,
				 *r->unit ? r->unit : "count", r->status);
			vb_emit(f, seq++, body);
			continue;
		}
		if (vb_perf_value(r, &v, &unit, &ve))
			return vb_fail(e, "%s:%s", a->file, ve.msg + strlen("line "));
		n = snprintf(body, sizeof(body),
			     "result bench=%s config=%s unit=%s status=ok n=1 warmup=0 min=%llu "
			     "p50=%llu p90=%llu p99=%llu max=%llu sum=%llu ssq=0 perf_value=%s",
			     vb_word(r->event, w1, sizeof(w1)), a->label, unit, v, v, v, v, v, v,
			     vb_word(r->value, w2, sizeof(w2)));
		if (*r->variance)
			n += snprintf(body + n, sizeof(body) - (size_t)n, " perf_variance_pct=%s",
				      r->variance);
		if (*r->running)
			snprintf(body + n, sizeof(body) - (size_t)n, " perf_running_pct=%s",
				 r->running);
		vb_emit(f, seq++, body);
	}
	snprintf(body, sizeof(body), "end records=%u", seq);
	vb_emit(f, seq, body);
	return 0;
}

struct vb_perf_ctx {
	const struct vb_perf_args *a;
	const struct vb_perf_stat *s;
};

/* results.csv: perf's own columns, as printed, one row per event. */
static int vb_perf_results_csv(void *arg, const struct vb_runfolder *rf, struct vb_error *e)
{
	static const char *const head[] = { "event",	   "value",  "unit",	"variance_pct",
					    "running_pct", "status", "command", "line" };
	const struct vb_perf_ctx *c = arg;
	char path[PATH_MAX + 32], line[16];
	FILE *f;
	int bad;

	vb_runfolder_file(rf, "results.csv", path, sizeof(path));
	f = fopen(path, "wb");
	if (!f)
		return vb_fail(e, "cannot create %s: %s", path, strerror(errno));
	bad = vb_csv_row(f, head, 8);
	for (size_t i = 0; i < c->s->nrows; i++) {
		const struct vb_perf_row *r = &c->s->rows[i];
		const char *row[8] = { r->event,
				       r->value,
				       r->unit,
				       r->variance,
				       r->running,
				       r->status,
				       c->a->command ? c->a->command : "",
				       line };

		snprintf(line, sizeof(line), "%u", r->line);
		bad |= vb_csv_row(f, row, 8);
	}
	if (fclose(f) || bad)
		return vb_fail(e, "writing %s failed", path);
	return 0;
}

int vb_cmd_perf_ingest(int argc, char **argv)
{
	struct vb_perf_args a;
	struct vb_perf_stat s;
	struct vb_parse_args pa = { 0 };
	struct vb_perf_ctx ctx = { &a, &s };
	struct vb_field extra[2];
	struct vb_error e;
	char log[] = "/tmp/vbench-perf-XXXXXX";
	char *text;
	FILE *f;
	int fd, r = vb_perf_args(argc, argv, &a);

	if (r)
		return r > 0 ? VB_EXIT_OK : VB_EXIT_USAGE;
	text = vb_read_all(a.file, &e);
	if (!text)
		return vb_report(VB_EXIT_USAGE, "%s", e.msg);
	r = vb_perf_stat_parse(a.file, text, &s, &e);
	free(text);
	if (r)
		return vb_report(VB_EXIT_USAGE, "perf-ingest: %s", e.msg);
	fd = mkstemp(log);
	f = fd < 0 ? NULL : fdopen(fd, "w");
	if (!f) {
		vb_perf_stat_free(&s);
		return vb_report(VB_EXIT_FAILED, "perf-ingest: cannot make a temporary file: %s",
				 strerror(errno));
	}
	r = vb_perf_log(&a, &s, f, &e);
	if (fclose(f) && !r)
		r = vb_fail(&e, "perf-ingest: writing %s failed", log);
	if (r) {
		unlink(log);
		vb_perf_stat_free(&s);
		return vb_report(VB_EXIT_USAGE, "perf-ingest: %s", e.msg);
	}
	pa.file = log;
	pa.out = a.out;
	pa.results = a.results;
	pa.root = a.root;
	pa.launch = "perf-ingest";
	pa.source = a.file;
	extra[0] = (struct vb_field){ "perf_format", (char *)s.rows[0].fmt };
	extra[1] = (struct vb_field){ "perf_command", (char *)(a.command ? a.command : "") };
	pa.extra = extra;
	pa.nextra = 2;
	pa.more_files = vb_perf_results_csv;
	pa.more_ctx = &ctx;
	r = vb_parse_console(&pa);
	unlink(log);
	vb_perf_stat_free(&s);
	return r;
}
