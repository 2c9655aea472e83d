/* vbench show: the rows of one or more run folders as a table for people. */
#include <stdio.h>
#include <string.h>

#include "cmd.h"

static const char vb_show_usage[] =
	"usage: vbench show RUN...\n"
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
static void vb_show_widths(const struct vb_csv_table *tables, int n, int *w)
{
	for (size_t c = 0; c < VB_SHOW_NCOLS; c++)
		w[c] = (int)strlen(vb_show_columns[c]);
	for (int i = 0; i < n; i++)
		for (size_t row = 1; row < tables[i].nrows; row++)
			for (size_t c = 0; c < VB_SHOW_NCOLS; c++) {
				int len = (int)strlen(vb_show_cell(&tables[i], row, c));

				if (len > w[c])
					w[c] = len;
			}
}

static void vb_show_print(const struct vb_csv_table *tables, int n)
{
	int w[VB_SHOW_NCOLS];

	vb_show_widths(tables, n, w);
	w[VB_SHOW_NCOLS - 1] = 0; /* no padding after the last column */
	for (size_t c = 0; c < VB_SHOW_NCOLS; c++)
		printf("%-*s%s", w[c], vb_show_columns[c], c + 1 < VB_SHOW_NCOLS ? "  " : "\n");
	for (int i = 0; i < n; i++)
		for (size_t row = 1; row < tables[i].nrows; row++)
			for (size_t c = 0; c < VB_SHOW_NCOLS; c++)
				printf(c == 7 || c == 8 ? "%*s%s" : "%-*s%s",
				       w[c], /* numbers right */
				       vb_show_cell(&tables[i], row, c),
				       c + 1 < VB_SHOW_NCOLS ? "  " : "\n");
}

int vb_cmd_show(int argc, char **argv)
{
	struct vb_csv_table tables[64];
	struct vb_error e;
	char path[PATH_MAX + 16];
	int n = 0, ret = VB_EXIT_OK;

	if (argc < 2)
		return fputs(vb_show_usage, stderr), VB_EXIT_USAGE;
	if (!strcmp(argv[1], "-h") || !strcmp(argv[1], "--help"))
		return fputs(vb_show_usage, stdout), VB_EXIT_OK;
	if (argc - 1 > (int)(sizeof(tables) / sizeof(tables[0])))
		return vb_report(VB_EXIT_USAGE, "show: at most %zu runs at once",
				 sizeof(tables) / sizeof(tables[0]));
	for (int i = 1; i < argc; i++) {
		vb_path_join(path, sizeof(path), argv[i], "summary.csv");
		memset(&tables[n], 0, sizeof(tables[n]));
		if (vb_csv_read(path, &tables[n], &e)) {
			ret = vb_report(VB_EXIT_FAILED, "show: %s", e.msg);
			break;
		}
		n++;
	}
	if (ret == VB_EXIT_OK)
		vb_show_print(tables, n);
	for (int i = 0; i < n; i++)
		vb_csv_free(&tables[i]);
	return ret;
}
