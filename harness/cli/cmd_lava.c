/*
 * vbench lava: board farms through LAVA (docs/lava.md). `job` writes job
 * definitions for a run or a suite, `ingest` turns a job's log into a
 * verified run folder, `submit` and `fetch` hand jobs to and from a LAVA
 * server through lavacli.
 */
#include <errno.h>
#include <fcntl.h>
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <unistd.h>

#include "cmd.h"
#include "launch/lava_job.h"
#include "launch/params.h"
#include "launch/suite.h"
#include "launch/target.h"
#include "records/lava_log.h"
#include "results/outfile.h"
#include "run_args.h"

static const char vb_lava_usage[] =
	"usage: vbench lava job --target T --jobs DIR --image-url URL --params-url URL\n"
	"                       [run options | --suite NAME]\n"
	"       vbench lava ingest LOG [--job-id ID] [--device NAME] [--worker NAME]\n"
	"                       [--out DIR | --results DIR] [--samples]\n"
	"       vbench lava submit JOB.yaml...\n"
	"       vbench lava fetch JOB-ID [--results DIR] [--samples]\n"
	"Board farms through LAVA (docs/lava.md).\n"
	"\n"
	"job     writes DIR/<name>.yaml, a LAVA job, and DIR/<name>.params.bin, its run\n"
	"        parameters, for one run (the options of vbench run: --mode, --policy,\n"
	"        --deterministic, --samples, --only, --n, --warmup, --s1, --s2, --footprints,\n"
	"        --timeout) or for every run of a suite (one job each). <name> is\n"
	"        <target>-<mode>[-<policy>][-<configuration>]. The job fetches the image from\n"
	"        <image-url>/<target>/<mode>.elf (.bin on boards: the build folder as served)\n"
	"        and params.bin from <params-url>/<name>.params.bin (DIR as served): file://,\n"
	"        http:// or https://. Prints each job file written.\n"
	"ingest  reads a LAVA job log (lava-run's standard error, or lavacli jobs logs --raw),\n"
	"        verifies the console in it as vbench parse does and writes the run folder;\n"
	"        the job id, device and worker go into meta.csv\n"
	"submit  lavacli jobs submit, for each job file (needs a configured lavacli)\n"
	"fetch   lavacli jobs logs --raw JOB-ID, then ingest (needs a configured lavacli)\n"
	"\n"
	"Exit status: 0 done, 1 a failed job or verification, 2 bad usage.\n";

/* --name VALUE or --name=VALUE at argv[*i]: the value, or NULL if argv[*i] is not --name. */
static const char *vb_take(int argc, char **argv, int *i, const char *name, bool *missing)
{
	size_t n = strlen(name);

	if (strncmp(argv[*i], name, n))
		return NULL;
	if (argv[*i][n] == '=')
		return argv[*i] + n + 1;
	if (argv[*i][n])
		return NULL;
	if (*i + 1 >= argc) {
		*missing = true;
		return NULL;
	}
	return argv[++*i];
}

struct vb_lava_job_args {
	const char *jobs, *image_url, *params_url;
	struct vb_run_args run;
};

static int vb_lava_job_args(int argc, char **argv, struct vb_lava_job_args *j)
{
	char **rest = vb_xcalloc((size_t)argc + 1, sizeof(*rest));
	int nrest = 0, r;

	memset(j, 0, sizeof(*j));
	rest[nrest++] = "lava job";
	for (int i = 1; i < argc; i++) {
		bool missing = false;
		const char *v;

		if ((v = vb_take(argc, argv, &i, "--jobs", &missing)))
			j->jobs = v;
		else if ((v = vb_take(argc, argv, &i, "--image-url", &missing)))
			j->image_url = v;
		else if ((v = vb_take(argc, argv, &i, "--params-url", &missing)))
			j->params_url = v;
		else if (missing) {
			free(rest);
			return vb_report(-1, "lava job: option '%s' needs a value", argv[i]);
		} else
			rest[nrest++] = argv[i];
	}
	optind = 0;
	r = vb_run_args(nrest, rest, &j->run);
	free(rest);
	if (r)
		return r;
	if (j->run.out || j->run.results)
		return vb_report(-1, "lava job: --out and --results are vbench run's; the job "
				     "files go to --jobs DIR");
	if (!j->jobs)
		return vb_report(-1, "lava job: --jobs DIR is required (vbench lava --help)");
	return 0;
}

/* One job: DIR/<name>.params.bin and DIR/<name>.yaml; prints the job's path. */
static int vb_lava_one(const struct vb_lava_job_args *j, const struct vb_run_args *a,
		       const struct vb_target *t, struct vb_error *e)
{
	char mode[160], name[256], path[PATH_MAX + 300], image[PATH_MAX], params[PATH_MAX];
	struct vb_param_values pv;
	struct vb_outfile o;
	struct vb_lava_job job = { .target = t,
				   .name = name,
				   .mode = a->mode,
				   .image_url = image,
				   .params_url = params,
				   .deterministic = a->deterministic,
				   .timeout_s = a->timeout };
	int r;

	struct vb_error ce;

	if (vb_lava_url_check("--image-url", j->image_url, e) ||
	    vb_lava_url_check("--params-url", j->params_url, e))
		return -1;
	vb_run_mode_name(a, t, mode, sizeof(mode));
	snprintf(name, sizeof(name), "%s-%s", a->target, mode);
	snprintf(image, sizeof(image), "%s/%s/%s.%s", j->image_url, a->target, a->mode,
		 t->launch == VB_LAUNCH_QEMU ? "elf" : "bin");
	snprintf(params, sizeof(params), "%s/%s.params.bin", j->params_url, name);
	vb_run_param_values(a, &pv);
	snprintf(path, sizeof(path), "%s/%s.params.bin", j->jobs, name);
	if (vb_params_write(path, &pv, e))
		return -1;
	snprintf(path, sizeof(path), "%s/%s.yaml", j->jobs, name);
	if (vb_outfile_open(&o, path, e))
		return -1;
	r = vb_lava_job_write(o.f, &job, e);
	if (vb_outfile_close(&o, r, r ? &ce : e) || r)
		return -1;
	printf("%s\n", path);
	return 0;
}

static int vb_lava_job(int argc, char **argv)
{
	static struct vb_suite s;
	struct vb_lava_job_args j;
	bool runnable[VB_SUITE_MAX], native[VB_SUITE_MAX];
	struct vb_paths p;
	struct vb_target t;
	struct vb_error e;
	int r = vb_lava_job_args(argc, argv, &j), bad = 0;

	if (r)
		return r > 0 ? VB_EXIT_OK : VB_EXIT_USAGE;
	if (!j.run.timeout)
		j.run.timeout = VB_DEFAULT_TIMEOUT;
	if (vb_paths_resolve(&p, j.run.build, j.run.root, &e) ||
	    vb_target_load(&t, p.root, j.run.target, &e))
		return vb_report(VB_EXIT_USAGE, "%s", e.msg);
	if (mkdir(j.jobs, 0777) && errno != EEXIST) {
		vb_target_free(&t);
		return vb_report(VB_EXIT_USAGE, "lava job: cannot create %s: %s", j.jobs,
				 strerror(errno));
	}
	if (!j.run.suite) {
		r = vb_lava_one(&j, &j.run, &t, &e);
	} else if (vb_suite_load(&s, p.root, j.run.suite, &e)) {
		r = -1;
	} else {
		if (!vb_suite_plan(&j.run, &t, &s, runnable, native))
			bad = vb_fail(&e, "suite %s: no configuration can run on %s", j.run.suite,
				      j.run.target);
		for (unsigned k = 0; !bad && k < s.nc; k++)
			for (int virt = 1; !bad && virt >= 0; virt--) {
				struct vb_run_args a;

				if (!(virt ? runnable[k] : native[k]))
					continue;
				vb_suite_args(&j.run, &s, &s.c[k], virt, &a);
				bad = vb_lava_one(&j, &a, &t, &e);
			}
		r = bad;
	}
	vb_target_free(&t);
	return r ? vb_report(VB_EXIT_USAGE, "%s", e.msg) : VB_EXIT_OK;
}

struct vb_lava_ingest_args {
	struct vb_parse_args parse;
	const char *job_id, *device, *worker;
};

static int vb_lava_ingest_args(int argc, char **argv, struct vb_lava_ingest_args *a)
{
	memset(a, 0, sizeof(*a));
	for (int i = 1; i < argc; i++) {
		bool missing = false;
		const char *v;

		if ((v = vb_take(argc, argv, &i, "--job-id", &missing)))
			a->job_id = v;
		else if ((v = vb_take(argc, argv, &i, "--device", &missing)))
			a->device = v;
		else if ((v = vb_take(argc, argv, &i, "--worker", &missing)))
			a->worker = v;
		else if ((v = vb_take(argc, argv, &i, "--out", &missing)))
			a->parse.out = v;
		else if ((v = vb_take(argc, argv, &i, "--results", &missing)))
			a->parse.results = v;
		else if ((v = vb_take(argc, argv, &i, "--root", &missing)))
			a->parse.root = v;
		else if (!strcmp(argv[i], "--samples"))
			a->parse.samples = true;
		else if (missing)
			return vb_report(-1, "lava ingest: option '%s' needs a value", argv[i]);
		else if (argv[i][0] == '-')
			return vb_report(-1,
					 "lava ingest: unknown option '%s' (vbench lava --help)",
					 argv[i]);
		else if (a->parse.source)
			return vb_report(-1, "lava ingest: one log at a time ('%s' and '%s')",
					 a->parse.source, argv[i]);
		else
			a->parse.source = argv[i];
	}
	if (!a->parse.source)
		return vb_report(-1, "lava ingest: expected a LAVA job log (vbench lava --help)");
	if (a->parse.out && a->parse.results)
		return vb_report(-1, "lava ingest: --out and --results exclude each other");
	return 0;
}

static int vb_lava_ingest_log(const struct vb_lava_ingest_args *a)
{
	char console[] = "/tmp/vbench-lava-XXXXXX";
	struct vb_field meta[3];
	struct vb_parse_args p = a->parse;
	struct vb_lava_log info;
	struct vb_error e;
	size_t n = 0;
	int fd = mkstemp(console), r;

	if (fd < 0)
		return vb_report(VB_EXIT_USAGE, "cannot create a temporary file: %s",
				 strerror(errno));
	r = vb_lava_log_console(p.source, fd, &info, &e);
	close(fd);
	if (r) {
		unlink(console);
		return vb_report(VB_EXIT_USAGE, "lava ingest: %s", e.msg);
	}
	if (info.job_result_seen && !info.job_passed)
		vb_report(0, "lava ingest: %s: the LAVA job failed (%s); verifying its console",
			  p.source, info.job_error);
	if (!info.target_lines) {
		unlink(console);
		return vb_report(VB_EXIT_FAILED,
				 "lava ingest: %s: no console output in the log (no lvl: target "
				 "lines): the image never printed",
				 p.source);
	}
	if (a->job_id)
		meta[n++] = (struct vb_field){ "lava_job_id", (char *)a->job_id };
	if (a->device)
		meta[n++] = (struct vb_field){ "lava_device", (char *)a->device };
	if (a->worker)
		meta[n++] = (struct vb_field){ "lava_worker", (char *)a->worker };
	p.file = console;
	p.launch = "lava";
	p.extra = meta;
	p.nextra = n;
	r = vb_parse_console(&p);
	unlink(console);
	return r;
}

static int vb_lava_ingest(int argc, char **argv)
{
	struct vb_lava_ingest_args a;
	int r = vb_lava_ingest_args(argc, argv, &a);

	return r ? VB_EXIT_USAGE : vb_lava_ingest_log(&a);
}

/* Runs a command, its standard output to out_fd (-1: ours); its exit status, or -1. */
static int vb_spawn(char *const *argv, int out_fd)
{
	pid_t pid = fork();
	int st;

	if (pid < 0)
		return -1;
	if (!pid) {
		if (out_fd >= 0 && dup2(out_fd, 1) < 0)
			_exit(127);
		execvp(argv[0], argv);
		fprintf(stderr, "vbench: cannot run %s: %s (apt-get install lavacli)\n", argv[0],
			strerror(errno));
		_exit(127);
	}
	while (waitpid(pid, &st, 0) < 0)
		if (errno != EINTR)
			return -1;
	return WIFEXITED(st) ? WEXITSTATUS(st) : -1;
}

static int vb_lava_submit(int argc, char **argv)
{
	if (argc < 2)
		return vb_report(VB_EXIT_USAGE,
				 "lava submit: expected job files (vbench lava --help)");
	for (int i = 1; i < argc; i++) {
		char *cmd[] = { "lavacli", "jobs", "submit", argv[i], NULL };

		if (vb_spawn(cmd, -1))
			return vb_report(VB_EXIT_FAILED, "lava submit: lavacli failed for %s",
					 argv[i]);
	}
	return VB_EXIT_OK;
}

static int vb_lava_fetch(int argc, char **argv)
{
	char log[] = "/tmp/vbench-lava-log-XXXXXX";
	struct vb_lava_ingest_args a;
	int fd, r;

	if (argc < 2 || argv[1][0] == '-')
		return vb_report(VB_EXIT_USAGE,
				 "lava fetch: expected a job id (vbench lava --help)");
	fd = mkstemp(log);
	if (fd < 0)
		return vb_report(VB_EXIT_USAGE, "cannot create a temporary file: %s",
				 strerror(errno));
	char *cmd[] = { "lavacli", "jobs", "logs", "--raw", argv[1], NULL };
	r = vb_spawn(cmd, fd);
	close(fd);
	if (r) {
		unlink(log);
		return vb_report(VB_EXIT_FAILED, "lava fetch: lavacli jobs logs %s failed",
				 argv[1]);
	}
	argv[0] = "lava ingest";
	if (vb_lava_ingest_args(argc, argv, &a)) {
		unlink(log);
		return VB_EXIT_USAGE;
	}
	a.job_id = a.parse.source; /* the job id took the log's place */
	a.parse.source = log;
	r = vb_lava_ingest_log(&a);
	unlink(log);
	return r;
}

int vb_cmd_lava(int argc, char **argv)
{
	const char *sub = argc > 1 ? argv[1] : NULL;

	if (!sub)
		return vb_report(VB_EXIT_USAGE, "lava: expected job, ingest, submit or fetch "
						"(vbench lava --help)");
	if (!strcmp(sub, "-h") || !strcmp(sub, "--help") || !strcmp(sub, "help")) {
		fputs(vb_lava_usage, stdout);
		return VB_EXIT_OK;
	}
	for (int i = 2; i < argc; i++)
		if (!strcmp(argv[i], "-h") || !strcmp(argv[i], "--help")) {
			fputs(vb_lava_usage, stdout);
			return VB_EXIT_OK;
		}
	if (!strcmp(sub, "job"))
		return vb_lava_job(argc - 1, argv + 1);
	if (!strcmp(sub, "ingest"))
		return vb_lava_ingest(argc - 1, argv + 1);
	if (!strcmp(sub, "submit"))
		return vb_lava_submit(argc - 1, argv + 1);
	if (!strcmp(sub, "fetch"))
		return vb_lava_fetch(argc - 1, argv + 1);
	return vb_report(VB_EXIT_USAGE, "lava: unknown command '%s' (vbench lava --help)", sub);
}
