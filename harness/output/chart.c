/* The charts' building blocks: the list of charts, their data files, gnuplot. */
#include "chart.h"

#include <errno.h>
#include <fcntl.h>
#include <math.h>
#include <spawn.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/wait.h>
#include <unistd.h>

#include "results/outfile.h"

struct vb_chart *vb_chart_add(struct vb_charts *l, const char *name, const char *title)
{
	struct vb_chart *c;

	l->c = vb_grow(l->c, &l->cap, l->n + 1, sizeof(*l->c));
	c = &l->c[l->n++];
	memset(c, 0, sizeof(*c));
	snprintf(c->name, sizeof(c->name), "%s", name);
	snprintf(c->title, sizeof(c->title), "%s", title);
	return c;
}

void vb_tprintf(struct vb_text *t, const char *fmt, ...)
{
	char *add;
	size_t n;
	va_list ap;

	va_start(ap, fmt);
	if (vasprintf(&add, fmt, ap) < 0)
		abort();
	va_end(ap);
	n = strlen(add);
	t->s = vb_grow(t->s, &t->cap, t->len + n + 1, 1);
	memcpy(t->s + t->len, add, n + 1);
	t->len += n;
	free(add);
}

void vb_tnum(struct vb_text *t, double v)
{
	if (isnan(v))
		vb_tprintf(t, " NaN");
	else
		vb_tprintf(t, " %.10g", v);
}

void vb_tarray_int(struct vb_text *t, const char *name, const int *a, size_t n)
{
	vb_tprintf(t, "; array %s[%zu] = [", name, n ? n : 1);
	for (size_t i = 0; i < n; i++)
		vb_tprintf(t, "%s%d", i ? "," : "", a[i]);
	vb_tprintf(t, "%s]", n ? "" : "0");
}

void vb_tarray_num(struct vb_text *t, const char *name, const double *a, size_t n)
{
	vb_tprintf(t, "; array %s[%zu] = [", name, n ? n : 1);
	for (size_t i = 0; i < n; i++)
		vb_tprintf(t, "%s%.6g", i ? "," : "", a[i]);
	vb_tprintf(t, "%s]", n ? "" : "1");
}

void vb_tarray_str(struct vb_text *t, const char *name, const char *a, size_t stride, size_t n)
{
	vb_tprintf(t, "; array %s[%zu] = [", name, n ? n : 1);
	for (size_t i = 0; i < n; i++)
		vb_tprintf(t, "%s'%s'", i ? "," : "", a + i * stride);
	vb_tprintf(t, "%s]", n ? "" : "''");
}

void vb_fmt_size(char *buf, size_t len, double b)
{
	static const char *const unit[] = { "", "k", "M", "G", "T" };
	int u = 0;

	while (b >= 1024 && fmod(b, 1024) == 0 && u < 4)
		b /= 1024, u++;
	snprintf(buf, len, "%.0f%s", b, unit[u]);
}

int vb_plot_file(const char *dir, const char *name, const char *text, struct vb_error *e)
{
	char path[4096];

	snprintf(path, sizeof(path), "%s/%s", dir, name);
	return vb_outfile_write(path, text ? text : "", text ? strlen(text) : 0, e);
}

int vb_parse_size(const char *s, double *out)
{
	char *end;
	double v = strtod(s, &end);

	if (end == s || v < 0)
		return -1;
	switch (*end) {
	case 'k':
	case 'K':
		v *= 1024, end++;
		break;
	case 'm':
	case 'M':
		v *= 1024.0 * 1024, end++;
		break;
	case 'g':
	case 'G':
		v *= 1024.0 * 1024 * 1024, end++;
		break;
	}
	if (!strcmp(end, "i") || !strcmp(end, "iB") || !strcmp(end, "B"))
		end += strlen(end);
	if (*end)
		return -1;
	*out = v;
	return 0;
}

void vb_slug(char *buf, size_t len, const char *s)
{
	size_t i = 0;

	for (; s[i] && i + 1 < len; i++)
		buf[i] = (strchr("._-", s[i]) || (s[i] >= 'a' && s[i] <= 'z') ||
			  (s[i] >= 'A' && s[i] <= 'Z') || (s[i] >= '0' && s[i] <= '9')) ?
				 s[i] :
				 '-';
	buf[i] = '\0';
}

/* The last lines gnuplot printed, for the error message. */
static void vb_tail(const char *path, char *buf, size_t len)
{
	FILE *f = fopen(path, "rb");
	size_t n = 0;

	buf[0] = '\0';
	if (!f)
		return;
	fseek(f, 0, SEEK_END);
	if (ftell(f) > (long)len - 1)
		fseek(f, -(long)(len - 1), SEEK_END);
	else
		fseek(f, 0, SEEK_SET);
	n = fread(buf, 1, len - 1, f);
	buf[n] = '\0';
	fclose(f);
	for (char *p = buf; *p; p++)
		if (*p == '\n')
			*p = ' ';
}

/* Appends to gnuplot.log why gnuplot could not start, as gnuplot's own messages are. */
static void vb_log_spawn_error(const char *log, int err)
{
	int fd = open(log, O_WRONLY | O_CREAT | O_APPEND | O_CLOEXEC, 0666);

	if (fd >= 0) {
		dprintf(fd, "cannot run gnuplot: %s (Debian: gnuplot-nox)\n", strerror(err));
		close(fd);
	}
}

int vb_gnuplot(const char *dir, const char *script, const char *vars, const char *term,
	       const char *out, struct vb_error *e)
{
	char *expr = vb_xasprintf("%s; term='%s'; out='%s'", vars, term, out), log[4096], tail[300];
	char *argv[] = { "gnuplot", "-e", expr, (char *)script, NULL };
	posix_spawn_file_actions_t fa;
	int st, err;
	pid_t pid;

	snprintf(log, sizeof(log), "%s/gnuplot.log", dir);
	/*
	 * posix_spawn, not fork: a fork copies the page tables of a process that
	 * may hold a thousand runs, once per chart and format.
	 */
	posix_spawn_file_actions_init(&fa);
	posix_spawn_file_actions_addopen(&fa, 1, log, O_WRONLY | O_CREAT | O_APPEND, 0666);
	posix_spawn_file_actions_adddup2(&fa, 1, 2);
	posix_spawn_file_actions_addchdir_np(&fa, dir);
	err = posix_spawnp(&pid, "gnuplot", &fa, NULL, argv, environ);
	posix_spawn_file_actions_destroy(&fa);
	free(expr);
	if (err) {
		vb_log_spawn_error(log, err);
		vb_tail(log, tail, sizeof(tail));
		return vb_fail(e, "gnuplot %s for %s failed (%s/gnuplot.log): %s", script, out, dir,
			       tail);
	}
	while (waitpid(pid, &st, 0) < 0)
		if (errno != EINTR)
			return vb_fail(e, "waiting for gnuplot: %s", strerror(errno));
	if (WIFEXITED(st) && !WEXITSTATUS(st))
		return 0;
	vb_tail(log, tail, sizeof(tail));
	return vb_fail(e, "gnuplot %s for %s failed (%s/gnuplot.log): %s", script, out, dir, tail);
}
