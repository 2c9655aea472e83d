/* Small helpers shared by the harness. */
#include "util.h"

#include <dirent.h>
#include <errno.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

int vb_fail(struct vb_error *e, const char *fmt, ...)
{
	va_list ap;

	if (!e)
		return -1;
	va_start(ap, fmt);
	vsnprintf(e->msg, sizeof(e->msg), fmt, ap);
	va_end(ap);
	return -1;
}

size_t vb_catf(char *buf, size_t len, size_t off, const char *fmt, ...)
{
	va_list ap;
	int n;

	if (!len)
		return 0;
	if (off >= len)
		return len - 1;
	va_start(ap, fmt);
	n = vsnprintf(buf + off, len - off, fmt, ap);
	va_end(ap);
	if (n < 0)
		return off;
	return (size_t)n < len - off ? off + (size_t)n : len - 1;
}

static void *vb_oom(void *p)
{
	if (!p) {
		fprintf(stderr, "vbench: out of memory\n");
		exit(2);
	}
	return p;
}

void *vb_xmalloc(size_t n)
{
	return vb_oom(malloc(n ? n : 1));
}

void *vb_xcalloc(size_t n, size_t size)
{
	return vb_oom(calloc(n ? n : 1, size ? size : 1));
}

void *vb_xrealloc(void *p, size_t n)
{
	return vb_oom(realloc(p, n ? n : 1));
}

char *vb_xstrdup(const char *s)
{
	return vb_oom(strdup(s));
}

char *vb_xstrndup(const char *s, size_t n)
{
	return vb_oom(strndup(s, n));
}

char *vb_xasprintf(const char *fmt, ...)
{
	va_list ap;
	char *s;
	int r;

	va_start(ap, fmt);
	r = vasprintf(&s, fmt, ap);
	va_end(ap);
	return vb_oom(r < 0 ? NULL : s);
}

void *vb_grow(void *p, size_t *cap, size_t need, size_t size)
{
	size_t n = *cap ? *cap : 8;

	if (need <= *cap)
		return p;
	while (n < need)
		n *= 2;
	*cap = n;
	return vb_xrealloc(p, n * size);
}

int vb_parse_u64(const char *s, uint64_t *out)
{
	int base = 10;
	char *end;
	unsigned long long v;

	/* strtoull would take "010" as octal and accept signs and spaces: be strict. */
	if (s[0] == '0' && s[1] == 'x') {
		base = 16;
		s += 2;
		if (!((*s >= '0' && *s <= '9') || (*s >= 'a' && *s <= 'f') ||
		      (*s >= 'A' && *s <= 'F')))
			return -1;
	} else if (!(*s >= '0' && *s <= '9')) {
		return -1;
	}
	errno = 0;
	v = strtoull(s, &end, base);
	if (errno || *end)
		return -1;
	*out = v;
	return 0;
}

int vb_path_join(char *buf, size_t len, const char *a, const char *b)
{
	int r = snprintf(buf, len, "%s/%s", a, b);

	return (r < 0 || (size_t)r >= len) ? -1 : 0;
}

void vb_iso_date(char *buf, size_t len, time_t when)
{
	struct tm tm;

	gmtime_r(&when, &tm);
	strftime(buf, len, "%Y-%m-%dT%H:%M:%SZ", &tm);
}

static int vb_name_cmp(const struct dirent **a, const struct dirent **b)
{
	return strcmp((*a)->d_name, (*b)->d_name); /* not alphasort: the locale must not matter */
}

void vb_list_names(const char *dir, const char *ext, char *buf, size_t len)
{
	struct dirent **de = NULL;
	size_t off = 0, el = strlen(ext);
	int n = scandir(dir, &de, NULL, vb_name_cmp);

	buf[0] = '\0';
	for (int i = 0; i < n; i++) {
		size_t k = strlen(de[i]->d_name);

		if (k > el && !strcmp(de[i]->d_name + k - el, ext) && de[i]->d_name[0] != '.' &&
		    off < len)
			off += (size_t)snprintf(buf + off, len - off, "%s%.*s", off ? ", " : "",
						(int)(k - el), de[i]->d_name);
		free(de[i]);
	}
	free(de);
}
