/* Options, run loading and the atomic output folder shared by vbench plot and vbench report. */
#include "foldercmd.h"

#include <getopt.h>
#include <limits.h>
#include <stdio.h>

#include "cmd.h"
#include "results/outfile.h"

int vb_folder_cmd_run(const struct vb_folder_cmd *c, int argc, char **argv)
{
	static const struct option lo[] = {
		{ "out", required_argument, NULL, 'o' },
		{ "root", required_argument, NULL, 'r' },
		{ "help", no_argument, NULL, 'h' },
		{ NULL, 0, NULL, 0 },
	};
	const char *out = NULL, *root = NULL;
	struct vb_analysis_opts o;
	struct vb_paths p;
	struct vb_outdir d;
	struct vb_error e;
	struct vb_set s;
	char def[PATH_MAX + 32];
	int opt, r = VB_EXIT_OK;

	vb_analysis_defaults(&o);
	optind = 1;
	while ((opt = getopt_long(argc, argv, "+o:h", lo, NULL)) != -1) {
		if (opt == 'h')
			return fputs(c->usage, stdout), VB_EXIT_OK;
		if (opt == '?')
			return fputs(c->usage, stderr), VB_EXIT_USAGE;
		*(opt == 'o' ? &out : &root) = optarg;
	}
	if (optind >= argc)
		return fputs(c->usage, stderr), VB_EXIT_USAGE;
	if (vb_paths_resolve(&p, NULL, root, &e))
		return vb_report(VB_EXIT_USAGE, "%s: %s", c->name, e.msg);
	snprintf(def, sizeof(def), "%s/%s", p.root, c->default_out);
	if (vb_load_runs(&s, argv + optind, argc - optind, &o, &e)) {
		vb_set_free(&s);
		return vb_report(VB_EXIT_USAGE, "%s: %s", c->name, e.msg);
	}
	opt = vb_outdir_begin(&d, out ? out : def, c->marker, &e);
	if (opt)
		r = vb_report(opt == -2 ? VB_EXIT_USAGE : VB_EXIT_FAILED, "%s: %s", c->name, e.msg);
	else if (c->build(&s, p.root, d.tmp, c->ctx, &e) || vb_outdir_commit(&d, &e))
		r = vb_report(VB_EXIT_FAILED, "%s: %s", c->name, e.msg);
	vb_outdir_abort(&d);
	if (r == VB_EXIT_OK)
		printf("%s%s%s\n", d.final, *c->printed ? "/" : "", c->printed);
	vb_set_free(&s);
	return r;
}
