/* Test helpers: console streams with correct CRCs, temporary folders, files. */
#include "helpers.h"

#include <libgen.h>
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <unistd.h>
#include <zlib.h>

#include "records/console.h"
#include "results/runfolder.h"
#include "base/stats.h"

static void vbt_vappend(struct vbt_buf *b, const char *fmt, va_list ap)
{
	va_list aq;
	int n;

	va_copy(aq, ap);
	n = vsnprintf(NULL, 0, fmt, aq);
	va_end(aq);
	b->s = vb_grow(b->s, &b->cap, b->len + (size_t)n + 1, 1);
	vsnprintf(b->s + b->len, (size_t)n + 1, fmt, ap);
	b->len += (size_t)n;
}

void vbt_append(struct vbt_buf *b, const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	vbt_vappend(b, fmt, ap);
	va_end(ap);
}

char *vbt_record(const char *body)
{
	char *pre = vb_xasprintf("@vb1 %s ", body);
	char *rec = vb_xasprintf("%s*%08lx", pre, crc32(0L, (const Bytef *)pre, strlen(pre)));

	free(pre);
	return rec;
}

void vbt_raw(struct vbt_gen *g, const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	vbt_vappend(&g->b, fmt, ap);
	va_end(ap);
}

static void vbt_src(struct vbt_gen *g, char src, const char *fmt, va_list ap)
{
	struct vbt_buf body = { 0 };
	char *rec;

	vbt_append(&body, "%c %u ", src, src == 'g' ? g->gseq++ : g->hseq++);
	vbt_vappend(&body, fmt, ap);
	rec = vbt_record(body.s);
	vbt_append(&g->b, "%s\n", rec);
	free(rec);
	free(body.s);
}

void vbt_g(struct vbt_gen *g, const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	vbt_src(g, 'g', fmt, ap);
	va_end(ap);
}

void vbt_h(struct vbt_gen *g, const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	vbt_src(g, 'h', fmt, ap);
	va_end(ap);
}

void vbt_begin(struct vbt_gen *g, const char *target, const char *mode, const char *clock,
	       unsigned benches)
{
	if (!strcmp(mode, "virt"))
		vbt_h(g,
		      "hyp rev=1a2b3c4 arch=armv8 policy=lean s2_granule=4096 s2_start_level=1 ipa_bits=32 "
		      "vtcr=0x80023560 hcr=0x80000001");
	vbt_g(g,
	      "begin target=%s arch=armv8 cpu=cortex-a72 mode=%s midr=0x410fd083 "
	      "cntfrq=62500000 pmu_counters=6 gic=3 rev=1a2b3c4 emulated=yes clock=%s "
	      "benches=%u warmup=16",
	      target, mode, clock, benches);
}

void vbt_prologue(struct vbt_gen *g, const char *mode, unsigned benches)
{
	vbt_begin(g, "qemu-a72", mode, "icount", benches);
}

void vbt_result(struct vbt_gen *g, const char *bench, const uint64_t *v, size_t n)
{
	struct vb_summary s;

	vb_stats_summarize(v, n, &s);
	vbt_g(g,
	      "result bench=%s config=s1-4k_s2-4k unit=cycles status=ok n=%zu warmup=16 "
	      "min=%llu p50=%llu p90=%llu p99=%llu max=%llu sum=%llu ssq=%llu "
	      "ev_inst_retired=31 ev_exc_taken=unsupported",
	      bench, n, (unsigned long long)s.min, (unsigned long long)s.p50,
	      (unsigned long long)s.p90, (unsigned long long)s.p99, (unsigned long long)s.max,
	      (unsigned long long)s.sum, (unsigned long long)s.ssq);
}

void vbt_samples(struct vbt_gen *g, const char *bench, const uint64_t *v, size_t n)
{
	for (size_t i = 0; i < n; i += 16) {
		struct vbt_buf vals = { 0 };

		for (size_t j = i; j < n && j < i + 16; j++)
			vbt_append(&vals, "%s%llu", j > i ? "," : "", (unsigned long long)v[j]);
		vbt_g(g, "samples bench=%s config=s1-4k_s2-4k first=%zu v=%s", bench, i, vals.s);
		free(vals.s);
	}
}

void vbt_end(struct vbt_gen *g)
{
	vbt_g(g, "end records=%u", g->gseq);
}

void vbt_free(struct vbt_gen *g)
{
	free(g->b.s);
	memset(g, 0, sizeof(*g));
}

/* Reads the whole text, as vbench parse does: a record after the end is a failure. */
static bool vbt_line(void *ctx, const char *line, size_t len)
{
	vb_stream_line(ctx, line, len);
	return false;
}

int vbt_verify(const char *text, size_t len, const struct vb_stream_opts *o, struct vb_error *e,
	       struct vb_stream *s)
{
	struct vb_stream local;
	struct vb_lines lines;
	int ret;

	if (!s)
		s = &local;
	vb_stream_init(s, o);
	vb_lines_init(&lines);
	if (!vb_lines_feed(&lines, text, len, vbt_line, s))
		vb_lines_flush(&lines, vbt_line, s);
	vb_lines_free(&lines);
	ret = vb_stream_finish(s, NULL, e);
	if (s == &local)
		vb_stream_free(s);
	return ret;
}

void vbt_expect_fail(struct vbt_gen *g, const struct vb_stream_opts *o, const char *msg)
{
	struct vb_error e;

	assert_int_equal(vbt_verify(g->b.s, g->b.len, o, &e, NULL), -1);
	vbt_contains(e.msg, msg);
	vbt_free(g);
}

char *vbt_tmpdir(void)
{
	const char *base = getenv("TMPDIR");
	char *dir = vb_xasprintf("%s/vbench-test-XXXXXX", base && *base ? base : "/tmp");

	if (!mkdtemp(dir))
		fail_msg("mkdtemp %s failed", dir);
	return dir;
}

void vbt_rmdir(char *dir)
{
	vb_rm_rf(dir);
	free(dir);
}

void vbt_write(const char *path, const char *text)
{
	FILE *f = fopen(path, "w");

	if (!f)
		fail_msg("cannot create %s", path);
	fputs(text, f);
	fclose(f);
}

char *vbt_read(const char *path)
{
	FILE *f = fopen(path, "rb");
	struct vbt_buf b = { 0 };
	char chunk[4096];
	size_t n;

	if (!f)
		return NULL;
	vbt_append(&b, "%s", "");
	while ((n = fread(chunk, 1, sizeof(chunk), f)) > 0) {
		b.s = vb_grow(b.s, &b.cap, b.len + n + 1, 1);
		memcpy(b.s + b.len, chunk, n);
		b.len += n;
		b.s[b.len] = '\0';
	}
	fclose(f);
	return b.s;
}

int vbt_exists(const char *path)
{
	struct stat st;

	return !lstat(path, &st);
}

char *vbt_fake_root(void)
{
	char *root = vbt_tmpdir(), *p;

	p = vb_xasprintf("%s/bench", root);
	mkdir(p, 0777);
	free(p);
	p = vb_xasprintf("%s/bench/targets", root);
	mkdir(p, 0777);
	free(p);
	p = vb_xasprintf("%s/bench/targets/fake.conf", root);
	{
		char *conf = vb_xasprintf("arch = armv8\ncpu = cortex-a72\nram_base = 0x40000000\n"
					  "ram_size = 0x80000000\ntest_base = 0x80000000\n"
					  "test_size = 0x40000000\nuart = pl011\n"
					  "uart_base = 0x09000000\ngic_version = 3\n"
					  "gicd_base = 0x08000000\ngicd_size = 0x10000\n"
					  "gicr_base = 0x080a0000\ngicr_size = 0x20000\n"
					  "vdev_ipa = 0x0c000000\nhalt = psci-off\n"
					  "emulated = yes\nlaunch = qemu\n"
					  "qemu = %s/fake-qemu -M virt -cpu cortex-a72\n",
					  root);

		vbt_write(p, conf);
		free(conf);
	}
	free(p);
	p = vb_xasprintf("%s/fake-qemu", root);
	vbt_write(p, "#!/bin/sh\n"
		     "d=$(dirname \"$0\")\n"
		     "printf '%s\\n' \"$@\" > \"$d/args\"\n"
		     "readlink /proc/self/fd/0 > \"$d/stdin\"\n"
		     "cat \"$d/console\"\n"
		     ". \"$d/after\"\n");
	chmod(p, 0755);
	free(p);
	vbt_fake_console(root, "", "exit 0");
	return root;
}

void vbt_fake_console(const char *root, const char *console, const char *after)
{
	char *p = vb_xasprintf("%s/console", root);

	vbt_write(p, console);
	free(p);
	p = vb_xasprintf("%s/after", root);
	vbt_write(p, after);
	free(p);
}

/* Appends one CSV field, quoted as libcsv writes it (no quotes in test values). */
static void vbt_field(struct vbt_buf *b, const char *v, int first)
{
	vbt_append(b, "%s\"%s\"", first ? "" : ",", v);
}

void vbt_run_begin(struct vbt_run *r, const char *dir, const char *id, const char *target,
		   const char *mode, const char *policy, const char *extra_cols)
{
	char *p;

	memset(r, 0, sizeof(*r));
	r->dir = vb_xasprintf("%s/%s", dir, id);
	r->id = vb_xstrdup(id);
	r->target = vb_xstrdup(target);
	r->mode = vb_xstrdup(mode);
	r->policy = vb_xstrdup(policy);
	r->clock = vb_xstrdup("icount");
	r->extra_cols = extra_cols ? vb_xstrdup(extra_cols) : NULL;
	mkdir(r->dir, 0777);
	p = vb_xasprintf("%s/meta.csv", r->dir);
	{
		char *meta = vb_xasprintf(
			"\"key\",\"value\"\n\"run_id\",\"%s\"\n\"date\",\"2026-11-28T00:00:00Z\"\n"
			"\"target\",\"%s\"\n\"mode\",\"%s\"\n\"begin.rev\",\"abc1234\"\n"
			"\"begin.clock\",\"icount\"\n\"hyp.policy\",\"%s\"\n",
			id, target, mode, strcmp(policy, "none") ? policy : "");

		vbt_write(p, meta);
		free(meta);
	}
	free(p);
	vbt_append(&r->summary,
		   "\"run_id\",\"target\",\"arch\",\"mode\",\"bench\",\"config\","
		   "\"policy\",\"unit\",\"status\",\"n\",\"warmup\",\"min\",\"median\","
		   "\"p90\",\"p99\",\"max\",\"mean\",\"stddev\",\"emulated\",\"clock\"");
	if (r->extra_cols) {
		char *cols = vb_xstrdup(r->extra_cols), *save = NULL;

		for (char *c = strtok_r(cols, ";", &save); c; c = strtok_r(NULL, ";", &save))
			vbt_append(&r->summary, ",\"%s\"", c);
		free(cols);
	}
	vbt_append(&r->summary, "\n");
	vbt_append(&r->samples, "\"row\",\"index\",\"value\"\n");
}

static void vbt_run_fields(struct vbt_run *r, const char *bench, const char *config,
			   const char *status, const char *nums, const char *extra)
{
	r->rows++;
	vbt_field(&r->summary, r->id, 1);
	vbt_append(&r->summary, ",\"%s\",\"armv8\",\"%s\",\"%s\",\"%s\",\"%s\",\"cycles\",\"%s\",",
		   r->target, r->mode, bench, config, r->policy, status);
	vbt_append(&r->summary, "%s,\"yes\",\"%s\"", nums, r->clock);
	if (extra) {
		char *vals = vb_xstrdup(extra), *save = NULL;

		for (char *c = strtok_r(vals, ";", &save); c; c = strtok_r(NULL, ";", &save))
			vbt_append(&r->summary, ",\"%s\"", strchr(c, '=') ? strchr(c, '=') + 1 : c);
		free(vals);
	}
	vbt_append(&r->summary, "\n");
}

void vbt_run_row(struct vbt_run *r, const char *bench, const char *config, const char *extra,
		 const uint64_t *v, size_t n)
{
	struct vb_summary s;
	char *nums;

	vb_stats_summarize(v, n, &s);
	nums = vb_xasprintf("\"%llu\",\"10\",\"%llu\",\"%llu\",\"%llu\",\"%llu\",\"%llu\","
			    "\"%.3f\",\"\"",
			    (unsigned long long)s.n, (unsigned long long)s.min,
			    (unsigned long long)s.p50, (unsigned long long)s.p90,
			    (unsigned long long)s.p99, (unsigned long long)s.max,
			    vb_stats_mean(s.n, s.sum));
	vbt_run_fields(r, bench, config, "ok", nums, extra);
	free(nums);
	for (size_t i = 0; i < n && !r->no_samples; i++)
		vbt_append(&r->samples, "%zu,%zu,%llu\n", r->rows, i, (unsigned long long)v[i]);
}

void vbt_run_na(struct vbt_run *r, const char *bench, const char *config, const char *extra)
{
	vbt_run_status(r, bench, config, extra, "na");
}

void vbt_run_status(struct vbt_run *r, const char *bench, const char *config, const char *extra,
		    const char *status)
{
	vbt_run_fields(r, bench, config, status, "\"\",\"\",\"\",\"\",\"\",\"\",\"\",\"\",\"\"",
		       extra);
}

void vbt_run_clock(struct vbt_run *r, const char *clock)
{
	char *p = vb_xasprintf("%s/meta.csv", r->dir), *meta = vbt_read(p), *at;

	free(r->clock);
	r->clock = vb_xstrdup(clock);
	at = strstr(meta, "\"begin.clock\",\"icount\"\n");
	if (at) {
		char *m = vb_xasprintf("%.*s\"begin.clock\",\"%s\"\n%s", (int)(at - meta), meta,
				       clock, at + strlen("\"begin.clock\",\"icount\"\n"));

		vbt_write(p, m);
		free(m);
	}
	free(meta), free(p);
}

void vbt_run_end(struct vbt_run *r)
{
	char *p = vb_xasprintf("%s/summary.csv", r->dir);

	vbt_write(p, r->summary.s);
	free(p);
	if (!r->no_samples) {
		p = vb_xasprintf("%s/samples.csv", r->dir);
		vbt_write(p, r->samples.s);
		free(p);
	}
	free(r->dir), free(r->id), free(r->target), free(r->mode), free(r->policy);
	free(r->clock), free(r->extra_cols), free(r->summary.s), free(r->samples.s);
}

void vbt_noise(uint64_t *v, size_t n, double center, double pct, unsigned seed)
{
	uint64_t x = seed * 6364136223846793005ULL + 1442695040888963407ULL;

	for (size_t i = 0; i < n; i++) {
		double u;

		x = x * 6364136223846793005ULL + 1442695040888963407ULL;
		u = (double)(x >> 11) / (double)(1ULL << 53); /* [0, 1) */
		v[i] = (uint64_t)(center * (1 + pct / 100 * (2 * u - 1)) + 0.5);
	}
}

const char *vbt_build(void)
{
	static char build[PATH_MAX];

	if (!build[0]) {
		char exe[PATH_MAX];
		ssize_t n = readlink("/proc/self/exe", exe, sizeof(exe) - 1);

		assert_true(n > 0);
		exe[n] = '\0';
		snprintf(build, sizeof(build), "%s", dirname(dirname(dirname(dirname(exe)))));
	}
	return build;
}

const char *vbt_vbench(void)
{
	static char vbench[PATH_MAX + 16];

	if (!vbench[0])
		snprintf(vbench, sizeof(vbench), "%s/bin/vbench", vbt_build());
	if (access(vbench, X_OK))
		fail_msg("no %s: build it first (make harness)", vbench);
	return vbench;
}

void vbt_cli_run(struct vbt_cli *c, const char *tmp, const char *args)
{
	char *o = vb_xasprintf("%s/stdout", tmp), *e = vb_xasprintf("%s/stderr", tmp);
	char *cmd = vb_xasprintf("VBENCH_ROOT='%s' %s %s >%s 2>%s </dev/null", VB_SRC_ROOT,
				 vbt_vbench(), args, o, e);
	int st = system(cmd);

	c->status = WIFEXITED(st) ? WEXITSTATUS(st) : -1;
	free(c->out), free(c->err);
	c->out = vbt_read(o);
	c->err = vbt_read(e);
	free(cmd), free(o), free(e);
}

void vbt_run_small(const char *dir, const char *id, const char *clock, const char *bench,
		   const char *status)
{
	uint64_t v[10] = { 13, 13, 13, 13, 13, 13, 13, 13, 13, 13 };
	struct vbt_run r;

	vbt_run_begin(&r, dir, id, "qemu-a72", "virt", "lean", "variant");
	vbt_run_clock(&r, clock);
	if (status)
		vbt_run_status(&r, bench, "s1-4k_s2-4k", "variant=", status);
	else
		vbt_run_row(&r, bench, "s1-4k_s2-4k", "variant=", v, 10);
	vbt_run_row(&r, "tlb_miss_chase", "s1-4k_s2-4k", "variant=16384", v, 10);
	vbt_run_end(&r);
}

void vbt_fake_cli_setup(struct vbt_fake_cli *c)
{
	char *p;

	memset(c, 0, sizeof(*c));
	c->root = vbt_fake_root();
	c->build = vb_xasprintf("%s/build", c->root);
	mkdir(c->build, 0777);
	p = vb_xasprintf("%s/fake", c->build);
	mkdir(p, 0777);
	free(p);
	p = vb_xasprintf("%s/fake/virt.elf", c->build);
	vbt_write(p, "ELF");
	free(p);
}

void vbt_fake_cli_teardown(struct vbt_fake_cli *c)
{
	free(c->out);
	free(c->err);
	free(c->build);
	vbt_rmdir(c->root);
}

void vbt_fake_cli_run(struct vbt_fake_cli *c, const char *fmt, ...)
{
	char *args, *cmd, *o = vb_xasprintf("%s/stdout", c->root);
	char *e = vb_xasprintf("%s/stderr", c->root);
	va_list ap;
	int st;

	va_start(ap, fmt);
	assert_true(vasprintf(&args, fmt, ap) >= 0);
	va_end(ap);
	cmd = vb_xasprintf("%s %s >%s 2>%s </dev/null", vbt_vbench(), args, o, e);
	st = system(cmd);
	c->status = WIFEXITED(st) ? WEXITSTATUS(st) : -1;
	free(c->out);
	free(c->err);
	c->out = vbt_read(o);
	c->err = vbt_read(e);
	if (c->out[0])
		c->out[strlen(c->out) - 1] = '\0'; /* the folder, without its newline */
	free(args), free(cmd), free(o), free(e);
}

char *vbt_file_in(const char *dir, const char *name)
{
	char *p = vb_xasprintf("%s/%s", dir, name), *text = vbt_read(p);

	free(p);
	return text;
}
