/* Reads a suite file, bench/suites/NAME.suite (docs/suites.md), into struct vb_suite. */
#include "suite.h"

#include <errno.h>
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "params.h"
#include "xlatspec.h"

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

/* Keys a suite gives at most once, and the line that gave each. */
static const char *const vb_suite_once[] = { "only", "footprints", "n", "warmup", "description" };
#define VB_SUITE_NONCE (sizeof(vb_suite_once) / sizeof(vb_suite_once[0]))

struct vb_suite_reader {
	struct vb_suite *s;
	const char *path;
	unsigned line;
	unsigned seen[VB_SUITE_NONCE];
	unsigned config_line[VB_SUITE_MAX];
	char config_name[VB_SUITE_MAX][96];
};

/*
 * `config = S1 [S2]`: stage 2 absent means hyp-min's default. A configuration
 * no architecture can build is a mistake in the file, not something a target
 * lacks: ARMv8 builds every configuration ARMv7 does, so it is the one asked.
 */
static int vb_suite_config(struct vb_suite_reader *r, char *v, struct vb_error *e)
{
	struct vb_suite *s = r->s;
	struct vb_suite_config *c = &s->c[s->nc];
	char *save = NULL, *s1 = strtok_r(v, " \t", &save), *s2 = strtok_r(NULL, " \t", &save);
	char *name = r->config_name[s->nc];

	if (s->nc == VB_SUITE_MAX)
		return vb_fail(e, "%s:%u: at most %d configurations", r->path, r->line,
			       VB_SUITE_MAX);
	if (!s1 || strtok_r(NULL, " \t", &save) || strlen(s1) >= sizeof(c->s1_spec) ||
	    (s2 && strlen(s2) >= sizeof(c->s2_spec)))
		return vb_fail(e, "%s:%u: expected 'config = STAGE1 [STAGE2]'", r->path, r->line);
	snprintf(c->s1_spec, sizeof(c->s1_spec), "%s", s1);
	snprintf(c->s2_spec, sizeof(c->s2_spec), "%s", s2 ? s2 : "4k");
	if (vb_stage_parse(c->s1_spec, 0, &c->s1, e) || vb_stage_parse(c->s2_spec, 1, &c->s2, e) ||
	    vb_stage_check(&c->s1, 0, "armv8", e) || vb_stage_check(&c->s2, 1, "armv8", e))
		return vb_suite_at(e, r->path, r->line);
	/* the name guest-min reports: one per configuration, however it is written */
	vb_config_name(name, sizeof(r->config_name[0]), &c->s1, &c->s2, "armv8");
	for (unsigned i = 0; i < s->nc; i++)
		if (!strcmp(r->config_name[i], name))
			return vb_fail(e, "%s:%u: config %s %s is %s again (line %u)", r->path,
				       r->line, c->s1_spec, c->s2_spec, name, r->config_line[i]);
	r->config_line[s->nc] = r->line;
	s->nc++;
	return 0;
}

static int vb_suite_line(struct vb_suite_reader *r, char *text, struct vb_error *e)
{
	struct vb_suite *s = r->s;
	char *hash = strchr(text, '#'), *eq, *k, *v;
	uint64_t x;

	if (hash)
		*hash = '\0';
	text = vb_trim_ws(text);
	if (!*text)
		return 0;
	eq = strchr(text, '=');
	if (!eq)
		return vb_fail(e, "%s:%u: expected 'key = value'", r->path, r->line);
	*eq = '\0';
	k = vb_trim_ws(text);
	v = vb_trim_ws(eq + 1);
	if (!strcmp(k, "config"))
		return vb_suite_config(r, v, e);
	for (size_t i = 0; i < VB_SUITE_NONCE; i++) {
		if (strcmp(k, vb_suite_once[i]))
			continue;
		if (r->seen[i]) /* the last would win, silently */
			return vb_fail(e, "%s:%u: '%s' given twice (first on line %u)", r->path,
				       r->line, k, r->seen[i]);
		r->seen[i] = r->line;
	}
	if (!strcmp(k, "only")) {
		if (vb_only_check(v, e))
			return vb_suite_at(e, r->path, r->line);
		snprintf(s->only, sizeof(s->only), "%s", v);
		return 0;
	}
	if (!strcmp(k, "footprints"))
		return vb_footprints_parse(v, s->footprints, e) ? vb_suite_at(e, r->path, r->line) :
								  0;
	if (!strcmp(k, "n") || !strcmp(k, "warmup")) {
		if (vb_parse_u64(v, &x) || x < 1 || x > (k[0] == 'n' ? VB_MAX_SAMPLES : 100000))
			return vb_fail(e, "%s:%u: %s = %s is not a count", r->path, r->line, k, v);
		*(k[0] == 'n' ? &s->n : &s->warmup) = (unsigned)x;
		return 0;
	}
	if (!strcmp(k, "description"))
		return 0;
	return vb_fail(e, "%s:%u: unknown key '%s'", r->path, r->line, k);
}

int vb_suite_load(struct vb_suite *s, const char *root, const char *name, struct vb_error *e)
{
	struct vb_suite_reader r;
	char path[PATH_MAX + 64], text[1024], known[512];
	FILE *f;
	int ret = 0;

	memset(s, 0, sizeof(*s));
	memset(&r, 0, sizeof(r));
	r.s = s;
	r.path = path;
	snprintf(path, sizeof(path), "%s/bench/suites/%s.suite", root, name);
	f = fopen(path, "r");
	if (!f) {
		snprintf(text, sizeof(text), "%s/bench/suites", root);
		vb_list_names(text, ".suite", known, sizeof(known));
		return vb_fail(e, "unknown suite '%s': cannot open %s%s%s", name, path,
			       known[0] ? "; suites: " : "", known);
	}
	while (!ret && fgets(text, sizeof(text), f)) {
		r.line++;
		/* a cut line would read its rest as a line of its own */
		if (!strchr(text, '\n') && !feof(f))
			ret = vb_fail(e, "%s:%u: line longer than %zu bytes", path, r.line,
				      sizeof(text) - 2);
		else
			ret = vb_suite_line(&r, text, e);
	}
	if (!ret && ferror(f))
		ret = vb_fail(e, "reading %s: %s", path, strerror(errno));
	fclose(f);
	if (!ret && !s->nc)
		ret = vb_fail(e, "%s: no 'config =' line", path);
	return ret;
}

/* The target file's `granules` (e.g. "4k 64k"), when it lists them: what the core implements. */
static int vb_granule_listed(const struct vb_target *t, const struct vb_stage_cfg *c, int stage2,
			     struct vb_error *e)
{
	uint64_t g = c->granule ? c->granule : 0x1000;
	uint32_t bit = g == 0x1000 ? VB_GRANULE_4K : g == 0x4000 ? VB_GRANULE_16K : VB_GRANULE_64K;

	if (!t->granules || (t->granules & bit))
		return 0;
	return vb_fail(e, "stage %d: %lluk granules are not in the target's granules (%s)",
		       stage2 ? 2 : 1, (unsigned long long)(g >> 10), t->granules_text);
}

int vb_suite_config_check(const struct vb_suite_config *c, const struct vb_target *t,
			  struct vb_error *e)
{
	const char *arch = vb_arch_name(t->arch);

	return vb_stage_check(&c->s1, 0, arch, e) || vb_stage_check(&c->s2, 1, arch, e) ||
			       vb_granule_listed(t, &c->s1, 0, e) ||
			       vb_granule_listed(t, &c->s2, 1, e) ||
			       vb_target_stage_check(t, &c->s1, 0, e) ||
			       vb_target_stage_check(t, &c->s2, 1, e) ?
		       -1 :
		       0;
}
