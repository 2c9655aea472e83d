/* Drawing every chart: the templates from plots/, each chart's data, gnuplot. */
#include "plot.h"

#include <errno.h>
#include <fcntl.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <unistd.h>

#include "results/outfile.h"

/* Copies <root>/plots/<name> into dir, so the folder can be drawn again by hand. */
static int vb_copy_template(const char *root, const char *dir, const char *name, struct vb_error *e)
{
	char src[4096], *text;
	FILE *f;
	long n;
	int r;

	snprintf(src, sizeof(src), "%s/plots/%s", root, name);
	f = fopen(src, "rb");
	if (!f)
		return vb_fail(e, "cannot open the template %s: %s", src, strerror(errno));
	fseek(f, 0, SEEK_END);
	n = ftell(f);
	rewind(f);
	text = vb_xmalloc((size_t)n + 1);
	text[fread(text, 1, (size_t)n, f)] = '\0';
	fclose(f);
	r = vb_plot_file(dir, name, text, e);
	free(text);
	return r;
}

/* plot.sh: the commands that drew this folder, to run again after editing a template. */
static int vb_write_replay(const char *dir, const struct vb_charts *l, struct vb_error *e)
{
	char *text = NULL;
	size_t len = 0;
	FILE *m = open_memstream(&text, &len);
	int r;

	fprintf(m,
		"#!/bin/sh\n# Draws these charts again: edit a .gp or .dat file, then run ./plot.sh\n"
		"set -e\ncd \"$(dirname \"$0\")\"\n");
	for (size_t i = 0; i < l->n; i++)
		if (l->c[i].script[0])
			for (int t = 0; t < 2; t++)
				fprintf(m, "gnuplot -e \"%s; term='%s'; out='%s.%s'\" %s\n",
					l->c[i].vars, t ? "svg" : "png", l->c[i].name,
					t ? "svg" : "png", l->c[i].script);
	fclose(m);
	r = vb_plot_file(dir, "plot.sh", text, e);
	free(text);
	if (!r) {
		char p[4096];

		snprintf(p, sizeof(p), "%s/plot.sh", dir);
		chmod(p, 0755);
	}
	return r;
}

int vb_plot_all(const struct vb_set *s, const char *root, const char *dir, struct vb_charts *l,
		struct vb_error *e)
{
	static const char *const templates[] = { "common.gp", "traps.gp", "tlb.gp", "heatmap.gp",
						 "linux.gp" };
	char out[160];

	for (size_t i = 0; i < sizeof(templates) / sizeof(templates[0]); i++)
		if (vb_copy_template(root, dir, templates[i], e))
			return -1;
	if (vb_plot_traps(s, dir, l, e) || vb_plot_tlb(s, dir, l, e) ||
	    vb_plot_heatmaps(s, dir, l, e) || vb_plot_linux(s, dir, l, e) ||
	    vb_write_replay(dir, l, e))
		return -1;
	for (size_t i = 0; i < l->n; i++) {
		if (!l->c[i].script[0])
			continue;
		for (int t = 0; t < 2; t++) {
			snprintf(out, sizeof(out), "%s.%s", l->c[i].name, t ? "svg" : "png");
			if (vb_gnuplot(dir, l->c[i].script, l->c[i].vars, t ? "svg" : "png", out,
				       e))
				return -1;
		}
		l->c[i].drawn = true;
	}
	return 0;
}
