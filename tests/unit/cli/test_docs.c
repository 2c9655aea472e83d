/*
 * The docs' examples stay true: every `build/bin/vbench ...` line in a fenced code
 * block of README.md and the docs/ markdown files that has no placeholder (BASE, RUN..., <name>) runs,
 * on synthetic run folders in a folder of its own, and must exit 0.
 */
#include <dirent.h>
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <unistd.h>

#include "helpers.h"
#include "base/util.h"

static char vbench[PATH_MAX + 16];

/* A word a reader replaces: BASE, T, RUN..., <name>, [--out DIR]. */
static int placeholder(const char *w)
{
	int upper = *w != '\0';

	if (strchr(w, '<') || strchr(w, '[') || strchr(w, '|') || strstr(w, "..."))
		return 1;
	for (const char *p = w; *p && upper; p++)
		upper = (*p >= 'A' && *p <= 'Z') || (*p >= '0' && *p <= '9') || *p == '_';
	return upper;
}

/* The command of a doc line, or NULL: "build/bin/vbench ..." without its comment. */
static char *example(const char *line)
{
	char *c, *hash, *save = NULL, *copy;

	if (strncmp(line, "build/bin/vbench ", 17))
		return NULL;
	c = vb_xstrdup(line);
	hash = strstr(c, " #");
	if (hash)
		*hash = '\0';
	copy = vb_xstrdup(c);
	for (char *w = strtok_r(copy, " ", &save); w; w = strtok_r(NULL, " ", &save))
		if (placeholder(w)) {
			free(copy), free(c);
			return NULL;
		}
	free(copy);
	return c;
}

/* A `vbench run --target T` example runs T's images: are they in this build? */
static int images_built(const char *cmd)
{
	char target[128], path[PATH_MAX + 256];
	const char *t = strstr(cmd, " --target ");

	if (strncmp(cmd, "build/bin/vbench run ", 21) || !t ||
	    sscanf(t, " --target %127s", target) != 1)
		return 1;
	snprintf(path, sizeof(path), "%s/%s/virt.elf", vbt_build(), target);
	return !access(path, R_OK);
}

/* Runs the examples of one markdown file in sbx; counts them. */
static void run_file(const char *md, const char *sbx, int *ran)
{
	char *text = vbt_read(md), *save = NULL;
	int fenced = 0;

	if (!text)
		fail_msg("cannot read %s", md);
	for (char *l = strtok_r(text, "\n", &save); l; l = strtok_r(NULL, "\n", &save)) {
		char *cmd, *sh, *tmp, *end;

		/* a command continued with a backslash is one command: join its lines */
		while (fenced && (end = l + strlen(l)) > l && end[-1] == '\\' && save && *save) {
			end[-1] = ' ';
			*end = ' '; /* the '\n' strtok_r cut */
			strtok_r(NULL, "\n", &save);
		}

		if (!strncmp(l, "```", 3)) {
			fenced = !fenced;
			continue;
		}
		if (!fenced || !(cmd = example(l)))
			continue;
		if (!images_built(cmd)) {
			/* make test SANITIZE=1 builds no images: its plain twin runs these */
			printf("# %s: `%s` needs the images, not built here\n", md, l);
			free(cmd);
			continue;
		}
		/* /tmp/x in an example is the sandbox's tmp/x: other people use /tmp */
		for (size_t at = 0; (tmp = strstr(cmd + at, " /tmp/"));) {
			char *n =
				vb_xasprintf("%.*s %s/tmp/%s", (int)(tmp - cmd), cmd, sbx, tmp + 6);

			at = (size_t)(tmp - cmd) + strlen(sbx) + 6; /* past what was put in */
			free(cmd);
			cmd = n;
		}
		sh = vb_xasprintf("cd %s && VBENCH_ROOT=%s %s%s >%s/out 2>&1 </dev/null", sbx, sbx,
				  vbench, cmd + strlen("build/bin/vbench"), sbx);
		if (system(sh)) {
			char *o = vb_xasprintf("%s/out", sbx);

			fail_msg("%s: `%s` failed: %s", md, l, vbt_read(o));
		}
		(*ran)++;
		free(sh), free(cmd);
	}
	free(text);
}

static void test_doc_examples_run(void **state)
{
	char *sbx = vbt_tmpdir(), *p;
	uint64_t v[20];
	struct vbt_run r;
	struct dirent **de;
	int ran = 0, k;

	(void)state;
	snprintf(vbench, sizeof(vbench), "%s", vbt_vbench());
	/* results/ as make bench leaves it: lean, full, native of one target */
	p = vb_xasprintf("%s/results", sbx), mkdir(p, 0777);
	for (int w = 0; w < 3; w++) {
		static const char *const id[] = { "20261128-000000-qemu-a72-native",
						  "20261128-000001-qemu-a72-virt-lean",
						  "20261128-000002-qemu-a72-virt-full" };

		vbt_run_begin(&r, p, id[w], "qemu-a72", w ? "virt" : "native",
			      w == 0 ? "none" :
			      w == 1 ? "lean" :
				       "full",
			      NULL);
		vbt_noise(v, 20, 3, 0, 1);
		vbt_run_row(&r, "counter_overhead", w ? "s1-4k_s2-4k" : "s1-4k", NULL, v, 20);
		vbt_noise(v, 20, 10 + 500 * (w - 1), 0, 2);
		if (w)
			vbt_run_row(&r, "hvc_null", "s1-4k_s2-4k", NULL, v, 20);
		else
			vbt_run_na(&r, "hvc_null", "s1-4k", NULL);
		vbt_run_end(&r);
	}
	free(p);
	p = vb_xasprintf("ln -s %s/plots %s/plots && ln -s %s/bench %s/bench && mkdir %s/tmp",
			 VB_SRC_ROOT, sbx, VB_SRC_ROOT, sbx, sbx);
	assert_int_equal(system(p), 0);
	free(p);
	p = vb_xasprintf("%s/README.md", VB_SRC_ROOT);
	run_file(p, sbx, &ran);
	free(p);
	p = vb_xasprintf("%s/docs", VB_SRC_ROOT);
	k = scandir(p, &de, NULL, alphasort);
	assert_true(k > 0);
	for (int i = 0; i < k; i++) {
		size_t len = strlen(de[i]->d_name);

		if (len > 3 && !strcmp(de[i]->d_name + len - 3, ".md")) {
			char *md = vb_xasprintf("%s/%s", p, de[i]->d_name);

			run_file(md, sbx, &ran);
			free(md);
		}
		free(de[i]);
	}
	free(de), free(p);
	/* show, analyze, plot, report, history add and plot (docs/analysis.md) at least */
	if (ran < 6)
		fail_msg("only %d runnable examples found in README.md and docs/", ran);
	vbt_rmdir(sbx);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_doc_examples_run),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
