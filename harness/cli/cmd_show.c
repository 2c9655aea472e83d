/* vbench show: the rows of one or more run folders as a table for people. */
#include <dirent.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "cmd.h"

static const char vb_show_usage[] =
	"usage: vbench show RUN...\n"
	"RUN is a run folder, or a folder of run folders (results/).\n"
	"Prints the summary.csv rows of each run folder as one aligned table: target, mode,\n"
	"policy, benchmark, variant (footprint or pattern), configuration, status, median,\n"
	"p99 and unit, and what the clock was.\n"
	"Numbers are shown as written, nothing subtracted; empty means not measured.\n";

static const char *const vb_show_columns[] = { "target",  "mode",   "policy", "bench",
					       "variant", "config", "status", "median",
					       "p99",	  "unit",   "clock" };
#define VB_SHOW_NCOLS (sizeof(vb_show_columns) / sizeof(vb_show_columns[0]))

static const char *vb_show_cell(const struct vb_csv_table *t, size_t row, size_t col)
{
	const char *c = vb_csv_cell(t, row, vb_show_columns[col]);

	return c && *c ? c : "-";
}

/* Column widths over every table, so the runs line up. */
static void vb_show_widths(const struct vb_csv_table *tables, size_t n, int *w)
{
	for (size_t c = 0; c < VB_SHOW_NCOLS; c++)
		w[c] = (int)strlen(vb_show_columns[c]);
	for (size_t i = 0; i < n; i++)
		for (size_t row = 1; row < tables[i].nrows; row++)
			for (size_t c = 0; c < VB_SHOW_NCOLS; c++) {
				int len = (int)strlen(vb_show_cell(&tables[i], row, c));

				if (len > w[c])
					w[c] = len;
			}
}

static void vb_show_print(const struct vb_csv_table *tables, size_t n)
{
	int w[VB_SHOW_NCOLS];

	vb_show_widths(tables, n, w);
	w[VB_SHOW_NCOLS - 1] = 0; /* no padding after the last column */
	for (size_t c = 0; c < VB_SHOW_NCOLS; c++)
		printf("%-*s%s", w[c], vb_show_columns[c], c + 1 < VB_SHOW_NCOLS ? "  " : "\n");
	for (size_t i = 0; i < n; i++)
		for (size_t row = 1; row < tables[i].nrows; row++)
			for (size_t c = 0; c < VB_SHOW_NCOLS; c++)
				printf(c == 7 || c == 8 ? "%*s%s" : "%-*s%s",
				       w[c], /* numbers right */
				       vb_show_cell(&tables[i], row, c),
				       c + 1 < VB_SHOW_NCOLS ? "  " : "\n");
}

/* A run folder's summary.csv, or those of the run folders directly inside a folder of runs. */
static int vb_show_add(const char *arg, struct vb_csv_table **t, size_t *n, size_t *cap,
		       struct vb_error *e)
{
	char path[PATH_MAX + 16], sub[PATH_MAX + 16];
	struct dirent **de = NULL;
	int k, found = 0, r = 0;

	vb_path_join(path, sizeof(path), arg, "summary.csv");
	if (!access(path, F_OK) || access(arg, F_OK) ||
	    (k = scandir(arg, &de, NULL, alphasort)) < 0) {
		*t = vb_grow(*t, cap, *n + 1, sizeof(**t));
		memset(&(*t)[*n], 0, sizeof(**t));
		if (vb_csv_read(path, &(*t)[*n], e))
			return -1;
		(*n)++;
		return 0;
	}
	for (int i = 0; i < k; i++) {
		snprintf(sub, sizeof(sub), "%s/%s", arg, de[i]->d_name);
		vb_path_join(path, sizeof(path), sub, "summary.csv");
		if (!r && de[i]->d_name[0] != '.' && !access(path, F_OK)) {
			*t = vb_grow(*t, cap, *n + 1, sizeof(**t));
			memset(&(*t)[*n], 0, sizeof(**t));
			r = vb_csv_read(path, &(*t)[*n], e);
			*n += !r;
			found++;
		}
		free(de[i]);
	}
	free(de);
	if (!r && !found)
		return vb_fail(e, "%s: no summary.csv in it nor in any folder inside it", arg);
	return r;
}

int vb_cmd_show(int argc, char **argv)
{
	struct vb_csv_table *tables = NULL;
	struct vb_error e;
	size_t n = 0, cap = 0;
	int ret = VB_EXIT_OK;

	if (argc < 2)
		return fputs(vb_show_usage, stderr), VB_EXIT_USAGE;
	if (!strcmp(argv[1], "-h") || !strcmp(argv[1], "--help"))
		return fputs(vb_show_usage, stdout), VB_EXIT_OK;
	for (int i = 1; i < argc && !ret; i++)
		if (vb_show_add(argv[i], &tables, &n, &cap, &e))
			ret = vb_report(VB_EXIT_USAGE, "show: %s", e.msg);
	if (ret == VB_EXIT_OK)
		vb_show_print(tables, n);
	for (size_t i = 0; i < n; i++)
		vb_csv_free(&tables[i]);
	free(tables);
	return ret;
}
