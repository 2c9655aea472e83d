/*
 * vbench run --suite NAME: the sweeps of bench/suites/NAME.suite (docs/suites.md),
 * each configuration virtualized and natively (once per stage-1 configuration),
 * one run folder each. Every run is tried; the status says whether any failed.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cmd.h"
#include "run_args.h"
#include "target.h"
#include "xlatspec.h"

#define VB_SUITE_MAX 64

struct vb_suite_config {
	char s1_spec[64], s2_spec[64];
	struct vb_stage_cfg s1, s2;
};

struct vb_suite {
	char only[VB_PARAMS_ONLY_LEN];
	uint32_t footprints[VB_PARAMS_MAX_FOOTPRINTS];
	unsigned n, warmup;
	struct vb_suite_config c[VB_SUITE_MAX];
	unsigned nc;
};

static char *vb_trim_ws(char *s)
{
	char *end;

	while (*s == ' ' || *s == '\t')
		s++;
	end = s + strlen(s);
	while (end > s && (end[-1] == ' ' || end[-1] == '\t' || end[-1] == '\n' || end[-1] == '\r'))
		*--end = '\0';
	return s;
}

/* Puts "file:line: " before the message e already holds. */
static int vb_suite_at(struct vb_error *e, const char *path, unsigned line)
{
	char msg[sizeof(e->msg)];

	snprintf(msg, sizeof(msg), "%s", e->msg);
	return vb_fail(e, "%s:%u: %s", path, line, msg);
}

/* `config = S1 [S2]`: stage 2 absent means hyp-min's default. */
static int vb_suite_config(struct vb_suite *s, const char *path, unsigned line, char *v,
			   struct vb_error *e)
{
	struct vb_suite_config *c = &s->c[s->nc];
	char *save = NULL, *s1 = strtok_r(v, " \t", &save), *s2 = strtok_r(NULL, " \t", &save);

	if (s->nc == VB_SUITE_MAX)
		return vb_fail(e, "%s:%u: at most %d configurations", path, line, VB_SUITE_MAX);
	if (!s1 || strtok_r(NULL, " \t", &save) || strlen(s1) >= sizeof(c->s1_spec) ||
	    (s2 && strlen(s2) >= sizeof(c->s2_spec)))
		return vb_fail(e, "%s:%u: expected 'config = STAGE1 [STAGE2]'", path, line);
	snprintf(c->s1_spec, sizeof(c->s1_spec), "%s", s1);
	snprintf(c->s2_spec, sizeof(c->s2_spec), "%s", s2 ? s2 : "4k");
	if (vb_stage_parse(c->s1_spec, 0, &c->s1, e) || vb_stage_parse(c->s2_spec, 1, &c->s2, e))
		return vb_suite_at(e, path, line);
	s->nc++;
	return 0;
}

static int vb_suite_line(struct vb_suite *s, const char *path, unsigned line, char *text,
			 struct vb_error *e)
{
	char *hash = strchr(text, '#'), *eq, *k, *v;
	uint64_t x;

	if (hash)
		*hash = '\0';
	text = vb_trim_ws(text);
	if (!*text)
		return 0;
	eq = strchr(text, '=');
	if (!eq)
		return vb_fail(e, "%s:%u: expected 'key = value'", path, line);
	*eq = '\0';
	k = vb_trim_ws(text);
	v = vb_trim_ws(eq + 1);
	if (!strcmp(k, "config"))
		return vb_suite_config(s, path, line, v, e);
	if (!strcmp(k, "only")) {
		if (vb_only_check(v, e))
			return vb_suite_at(e, path, line);
		snprintf(s->only, sizeof(s->only), "%s", v);
		return 0;
	}
	if (!strcmp(k, "footprints"))
		return vb_footprints_parse(v, s->footprints, e) ? vb_suite_at(e, path, line) : 0;
	if (!strcmp(k, "n") || !strcmp(k, "warmup")) {
		if (vb_parse_u64(v, &x) || x < 1 || x > (k[0] == 'n' ? VB_MAX_SAMPLES : 100000))
			return vb_fail(e, "%s:%u: %s = %s is not a count", path, line, k, v);
		*(k[0] == 'n' ? &s->n : &s->warmup) = (unsigned)x;
		return 0;
	}
	if (!strcmp(k, "description"))
		return 0;
	return vb_fail(e, "%s:%u: unknown key '%s'", path, line, k);
}

static int vb_suite_load(struct vb_suite *s, const char *root, const char *name, struct vb_error *e)
{
	char path[PATH_MAX + 64], text[1024];
	unsigned line = 0;
	FILE *f;
	int ret = 0;

	memset(s, 0, sizeof(*s));
	snprintf(path, sizeof(path), "%s/bench/suites/%s.suite", root, name);
	f = fopen(path, "r");
	if (!f)
		return vb_fail(e, "unknown suite '%s': cannot open %s", name, path);
	while (!ret && fgets(text, sizeof(text), f))
		ret = vb_suite_line(s, path, ++line, text, e);
	fclose(f);
	if (!ret && !s->nc)
		ret = vb_fail(e, "%s: no 'config =' line", path);
	return ret;
}

static int vb_suite_run_one(const struct vb_run_args *base, const struct vb_target *t,
			    const struct vb_paths *p, const struct vb_suite *s,
			    const struct vb_suite_config *c, bool virt, unsigned i, unsigned total)
{
	struct vb_run_args a = *base;
	char image[PATH_MAX + 64], name[96];
	int r;

	a.suite = NULL;
	a.mode = virt ? "virt" : "native";
	a.s1 = c->s1;
	a.s1_spec = c->s1_spec;
	a.s2 = virt ? c->s2 : (struct vb_stage_cfg){ 0 };
	a.s2_spec = virt ? c->s2_spec : NULL;
	a.only = s->only[0] ? s->only : NULL;
	memcpy(a.footprints, s->footprints, sizeof(a.footprints));
	if (!a.n)
		a.n = s->n;
	if (!a.warmup)
		a.warmup = s->warmup;
	snprintf(image, sizeof(image), "%s/%s/%s.elf", p->build, a.target, a.mode);
	vb_config_name(name, sizeof(name), &a.s1, virt ? &a.s2 : NULL, vb_target_get(t, "arch"));
	fprintf(stderr, "[%u/%u] %s %s %s\n", i, total, a.target, a.mode, name);
	fflush(stdout);
	r = vb_run_go(&a, t, image);
	if (r)
		fprintf(stderr, "[%u/%u] %s %s %s: FAILED\n", i, total, a.target, a.mode, name);
	return r;
}

/* The target file's `granules` (e.g. "4k 64k"), when it lists them: what the core implements. */
static int vb_granule_listed(const struct vb_target *t, const struct vb_stage_cfg *c, int stage2,
			     struct vb_error *e)
{
	const char *list = vb_target_get(t, "granules");
	char want[16];
	uint64_t g = c->granule ? c->granule : 0x1000;

	if (!list || !*list)
		return 0;
	snprintf(want, sizeof(want), "%llu", (unsigned long long)(g >> 10));
	for (const char *w = list; *w;) {
		size_t n = strcspn(w, " \t");

		if (n == strlen(want) + 1 && !strncmp(w, want, n - 1) && w[n - 1] == 'k')
			return 0;
		w += n;
		w += strspn(w, " \t");
	}
	return vb_fail(e, "stage %d: %sk granules are not in the target's granules (%s)",
		       stage2 ? 2 : 1, want, list);
}

int vb_run_suite(const struct vb_run_args *a, const struct vb_target *t, const struct vb_paths *p)
{
	static struct vb_suite s;
	const char *arch = vb_target_get(t, "arch");
	bool runnable[VB_SUITE_MAX], native[VB_SUITE_MAX];
	unsigned total = 0, i = 0, failed = 0;
	struct vb_error e;

	if (vb_suite_load(&s, p->root, a->suite, &e))
		return vb_report(VB_EXIT_USAGE, "run: %s", e.msg);
	/* what this target can build; native once per stage-1 configuration */
	for (unsigned k = 0; k < s.nc; k++) {
		runnable[k] = !vb_stage_check(&s.c[k].s1, 0, arch, &e) &&
			      !vb_stage_check(&s.c[k].s2, 1, arch, &e) &&
			      !vb_granule_listed(t, &s.c[k].s1, 0, &e) &&
			      !vb_granule_listed(t, &s.c[k].s2, 1, &e);
		if (!runnable[k])
			fprintf(stderr, "vbench: suite %s: %s %s skipped on %s: %s\n", a->suite,
				s.c[k].s1_spec, s.c[k].s2_spec, a->target, e.msg);
		native[k] = runnable[k];
		for (unsigned j = 0; j < k && native[k]; j++)
			if (native[j] && !memcmp(&s.c[j].s1, &s.c[k].s1, sizeof(s.c[k].s1)))
				native[k] = false;
		total += runnable[k] + native[k];
	}
	for (unsigned k = 0; k < s.nc; k++) {
		if (runnable[k])
			failed += vb_suite_run_one(a, t, p, &s, &s.c[k], true, ++i, total) != 0;
		if (native[k])
			failed += vb_suite_run_one(a, t, p, &s, &s.c[k], false, ++i, total) != 0;
	}
	if (!total) /* a sweep that measured nothing is not a success */
		return vb_report(VB_EXIT_FAILED, "suite %s: no configuration can run on %s",
				 a->suite, a->target);
	fprintf(stderr, "vbench: suite %s on %s: %u of %u runs verified\n", a->suite, a->target,
		total - failed, total);
	return failed ? VB_EXIT_FAILED : VB_EXIT_OK;
}
