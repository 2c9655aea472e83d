/* Reads a target file: the board or QEMU machine, as data. */
#include "target.h"

#include <ctype.h>
#include <dirent.h>
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

static char *vb_trim(char *s)
{
	char *end;

	while (isspace((unsigned char)*s))
		s++;
	end = s + strlen(s);
	while (end > s && isspace((unsigned char)end[-1]))
		*--end = '\0';
	return s;
}

static int vb_name_ok(const char *name)
{
	if (!*name || strlen(name) >= sizeof(((struct vb_target *)0)->name) || name[0] == '.')
		return 0;
	for (; *name; name++)
		if (!isalnum((unsigned char)*name) && !strchr("._-", *name))
			return 0;
	return 1;
}

/* "qemu-a15, qemu-a72": what the user could have meant. */
static void vb_list_targets(const char *dir, char *buf, size_t len)
{
	DIR *d = opendir(dir);
	struct dirent *de;
	size_t off = 0;

	buf[0] = '\0';
	if (!d)
		return;
	while ((de = readdir(d)) && off < len) {
		size_t n = strlen(de->d_name);

		if (n > 5 && !strcmp(de->d_name + n - 5, ".conf") && de->d_name[0] != '.')
			off += (size_t)snprintf(buf + off, len - off, "%s%.*s", off ? ", " : "",
						(int)(n - 5), de->d_name);
	}
	closedir(d);
}

static int vb_parse_line(struct vb_target *t, char *line, unsigned lineno, size_t *cap,
			 struct vb_error *e)
{
	char *hash = strchr(line, '#'), *eq, *key;

	if (hash)
		*hash = '\0'; /* as in make, which reads the same file */
	line = vb_trim(line);
	if (!*line)
		return 0;
	eq = strchr(line, '=');
	if (!eq)
		return vb_fail(e, "%s:%u: expected 'key = value'", t->path, lineno);
	*eq = '\0';
	key = vb_trim(line);
	if (!*key)
		return vb_fail(e, "%s:%u: empty key", t->path, lineno);
	if (vb_target_get(t, key))
		return vb_fail(e, "%s:%u: key '%s' given twice", t->path, lineno, key);
	t->kv = vb_grow(t->kv, cap, t->n + 1, sizeof(*t->kv));
	t->kv[t->n].key = vb_xstrdup(key);
	t->kv[t->n].value = vb_xstrdup(vb_trim(eq + 1));
	t->n++;
	return 0;
}

static int vb_target_check(const struct vb_target *t, struct vb_error *e)
{
	static const char *const need[] = { "arch",	"cpu",	    "ram_base",
					    "ram_size", "emulated", "launch" };
	const char *v, *launch;
	uint64_t x;

	for (size_t i = 0; i < sizeof(need) / sizeof(need[0]); i++)
		if (vb_target_need(t, need[i], &v, e))
			return -1;
	if (vb_target_u64(t, "ram_base", &x, e) || vb_target_u64(t, "ram_size", &x, e))
		return -1;
	launch = vb_target_get(t, "launch");
	if (!strcmp(launch, "qemu"))
		return vb_target_need(t, "qemu", &v, e);
	if (!strcmp(launch, "serial"))
		return vb_target_need(t, "serial", &v, e) || vb_target_u64(t, "baud", &x, e) ? -1 :
											       0;
	return vb_fail(e, "%s: launch = %s: expected qemu or serial", t->path, launch);
}

int vb_target_load(struct vb_target *t, const char *root, const char *name, struct vb_error *e)
{
	char dir[PATH_MAX], known[512], line[4096];
	unsigned lineno = 0;
	size_t cap = 0;
	FILE *f;
	int ret = 0;

	memset(t, 0, sizeof(*t));
	if (!vb_name_ok(name))
		return vb_fail(e, "bad target name '%s'", name);
	snprintf(t->name, sizeof(t->name), "%s", name);
	if (snprintf(dir, sizeof(dir), "%s/bench/targets", root) >= (int)sizeof(dir) ||
	    snprintf(t->path, sizeof(t->path), "%s/%s.conf", dir, name) >= (int)sizeof(t->path))
		return vb_fail(e, "path too long under %s", root);
	if (access(dir, F_OK))
		return vb_fail(e,
			       "unknown target '%s': no folder %s (is %s the source root? "
			       "--root or VBENCH_ROOT say where it is)",
			       name, dir, root);
	f = fopen(t->path, "r");
	if (!f) {
		int err = errno;

		vb_list_targets(dir, known, sizeof(known));
		return vb_fail(e, "unknown target '%s': cannot open %s: %s%s%s", name, t->path,
			       strerror(err), known[0] ? "; targets: " : "", known);
	}
	while (!ret && fgets(line, sizeof(line), f)) {
		lineno++;
		if (!strchr(line, '\n') && !feof(f))
			ret = vb_fail(e, "%s:%u: line too long", t->path, lineno);
		else
			ret = vb_parse_line(t, line, lineno, &cap, e);
	}
	if (!ret && ferror(f))
		ret = vb_fail(e, "reading %s: %s", t->path, strerror(errno));
	fclose(f);
	if (!ret)
		ret = vb_target_check(t, e);
	if (ret)
		vb_target_free(t);
	return ret;
}

void vb_target_free(struct vb_target *t)
{
	for (size_t i = 0; i < t->n; i++) {
		free(t->kv[i].key);
		free(t->kv[i].value);
	}
	free(t->kv);
	t->kv = NULL;
	t->n = 0;
}

const char *vb_target_get(const struct vb_target *t, const char *key)
{
	for (size_t i = 0; i < t->n; i++)
		if (!strcmp(t->kv[i].key, key))
			return t->kv[i].value;
	return NULL;
}

int vb_target_need(const struct vb_target *t, const char *key, const char **val, struct vb_error *e)
{
	*val = vb_target_get(t, key);
	if (!*val || !**val)
		return vb_fail(e, "%s: missing key '%s'%s", t->path, key,
			       *val ? " (it is empty)" : "");
	return 0;
}

int vb_target_u64(const struct vb_target *t, const char *key, uint64_t *val, struct vb_error *e)
{
	const char *v;

	if (vb_target_need(t, key, &v, e))
		return -1;
	if (vb_parse_u64(v, val))
		return vb_fail(e, "%s: %s = %s is not a number", t->path, key, v);
	return 0;
}
