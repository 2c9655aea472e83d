/* Atomic run folders: write beside, rename into place. */
#include "runfolder.h"

#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <ftw.h>
#include <libgen.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
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

/* A .failed folder vbench made holds failure.txt; anything else is someone's. */
static bool vb_failed_is_ours(const char *failed)
{
	char marker[PATH_MAX + 16];
	struct stat st;

	snprintf(marker, sizeof(marker), "%s/" VB_FAILED_MARKER, failed);
	return !lstat(failed, &st) && S_ISDIR(st.st_mode) && !lstat(marker, &st) &&
	       S_ISREG(st.st_mode);
}

static int vb_write_marker(const char *dir, const char *why)
{
	char path[PATH_MAX + 16];
	FILE *f;
	int bad;

	snprintf(path, sizeof(path), "%s/" VB_FAILED_MARKER, dir);
	f = fopen(path, "w");
	if (!f)
		return -1;
	bad = fprintf(f, "%s\n", why) < 0;
	return fclose(f) || bad ? -1 : 0;
}

/* Moves a stale temporary run folder to <parent>/<id>.failed. */
static void vb_keep_stale(const char *parent, const char *name, const char *id, long pid)
{
	char tmp[PATH_MAX + NAME_MAX + 2], failed[PATH_MAX + NAME_MAX + 16];
	char log[PATH_MAX + NAME_MAX + 16], why[256];
	struct stat st;

	snprintf(tmp, sizeof(tmp), "%s/%s", parent, name);
	snprintf(failed, sizeof(failed), "%s/%s.failed", parent, id);
	snprintf(log, sizeof(log), "%s/console.log", tmp);
	if (access(log, F_OK)) {
		if (!rmdir(tmp))
			fprintf(stderr,
				"vbench: removed %s, left empty by vbench (pid %ld), gone\n", tmp,
				pid);
		else
			fprintf(stderr,
				"vbench: warning: %s was left by vbench (pid %ld), gone, "
				"and holds no console.log: left as it is\n",
				tmp, pid);
		return;
	}
	snprintf(why, sizeof(why),
		 "vbench (pid %ld) stopped before it finished this run (killed or crashed): "
		 "found by the next run",
		 pid);
	if (!lstat(failed, &st) && (!vb_failed_is_ours(failed) || vb_rm_rf(failed))) {
		fprintf(stderr,
			"vbench: warning: %s was left by vbench (pid %ld), gone; %s is in "
			"the way: left as it is\n",
			tmp, pid, failed);
		return;
	}
	if (vb_write_marker(tmp, why) || rename(tmp, failed))
		fprintf(stderr, "vbench: warning: cannot keep %s as %s: %s\n", tmp, failed,
			strerror(errno));
	else
		fprintf(stderr,
			"vbench: %s: an unfinished run (vbench pid %ld is gone), kept as "
			"%s\n",
			tmp, pid, failed);
}

/* ".<id>.tmp-<pid>" -> id and pid; false for any other name. */
static bool vb_tmp_name(const char *name, char *id, size_t len, long *pid)
{
	const char *t = strrchr(name, '.');
	char *end;
	size_t n;

	if (name[0] != '.' || !t || t == name || strncmp(t, ".tmp-", 5) || !t[5])
		return false;
	errno = 0;
	*pid = strtol(t + 5, &end, 10);
	n = (size_t)(t - name - 1);
	if (*end || errno || *pid <= 0 || !n || n >= len)
		return false;
	memcpy(id, name + 1, n);
	id[n] = '\0';
	return true;
}

/* Stale temporary folders: their vbench is gone (a live pid, even reused, is left alone). */
static void vb_sweep_stale(const char *parent)
{
	DIR *d = opendir(parent);
	struct dirent *de;
	char id[NAME_MAX + 1];
	long pid;

	if (!d)
		return;
	while ((de = readdir(d))) {
		char path[PATH_MAX + NAME_MAX + 2];
		struct stat st;

		if (!vb_tmp_name(de->d_name, id, sizeof(id), &pid) || pid == (long)getpid())
			continue;
		snprintf(path, sizeof(path), "%s/%s", parent, de->d_name);
		if (lstat(path, &st) || !S_ISDIR(st.st_mode))
			continue;
		if (kill((pid_t)pid, 0) == 0 || errno == EPERM)
			continue;
		vb_keep_stale(parent, de->d_name, id, pid);
	}
	closedir(d);
}

int vb_runfolder_begin(struct vb_runfolder *rf, struct vb_error *e)
{
	char parent[PATH_MAX], failed[PATH_MAX + 8];
	struct stat st;

	snprintf(parent, sizeof(parent), "%s", rf->final);
	if (vb_mkdir_p(dirname(parent), e))
		return -1;
	vb_sweep_stale(parent);
	snprintf(failed, sizeof(failed), "%s.failed", rf->final);
	if (!lstat(failed, &st) && !vb_failed_is_ours(failed)) {
		vb_fail(e,
			"%s exists and vbench did not make it (no " VB_FAILED_MARKER
			"): a failed run would replace it; move it away or choose another "
			"folder",
			failed);
		return -2; /* a path vbench refuses to replace: what was asked is wrong */
	}
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

/* Removes what the run wrote in tmp, except console.log (failure.txt is written after). */
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

int vb_runfolder_fail(struct vb_runfolder *rf, const char *why, char *kept, size_t len,
		      struct vb_error *e)
{
	char failed[PATH_MAX + 8];
	struct stat st;

	if (!rf->open)
		return vb_fail(e, "no run folder was started");
	snprintf(failed, sizeof(failed), "%s.failed", rf->final);
	if (vb_keep_only_log(rf->tmp))
		return vb_fail(e, "cannot clean %s: %s", rf->tmp, strerror(errno));
	if (vb_write_marker(rf->tmp, why))
		return vb_fail(e, "cannot write %s/" VB_FAILED_MARKER ": %s", rf->tmp,
			       strerror(errno));
	snprintf(kept, len, "%s/console.log", rf->tmp);
	if (!lstat(failed, &st) && !vb_failed_is_ours(failed))
		return vb_fail(e,
			       "%s exists and vbench did not make it (no " VB_FAILED_MARKER
			       "): not replacing it; the console stays in %s",
			       failed, kept);
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
