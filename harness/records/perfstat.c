/* Reads `perf stat -x,` CSV and `perf stat --json` lines (perfstat.h). */
#include "perfstat.h"

#include <ctype.h>
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define VB_PERF_MAXF 16

void vb_perf_stat_free(struct vb_perf_stat *s)
{
	for (size_t i = 0; i < s->nrows; i++) {
		struct vb_perf_row *r = &s->rows[i];

		free(r->event);
		free(r->value);
		free(r->unit);
		free(r->variance);
		free(r->running);
		free(r->status);
	}
	free(s->rows);
	memset(s, 0, sizeof(*s));
}

static bool vb_is_number(const char *s)
{
	char *end;

	if (!*s || isspace((unsigned char)*s))
		return false;
	errno = 0;
	strtod(s, &end);
	return !errno && !*end;
}

static char *vb_dup_n(const char *s, size_t n)
{
	char *d = vb_xmalloc(n + 1);

	memcpy(d, s, n);
	d[n] = 0;
	return d;
}

/* Fills the row from its parts; value "<not supported>" and "<not counted>" become status. */
static int vb_perf_fill(struct vb_perf_row *r, const char *path, const char *value,
			const char *unit, const char *event, const char *variance,
			const char *running, struct vb_error *e)
{
	if (!*event)
		return vb_fail(e, "%s:%u: no event name", path, r->line);
	if (!strcmp(value, "<not supported>") || !strcmp(value, "<not counted>")) {
		r->status = vb_xstrdup(value[5] == 's' ? "not_supported" : "not_counted");
		value = "";
	} else if (!vb_is_number(value)) {
		return vb_fail(e, "%s:%u: '%s' is not a count (event %s)", path, r->line, value,
			       event);
	} else {
		r->status = vb_xstrdup("ok");
	}
	if (*running && !vb_is_number(running))
		return vb_fail(e, "%s:%u: running percentage '%s' is not a number", path, r->line,
			       running);
	r->event = vb_xstrdup(event);
	r->value = vb_xstrdup(value);
	r->unit = vb_xstrdup(unit);
	r->variance = vb_xstrdup(variance);
	r->running = vb_xstrdup(running);
	return 0;
}

/* "CPU3", "S0", "S0-D0-C1": the first field of per-CPU, per-socket or per-core output. */
static bool vb_perf_where(const char *f)
{
	return !strncmp(f, "CPU", 3) || (f[0] == 'S' && isdigit((unsigned char)f[1]));
}

/*
 * perf 6.1 -x,: value,unit,event[,variance%],run-time,running%,metric,metric-unit.
 * With -I a timestamp comes first, with -A or --per-* a CPU or core: refused.
 */
static int vb_perf_csv_line(struct vb_perf_row *r, const char *path, char *line, struct vb_error *e)
{
	char *f[VB_PERF_MAXF];
	size_t n = 0;
	const char *variance = "";
	size_t at;

	for (char *p = line; n < VB_PERF_MAXF;) {
		f[n++] = p;
		p = strchr(p, ',');
		if (!p)
			break;
		*p++ = 0;
	}
	if (n < 5)
		return vb_fail(e,
			       "%s:%u: expected perf stat -x, fields value,unit,event,run-time,"
			       "running%% (got %zu field%s)",
			       path, r->line, n, n == 1 ? "" : "s");
	if (vb_perf_where(f[0]) ||
	    (vb_is_number(f[0]) && (vb_is_number(f[1]) || vb_perf_where(f[1]))))
		return vb_fail(e,
			       "%s:%u: interval (-I) or per-CPU (-A, --per-core, --per-socket) "
			       "output: give perf stat -x, without them",
			       path, r->line);
	at = 3;
	if (n > 3 && *f[3] && f[3][strlen(f[3]) - 1] == '%') {
		f[3][strlen(f[3]) - 1] = 0;
		variance = f[3];
		at = 4;
	}
	if (at + 1 >= n)
		return vb_fail(e, "%s:%u: no running percentage after the run time", path, r->line);
	return vb_perf_fill(r, path, f[0], f[1], f[2], variance, f[at + 1], e);
}

/* One value of a flat JSON object: a string (no escapes but \" and \\) or a number. */
static const char *vb_json_get(const char *obj, const char *key, char *out, size_t len)
{
	char pat[64];
	const char *p;
	size_t n = 0;

	snprintf(pat, sizeof(pat), "\"%s\"", key);
	p = strstr(obj, pat);
	if (!p)
		return NULL;
	p += strlen(pat);
	while (isspace((unsigned char)*p))
		p++;
	if (*p++ != ':')
		return NULL;
	while (isspace((unsigned char)*p))
		p++;
	if (*p == '"') {
		for (p++; *p && *p != '"' && n + 1 < len; p++) {
			if (*p == '\\' && p[1])
				p++;
			out[n++] = *p;
		}
		if (*p != '"')
			return NULL;
	} else {
		while (*p && *p != ',' && *p != '}' && !isspace((unsigned char)*p) && n + 1 < len)
			out[n++] = *p++;
	}
	out[n] = 0;
	return out;
}

static int vb_perf_json_line(struct vb_perf_row *r, const char *path, const char *line,
			     struct vb_error *e)
{
	char value[128], unit[64], event[256], variance[64] = "", running[64] = "";

	if (line[0] != '{' || line[strlen(line) - 1] != '}')
		return vb_fail(e, "%s:%u: not a perf stat --json object", path, r->line);
	if (strstr(line, "\"interval\"") || strstr(line, "\"cpu\"") || strstr(line, "\"core\"") ||
	    strstr(line, "\"socket\""))
		return vb_fail(e,
			       "%s:%u: interval (-I) or per-CPU (-A, --per-*) output: give perf "
			       "stat --json without them",
			       path, r->line);
	if (!vb_json_get(line, "counter-value", value, sizeof(value)) ||
	    !vb_json_get(line, "event", event, sizeof(event)))
		return vb_fail(e, "%s:%u: a perf stat --json object needs counter-value and event",
			       path, r->line);
	if (!vb_json_get(line, "unit", unit, sizeof(unit)))
		unit[0] = 0;
	vb_json_get(line, "variance", variance, sizeof(variance));
	vb_json_get(line, "pcnt-running", running, sizeof(running));
	if (*variance && !vb_is_number(variance))
		return vb_fail(e, "%s:%u: variance '%s' is not a number", path, r->line, variance);
	return vb_perf_fill(r, path, value, unit, event, variance, running, e);
}

int vb_perf_stat_parse(const char *path, const char *text, struct vb_perf_stat *out,
		       struct vb_error *e)
{
	size_t cap = 0;
	unsigned lineno = 0;
	int json = -1;

	memset(out, 0, sizeof(*out));
	for (const char *p = text; *p;) {
		size_t len = strcspn(p, "\n");
		char *line = vb_dup_n(p, len);
		struct vb_perf_row r = { 0 };
		char *s = line, *end;
		int bad;

		p += len + (p[len] == '\n');
		lineno++;
		while (isspace((unsigned char)*s))
			s++;
		end = s + strlen(s);
		while (end > s && isspace((unsigned char)end[-1]))
			*--end = 0;
		/* blank lines and perf's "# started on ..." comments */
		if (!*s || *s == '#') {
			free(line);
			continue;
		}
		if (json < 0)
			json = *s == '{';
		r.line = lineno;
		r.fmt = json ? "json" : "csv";
		bad = json ? vb_perf_json_line(&r, path, s, e) : vb_perf_csv_line(&r, path, s, e);
		free(line);
		if (bad) {
			struct vb_perf_stat one = { &r, 1 };

			one.rows = vb_xmalloc(sizeof(r)); /* freed with what it holds */
			one.rows[0] = r;
			vb_perf_stat_free(&one);
			vb_perf_stat_free(out);
			return -1;
		}
		out->rows = vb_grow(out->rows, &cap, out->nrows + 1, sizeof(*out->rows));
		out->rows[out->nrows++] = r;
	}
	if (!out->nrows)
		return vb_fail(e, "%s: no perf stat counts in it (perf stat -x, or --json output)",
			       path);
	return 0;
}

int vb_perf_value(const struct vb_perf_row *r, unsigned long long *v, const char **out_unit,
		  struct vb_error *e)
{
	const char *dot = strchr(r->value, '.');
	char *end;
	size_t decimals = dot ? strlen(dot + 1) : 0;
	bool zero_fraction = dot && strspn(dot + 1, "0") == decimals;

	*out_unit = *r->unit ? r->unit : "count";
	if (r->value[0] == '-')
		return vb_fail(e, "line %u: %s=%s is negative", r->line, r->event, r->value);
	errno = 0;
	*v = strtoull(r->value, &end, 10);
	if (errno || (end != dot && *end))
		return vb_fail(e, "line %u: %s=%s is not a number vbench keeps exactly", r->line,
			       r->event, r->value);
	if (!dot || zero_fraction)
		return 0;
	if (!strcmp(r->unit, "msec") && decimals <= 6) {
		unsigned long long frac = strtoull(dot + 1, NULL, 10);

		for (size_t i = decimals; i < 6; i++)
			frac *= 10;
		*v = *v * 1000000ull + frac;
		*out_unit = "ns";
		return 0;
	}
	return vb_fail(e,
		       "line %u: %s=%s %s has a fraction that no integer unit holds exactly "
		       "(vbench does not round)",
		       r->line, r->event, r->value, r->unit);
}
