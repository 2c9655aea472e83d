/* Atomic run folders: write beside, rename into place. */
#include "runfolder.h"

#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <ftw.h>
#include <libgen.h>
#include <stdio.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

void vb_runfolder_make_id(char *buf, size_t len, time_t when, const char *target, const char *mode)
{
	struct tm tm;
	char stamp[32];

	gmtime_r(&when, &tm);
	strftime(stamp, sizeof(stamp), "%Y%m%d-%H%M%S", &tm);
	snprintf(buf, len, "%s-%s-%s", stamp, target, mode);
}

static int vb_mkdir_p(const char *path, struct vb_error *e)
{
	char buf[PATH_MAX];

	if (snprintf(buf, sizeof(buf), "%s", path) >= (int)sizeof(buf))
		return vb_fail(e, "path too long: %s", path);
	for (char *p = buf + 1; *p; p++) {
		if (*p != '/')
			continue;
		*p = '\0';
		if (mkdir(buf, 0777) && errno != EEXIST)
			return vb_fail(e, "cannot create %s: %s", buf, strerror(errno));
		*p = '/';
	}
	if (mkdir(buf, 0777) && errno != EEXIST)
		return vb_fail(e, "cannot create %s: %s", buf, strerror(errno));
	return 0;
}

/* Fills tmp and id from final: "<dir>/.<id>.tmp-<pid>" on the same file system. */
static int vb_set_final(struct vb_runfolder *rf, const char *final, struct vb_error *e)
{
	char a[PATH_MAX], b[PATH_MAX];
	size_t n;

	if (snprintf(rf->final, sizeof(rf->final), "%s", final) >= (int)sizeof(rf->final))
		return vb_fail(e, "path too long: %s", final);
	n = strlen(rf->final);
	while (n > 1 && rf->final[n - 1] == '/')
		rf->final[--n] = '\0';
	snprintf(a, sizeof(a), "%s", rf->final);
	snprintf(b, sizeof(b), "%s", rf->final);
	snprintf(rf->id, sizeof(rf->id), "%s", basename(a));
	if (!strcmp(rf->id, ".") || !strcmp(rf->id, "..") || !strcmp(rf->id, "/"))
		return vb_fail(e, "'%s' cannot be a run folder", final);
	if (snprintf(rf->tmp, sizeof(rf->tmp), "%s/.%s.tmp-%ld", dirname(b), rf->id,
		     (long)getpid()) >= (int)sizeof(rf->tmp))
		return vb_fail(e, "path too long: %s", final);
	return 0;
}

int vb_runfolder_default(struct vb_runfolder *rf, const char *results, const char *id,
			 struct vb_error *e)
{
	char path[PATH_MAX];
	struct stat st;

	memset(rf, 0, sizeof(*rf));
	if (vb_mkdir_p(results, e))
		return -1;
	for (unsigned i = 1; i < 1000; i++) {
		if (i == 1)
			snprintf(path, sizeof(path), "%s/%s", results, id);
		else
			snprintf(path, sizeof(path), "%s/%s-%u", results, id, i);
		if (lstat(path, &st) && errno == ENOENT)
			return vb_set_final(rf, path, e);
	}
	return vb_fail(e, "too many runs named %s/%s-*", results, id);
}

int vb_runfolder_out(struct vb_runfolder *rf, const char *out, struct vb_error *e)
{
	char probe[PATH_MAX + 16];
	struct stat st;

	memset(rf, 0, sizeof(*rf));
	if (vb_set_final(rf, out, e))
		return -1;
	if (lstat(rf->final, &st))
		return errno == ENOENT ? 0 : vb_fail(e, "%s: %s", out, strerror(errno));
	/* Never replace a folder vbench did not make: --out could be a typo for $HOME. */
	snprintf(probe, sizeof(probe), "%s/console.log", rf->final);
	if (!S_ISDIR(st.st_mode) || access(probe, F_OK))
		return vb_fail(e,
			       "--out %s exists and is not a run folder (no console.log): "
			       "not replacing it",
			       out);
	rf->replace = true;
	return 0;
}

int vb_runfolder_begin(struct vb_runfolder *rf, struct vb_error *e)
{
	char parent[PATH_MAX];

	snprintf(parent, sizeof(parent), "%s", rf->final);
	if (vb_mkdir_p(dirname(parent), e))
		return -1;
	if (mkdir(rf->tmp, 0777))
		return vb_fail(e, "cannot create %s: %s", rf->tmp, strerror(errno));
	rf->open = true;
	return 0;
}

int vb_runfolder_file(const struct vb_runfolder *rf, const char *file, char *buf, size_t len)
{
	return vb_path_join(buf, len, rf->tmp, file);
}

static int vb_rm_one(const char *path, const struct stat *st, int flag, struct FTW *ftw)
{
	(void)st;
	(void)ftw;
	return flag == FTW_DP ? rmdir(path) : unlink(path);
}

int vb_rm_rf(const char *path)
{
	return nftw(path, vb_rm_one, 16, FTW_DEPTH | FTW_PHYS);
}

/* Files are flushed before the rename makes them visible: a crash leaves old or new. */
static void vb_sync_dir(const char *path)
{
	int fd = open(path, O_RDONLY | O_DIRECTORY);

	if (fd >= 0) {
		fsync(fd);
		close(fd);
	}
}

/* Some file systems (NFS, 9p) lack renameat2's flags: fall back to plain renames. */
static bool vb_no_flags(void)
{
	return errno == EINVAL || errno == ENOSYS || errno == ENOTSUP;
}

static int vb_commit_new(struct vb_runfolder *rf, struct vb_error *e)
{
	struct stat st;

	/* RENAME_NOREPLACE: a folder that appeared meanwhile is never overwritten. */
	if (!renameat2(AT_FDCWD, rf->tmp, AT_FDCWD, rf->final, RENAME_NOREPLACE))
		return 0;
	if (vb_no_flags() && lstat(rf->final, &st) && !rename(rf->tmp, rf->final))
		return 0;
	return vb_fail(e, "cannot rename %s to %s: %s", rf->tmp, rf->final, strerror(errno));
}

static int vb_commit_replace(struct vb_runfolder *rf, struct vb_error *e)
{
	char old[PATH_MAX + 16];

	/* Swap atomically; the old run then sits at tmp's name, to be removed. */
	snprintf(old, sizeof(old), "%s", rf->tmp);
	if (renameat2(AT_FDCWD, rf->tmp, AT_FDCWD, rf->final, RENAME_EXCHANGE)) {
		if (!vb_no_flags())
			return vb_fail(e, "cannot replace %s: %s", rf->final, strerror(errno));
		snprintf(old, sizeof(old), "%s.old", rf->tmp);
		if (rename(rf->final, old))
			return vb_fail(e, "cannot move %s aside: %s", rf->final, strerror(errno));
		if (rename(rf->tmp, rf->final)) {
			vb_fail(e, "cannot rename %s to %s: %s", rf->tmp, rf->final,
				strerror(errno));
			rename(old, rf->final);
			return -1;
		}
	}
	if (vb_rm_rf(old))
		fprintf(stderr, "vbench: warning: could not remove the replaced run %s: %s\n", old,
			strerror(errno));
	return 0;
}

int vb_runfolder_commit(struct vb_runfolder *rf, struct vb_error *e)
{
	vb_sync_dir(rf->tmp);
	if (rf->replace ? vb_commit_replace(rf, e) : vb_commit_new(rf, e))
		return -1;
	rf->open = false;
	return 0;
}

/* Removes what the run wrote in tmp, except console.log. */
static int vb_keep_only_log(const char *dir)
{
	DIR *d = opendir(dir);
	struct dirent *de;
	char path[PATH_MAX + NAME_MAX + 2];
	int ret = 0;

	if (!d)
		return -1;
	while ((de = readdir(d)))
		if (strcmp(de->d_name, ".") && strcmp(de->d_name, "..") &&
		    strcmp(de->d_name, "console.log")) {
			snprintf(path, sizeof(path), "%s/%s", dir, de->d_name);
			ret |= vb_rm_rf(path);
		}
	closedir(d);
	return ret;
}

int vb_runfolder_fail(struct vb_runfolder *rf, char *kept, size_t len, struct vb_error *e)
{
	char failed[PATH_MAX + 8];
	struct stat st;

	if (!rf->open)
		return vb_fail(e, "no run folder was started");
	snprintf(failed, sizeof(failed), "%s.failed", rf->final);
	if (vb_keep_only_log(rf->tmp))
		return vb_fail(e, "cannot clean %s: %s", rf->tmp, strerror(errno));
	if (!lstat(failed, &st) && vb_rm_rf(failed))
		return vb_fail(e, "cannot remove the older %s: %s", failed, strerror(errno));
	if (rename(rf->tmp, failed))
		return vb_fail(e, "cannot rename %s to %s: %s", rf->tmp, failed, strerror(errno));
	rf->open = false;
	snprintf(kept, len, "%s/console.log", failed);
	return 0;
}

void vb_runfolder_abort(struct vb_runfolder *rf)
{
	if (rf->open && vb_rm_rf(rf->tmp))
		fprintf(stderr, "vbench: warning: could not remove %s: %s\n", rf->tmp,
			strerror(errno));
	rf->open = false;
}
