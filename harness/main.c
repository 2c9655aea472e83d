/* vbench: runs the benchmark images, verifies what they print, writes CSV. */
#include <stdio.h>
#include <string.h>

#include "cli/cmd.h"

static const char vb_usage[] =
	"usage: vbench <command> [options]\n"
	"Measures what virtualization costs on ARM: runs hyp-min and guest-min on a target,\n"
	"verifies every record they print (docs/records.md) and writes a run folder with\n"
	"CSV files (docs/results.md).\n"
	"\n"
	"commands:\n"
	"  run     run the benchmarks on a target (QEMU or a board on a serial line)\n"
	"  parse   verify a saved console log and write a run folder from it\n"
	"  perf-ingest  perf stat -x, or --json output as a run folder (docs/linux.md)\n"
	"  show    print run folders' results as a table\n"
	"  analyze what the numbers mean: overhead, confidence intervals, stability, pairs\n"
	"  compare compare two sets of runs; exit status 1 on a regression\n"
	"  plot    gnuplot charts (PNG and SVG) of run folders\n"
	"  history append runs to results/history.csv and chart a metric across revisions\n"
	"  report  a static HTML report of run folders, charts included\n"
	"  lava    LAVA jobs for a board farm, and their logs as run folders\n"
	"  help    this text\n"
	"\n"
	"`vbench <command> --help` lists a command's options. `vbench --version` prints "
	"the version.\n";

int main(int argc, char **argv)
{
	const char *cmd = argc > 1 ? argv[1] : NULL;

	if (!cmd) {
		fputs(vb_usage, stderr);
		return VB_EXIT_USAGE;
	}
	if (!strcmp(cmd, "help") || !strcmp(cmd, "--help") || !strcmp(cmd, "-h")) {
		fputs(vb_usage, stdout);
		return VB_EXIT_OK;
	}
	if (!strcmp(cmd, "--version")) {
		printf("vbench %s\n", VBENCH_VERSION);
		return VB_EXIT_OK;
	}
	/* Each subcommand parses its own options, argv[0] being its name. */
	if (!strcmp(cmd, "run"))
		return vb_cmd_run(argc - 1, argv + 1);
	if (!strcmp(cmd, "parse"))
		return vb_cmd_parse(argc - 1, argv + 1);
	if (!strcmp(cmd, "perf-ingest"))
		return vb_cmd_perf_ingest(argc - 1, argv + 1);
	if (!strcmp(cmd, "show"))
		return vb_cmd_show(argc - 1, argv + 1);
	if (!strcmp(cmd, "analyze"))
		return vb_cmd_analyze(argc - 1, argv + 1);
	if (!strcmp(cmd, "compare"))
		return vb_cmd_compare(argc - 1, argv + 1);
	if (!strcmp(cmd, "plot"))
		return vb_cmd_plot(argc - 1, argv + 1);
	if (!strcmp(cmd, "history"))
		return vb_cmd_history(argc - 1, argv + 1);
	if (!strcmp(cmd, "report"))
		return vb_cmd_report(argc - 1, argv + 1);
	if (!strcmp(cmd, "lava"))
		return vb_cmd_lava(argc - 1, argv + 1);
	return vb_report(VB_EXIT_USAGE, "unknown command '%s' (vbench --help)", cmd);
}
