/* Atomic files and folders for the analysis commands. */
#include "outfile.h"

#include <errno.h>
#include <fcntl.h>
#include <libgen.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "runfolder.h"

int vb_outfile_open(struct vb_outfile *o, const char *path, struct vb_error *e)
{
	if (snprintf(o->path, sizeof(o->path), "%s", path) >= (int)sizeof(o->path))
		return vb_fail(e, "path too long: %s", path);
	snprintf(o->tmp, sizeof(o->tmp), "%s.tmp-%ld", path, (long)getpid());
	o->f = fopen(o->tmp, "wb");
	if (!o->f)
		return vb_fail(e, "cannot create %s: %s", o->tmp, strerror(errno));
	return 0;
}

int vb_outfile_close(struct vb_outfile *o, int failed, struct vb_error *e)
{
	int err = 0;

	failed |= ferror(o->f);
	if (!failed && (fflush(o->f) || fsync(fileno(o->f))))
		failed = 1;
	err = errno;
	if (fclose(o->f))
		failed = 1, err = errno;
	o->f = NULL;
	if (failed) {
		unlink(o->tmp);
		return vb_fail(e, "writing %s: %s", o->path, strerror(err ? err : EIO));
	}
	if (rename(o->tmp, o->path)) {
		err = errno;
		unlink(o->tmp);
		return vb_fail(e, "cannot rename %s to %s: %s", o->tmp, o->path, strerror(err));
	}
	return 0;
}

int vb_outfile_write(const char *path, const void *data, size_t len, struct vb_error *e)
{
	struct vb_outfile o;

	if (vb_outfile_open(&o, path, e))
		return -1;
	return vb_outfile_close(&o, fwrite(data, 1, len, o.f) != len, e);
}

static int vb_mkdirs(const char *path, struct vb_error *e)
{
	char buf[PATH_MAX];

	snprintf(buf, sizeof(buf), "%s", path);
	for (char *p = buf + 1; *p; p++)
		if (*p == '/') {
			*p = '\0';
			if (mkdir(buf, 0777) && errno != EEXIST)
				return vb_fail(e, "cannot create %s: %s", buf, strerror(errno));
			*p = '/';
		}
	if (mkdir(buf, 0777) && errno != EEXIST)
		return vb_fail(e, "cannot create %s: %s", buf, strerror(errno));
	return 0;
}

int vb_outdir_begin(struct vb_outdir *d, const char *final, const char *marker, struct vb_error *e)
{
	char a[PATH_MAX], b[PATH_MAX], probe[PATH_MAX + 80];
	struct stat st;
	size_t n;

	memset(d, 0, sizeof(*d));
	if (snprintf(d->final, sizeof(d->final), "%s", final) >= (int)sizeof(d->final))
		return vb_fail(e, "path too long: %s", final), -2;
	n = strlen(d->final);
	while (n > 1 && d->final[n - 1] == '/')
		d->final[--n] = '\0';
	snprintf(d->marker, sizeof(d->marker), "%s", marker);
	snprintf(probe, sizeof(probe), "%s/%s", d->final, marker);
	if (!lstat(d->final, &st) && (!S_ISDIR(st.st_mode) || access(probe, F_OK)))
		return vb_fail(e, "%s exists and has no %s: not replacing it", d->final, marker),
		       -2;
	snprintf(a, sizeof(a), "%s", d->final);
	snprintf(b, sizeof(b), "%s", d->final);
	snprintf(d->tmp, sizeof(d->tmp), "%s/.%s.tmp-%ld", dirname(a), basename(b), (long)getpid());
	snprintf(a, sizeof(a), "%s", d->final);
	if (vb_mkdirs(dirname(a), e))
		return -1;
	if (mkdir(d->tmp, 0777))
		return vb_fail(e, "cannot create %s: %s", d->tmp, strerror(errno));
	d->open = true;
	return 0;
}

void vb_outdir_file(const struct vb_outdir *d, const char *file, char *buf, size_t len)
{
	snprintf(buf, len, "%s/%s", d->tmp, file);
}

int vb_outdir_commit(struct vb_outdir *d, struct vb_error *e)
{
	char old[PATH_MAX + 48];
	struct stat st;

	if (lstat(d->final, &st)) {
		if (rename(d->tmp, d->final))
			return vb_fail(e, "cannot rename %s to %s: %s", d->tmp, d->final,
				       strerror(errno));
		d->open = false;
		return 0;
	}
	/* Swap, so readers see the old folder or the new one, never neither. */
	snprintf(old, sizeof(old), "%s", d->tmp);
	if (renameat2(AT_FDCWD, d->tmp, AT_FDCWD, d->final, RENAME_EXCHANGE)) {
		snprintf(old, sizeof(old), "%s.old", d->tmp);
		if (rename(d->final, old) || rename(d->tmp, d->final))
			return vb_fail(e, "cannot replace %s: %s", d->final, strerror(errno));
	}
	d->open = false;
	vb_rm_rf(old);
	return 0;
}

void vb_outdir_abort(struct vb_outdir *d)
{
	if (d->open)
		vb_rm_rf(d->tmp);
	d->open = false;
}
