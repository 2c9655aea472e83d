/* What `run` and `parse` share: paths, reporting, writing the run folder's CSVs. */
#include <errno.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "cmd.h"
#include "vb/params.h"

int vb_report(int status, const char *fmt, ...)
{
	va_list ap;

	fputs("vbench: ", stderr);
	va_start(ap, fmt);
	vfprintf(stderr, fmt, ap);
	va_end(ap);
	fputc('\n', stderr);
	return status;
}

static int vb_dir_of(char *dst, size_t len, const char *path, unsigned up)
{
	if (snprintf(dst, len, "%s", path) >= (int)len)
		return -1;
	while (up--) {
		char *slash = strrchr(dst, '/');

		if (!slash)
			return -1;
		*slash = '\0';
		if (slash == dst)
			strcpy(dst, "/");
	}
	return 0;
}

static int vb_pick(char *dst, size_t len, const char *opt, const char *env)
{
	const char *v = opt ? opt : getenv(env);

	if (!v || !*v)
		return 0;
	if (snprintf(dst, len, "%s", v) >= (int)len)
		return -1;
	return 1;
}

int vb_paths_resolve(struct vb_paths *p, const char *build, const char *root, struct vb_error *e)
{
	char exe[PATH_MAX];
	ssize_t n;
	int r;

	r = vb_pick(p->build, sizeof(p->build), build, "VBENCH_BUILD");
	if (r < 0)
		return vb_fail(e, "build folder path too long");
	if (!r) {
		n = readlink("/proc/self/exe", exe, sizeof(exe) - 1);
		if (n < 0)
			return vb_fail(e, "cannot find the vbench executable: %s", strerror(errno));
		exe[n] = '\0';
		if (vb_dir_of(p->build, sizeof(p->build), exe, 2))
			return vb_fail(e, "cannot find the build folder from %s; use --build", exe);
	}
	r = vb_pick(p->root, sizeof(p->root), root, "VBENCH_ROOT");
	if (r < 0)
		return vb_fail(e, "root path too long");
	if (!r && vb_dir_of(p->root, sizeof(p->root), p->build, 1))
		return vb_fail(e, "cannot find the source root from %s; use --root", p->build);
	return 0;
}

int vb_output_write(const struct vb_runfolder *rf, const struct vb_meta *m,
		    const struct vb_rundata *d, struct vb_samples_out *samples, struct vb_error *e)
{
	char path[PATH_MAX + 16];

	vb_runfolder_file(rf, "meta.csv", path, sizeof(path));
	if (vb_csvout_meta(path, m, d, e))
		goto fail;
	vb_runfolder_file(rf, "summary.csv", path, sizeof(path));
	if (vb_csvout_summary(path, rf->id, d, e))
		goto fail;
	return vb_samples_out_close(samples, e);
fail:
	vb_samples_out_close(samples, NULL);
	return -1;
}

int vb_output_samples(struct vb_samples_out *o, const struct vb_runfolder *rf, struct vb_rundata *d)
{
	char path[PATH_MAX + 16];

	if (vb_runfolder_file(rf, "samples.csv", path, sizeof(path)))
		return -1;
	vb_samples_out_init(o, path);
	d->samples_fn = vb_samples_out_result;
	d->samples_ctx = o;
	return 0;
}
