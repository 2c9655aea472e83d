/* vbench run's options: parsed and checked before anything is launched or written. */
#include "run_args.h"

#include <getopt.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cmd.h"
#include "launch/params.h"
#include "launch/target.h"
#include "launch/xlatspec.h"

static const char vb_run_usage[] =
	"usage: vbench run --target T [options]\n"
	"Runs hyp-min and guest-min on target T (bench/targets/T.conf), verifies every\n"
	"record on the console and writes a run folder (docs/results.md).\n"
	"\n"
	"  --target T          target name (required)\n"
	"  --mode M            virt: guest-min under hyp-min (default); native: guest-min alone;\n"
	"                      kvm: guest-min under Linux KVM through vbench-vmm (docs/kvm.md):\n"
	"                      on a QEMU target, Debian's kernel nested in QEMU\n"
	"  --mode linux        vbench-linux under Linux: QEMU boots Debian's arm64 kernel, a\n"
	"                      board runs it through its 'remote' command (docs/linux.md);\n"
	"                      takes --n, --warmup, --samples, --footprints, --deterministic\n"
	"  --guest kvm         --mode linux on QEMU: vbench-linux in a KVM guest that vbench-vmm\n"
	"                      boots under the nested kernel (its in_guest=yes; docs/linux.md)\n"
	"  --deterministic     QEMU with -icount shift=0,sleep=off: cycles are instructions\n"
	"  --qemu              a board's target on QEMU's model of it (the file's qemu key):\n"
	"                      the rows are labelled emulated\n"
	"  --timeout S         give up after S seconds (default 300)\n"
	"  --samples           ask for raw samples: samples.csv, each result checked against them\n"
	"  --only a,b          run only these benchmarks\n"
	"  --policy lean|full  hyp-min's exit path (virt mode; default lean): save only what the\n"
	"                      handler uses, or the whole EL1, timer and GIC context\n"
	"  --clock cycles|ticks  native and virt: time each row with the PMU cycle counter\n"
	"                      (default), or with kvm mode's virtual-counter bracket and sample\n"
	"                      functions, in KVM's units (ticks, ticks/64, ticks/1024): the\n"
	"                      rows a kvm run shares, for its ratio to native (docs/kvm.md)\n"
	"  --thp on|off        --mode kvm: vbench-vmm madvises the guest's RAM MADV_HUGEPAGE or\n"
	"                      MADV_NOHUGEPAGE (default: neither, the host's setting decides)\n"
	"  --n N               keep N samples per benchmark (1..4096; default: the images' 1000)\n"
	"  --warmup N          take and drop N samples first (default: the images' 10)\n"
	"  --s1 G[:M][:vaN][:wb|nc]  stage 1: granule, mapping of the test window, VA bits\n"
	"                      (32-48), walk attributes (default 4k:4k:va32:wb; 16k and 64k\n"
	"                      granules and other VA sizes on armv8 only)\n"
	"  --s2 G[:M][:ipaN][:lL][:wb|nc]  stage 2 the same with IPA bits, and its start\n"
	"                      level (l2 with 4k and l3 with 64k: concatenated tables; armv8)\n"
	"  --footprints LIST   tlb_miss_chase footprints, e.g. 16k,1m,64m (default 16k to 256m)\n"
	"  --suite NAME        run every configuration of bench/suites/NAME.suite, virt and\n"
	"                      native, one run folder each (docs/suites.md)\n"
	"  --one-boot          with --suite: every virt configuration in one boot of the\n"
	"                      images, every native one in another (default where the launch\n"
	"                      can: QEMU, or params_via = serial)\n"
	"  --boot-per-config   with --suite: a boot (a QEMU launch) for each run\n"
	"  --out DIR           write the run here (an older run folder there is replaced on success)\n"
	"  --results DIR       write the run to DIR/<run-id> (default: <root>/results)\n"
	"  --build DIR         build folder with <T>/<mode>.elf (default: $VBENCH_BUILD, else two\n"
	"                      levels above the vbench executable)\n"
	"  --root DIR          source root with bench/targets (default: $VBENCH_ROOT, else the\n"
	"                      build folder's parent)\n"
	"  -h, --help          this text\n"
	"\n"
	"Prints the run folder on success. Exit status: 0 verified run, 1 run failed (its\n"
	"console is kept in <folder>.failed/console.log, why in failure.txt), 2 bad usage\n"
	"or setup, 128+signal when SIGINT/SIGTERM/SIGHUP stopped it (130, 143, 129: QEMU is\n"
	"stopped and the run kept as <folder>.failed).\n";

/* A decimal count in [lo, hi]. */
static int vb_run_count(const char *s, unsigned long lo, unsigned long hi, unsigned *out)
{
	char *end;
	unsigned long v = strtoul(s, &end, 10);

	if (!*s || *end || *s == '-' || v < lo || v > hi)
		return -1;
	*out = (unsigned)v;
	return 0;
}

int vb_run_args(int argc, char **argv, struct vb_run_args *a)
{
	static const struct option opts[] = {
		{ "target", 1, 0, 't' },
		{ "mode", 1, 0, 'm' },
		{ "deterministic", 0, 0, 'd' },
		{ "qemu", 0, 0, 'Q' },
		{ "timeout", 1, 0, 'T' },
		{ "samples", 0, 0, 's' },
		{ "only", 1, 0, 'o' },
		{ "out", 1, 0, 'O' },
		{ "results", 1, 0, 'r' },
		{ "build", 1, 0, 'b' },
		{ "root", 1, 0, 'R' },
		{ "policy", 1, 0, 'p' },
		{ "thp", 1, 0, 'H' },
		{ "clock", 1, 0, 'C' },
		{ "guest", 1, 0, 'G' },
		{ "n", 1, 0, 'n' },
		{ "warmup", 1, 0, 'w' },
		{ "help", 0, 0, 'h' },
		{ "s1", 1, 0, '1' },
		{ "s2", 1, 0, '2' },
		{ "footprints", 1, 0, 'f' },
		{ "suite", 1, 0, 'S' },
		{ "one-boot", 0, 0, 'B' },
		{ "boot-per-config", 0, 0, 'P' },
		{ 0, 0, 0, 0 },
	};
	struct vb_error e;
	unsigned long secs;
	char *end;
	int c;

	memset(a, 0, sizeof(*a));
	a->mode = "virt";
	a->timeout = VB_DEFAULT_TIMEOUT;
	opterr = 0;
	while ((c = getopt_long(argc, argv, ":h", opts, NULL)) != -1) {
		switch (c) {
		case 't':
			a->target = optarg;
			break;
		case 'm':
			a->mode = optarg;
			break;
		case 'd':
			a->deterministic = true;
			break;
		case 'Q':
			a->qemu = true;
			break;
		case 's':
			a->samples = true;
			break;
		case 'o':
			a->only = optarg;
			break;
		case 'O':
			a->out = optarg;
			break;
		case 'r':
			a->results = optarg;
			break;
		case 'b':
			a->build = optarg;
			break;
		case 'R':
			a->root = optarg;
			break;
		case 'p':
			a->policy = optarg;
			break;
		case 'H':
			if (strcmp(optarg, "on") && strcmp(optarg, "off"))
				return vb_report(-1, "run: --thp %s: expected on or off", optarg);
			a->thp = optarg;
			break;
		case 'C':
			if (strcmp(optarg, "cycles") && strcmp(optarg, "ticks"))
				return vb_report(-1, "run: --clock %s: expected cycles or ticks",
						 optarg);
			a->ticks = !strcmp(optarg, "ticks");
			a->clock = optarg;
			break;
		case 'G':
			if (strcmp(optarg, "kvm"))
				return vb_report(-1, "run: --guest %s: expected kvm", optarg);
			a->guest = optarg;
			break;
		case 'n':
			if (vb_run_count(optarg, 1, VB_MAX_SAMPLES, &a->n))
				return vb_report(-1, "run: --n %s: expected 1..%d", optarg,
						 VB_MAX_SAMPLES);
			break;
		case 'w':
			if (vb_run_count(optarg, 1, 100000, &a->warmup))
				return vb_report(-1, "run: --warmup %s: expected 1..100000",
						 optarg);
			break;
		case 'h':
			fputs(vb_run_usage, stdout);
			return 1;
		case '1':
		case '2':
			if (vb_stage_parse(optarg, c == '2', c == '1' ? &a->s1 : &a->s2, &e))
				return vb_report(-1, "run: --s%c: %s", c, e.msg);
			*(c == '1' ? &a->s1_spec : &a->s2_spec) = optarg;
			break;
		case 'f':
			if (vb_footprints_parse(optarg, a->footprints, &e))
				return vb_report(-1, "run: --%s", e.msg);
			break;
		case 'S':
			a->suite = optarg;
			break;
		case 'B':
		case 'P':
			if (a->boot && a->boot != (c == 'B' ? VB_BOOT_ONE : VB_BOOT_PER_CONFIG))
				return vb_report(-1,
						 "run: --one-boot and --boot-per-config exclude "
						 "each other");
			a->boot = c == 'B' ? VB_BOOT_ONE : VB_BOOT_PER_CONFIG;
			break;
		case 'T':
			secs = strtoul(optarg, &end, 10);
			if (*end || !*optarg || *optarg == '-' || secs == 0 || secs > 86400)
				return vb_report(-1, "run: --timeout %s: expected 1..86400 seconds",
						 optarg);
			a->timeout = (unsigned)secs;
			break;
		case ':':
			return vb_report(-1, "run: option '%s' needs a value", argv[optind - 1]);
		default:
			return vb_report(-1, "run: unknown option '%s' (vbench run --help)",
					 argv[optind - 1]);
		}
	}
	if (optind < argc)
		return vb_report(-1, "run: unexpected argument '%s'", argv[optind]);
	if (!a->target)
		return vb_report(-1, "run: --target is required (vbench run --help)");
	if (strcmp(a->mode, "virt") && strcmp(a->mode, "native") && strcmp(a->mode, "kvm") &&
	    strcmp(a->mode, "linux"))
		return vb_report(-1, "run: --mode %s: expected virt, native, kvm or linux",
				 a->mode);
	if (!strcmp(a->mode, "linux") && (a->only || a->s1_spec || a->s2_spec || a->policy))
		return vb_report(-1, "run: --mode linux runs vbench-linux's own rows and "
				     "configurations: --only, --s1, --s2 and --policy do not go "
				     "with it (docs/linux.md)");
	if (a->suite && (a->out || a->only || a->s1_spec || a->s2_spec || a->footprints[0] ||
			 a->policy || strcmp(a->mode, "virt")))
		return vb_report(-1, "run: --suite gives the configurations, modes, benchmarks and "
				     "footprints: --out, --mode, --policy, --only, --s1, --s2 and "
				     "--footprints do not go with it");
	if (a->boot && !a->suite)
		return vb_report(-1, "run: --one-boot and --boot-per-config choose how a --suite "
				     "boots: they need --suite");
	if (a->s2_spec && strcmp(a->mode, "virt"))
		return vb_report(-1, "run: --s2 is hyp-min's stage 2: it needs --mode virt");
	if (a->out && a->results)
		return vb_report(-1, "run: --out and --results exclude each other");
	if (a->only && vb_only_check(a->only, &e))
		return vb_report(-1, "run: %s", e.msg);
	if (a->policy && strcmp(a->policy, "lean") && strcmp(a->policy, "full"))
		return vb_report(-1, "run: --policy %s: expected lean or full", a->policy);
	if (a->policy && strcmp(a->mode, "virt"))
		return vb_report(-1, "run: --policy is hyp-min's: it needs --mode virt");
	if (a->clock && strcmp(a->mode, "virt") && strcmp(a->mode, "native"))
		return vb_report(-1, "run: --clock chooses native and hyp-min's timer: kvm mode "
				     "always counts ticks, linux mode perf's events");
	if (a->clock && a->suite)
		return vb_report(-1, "run: --clock does not go with --suite (run the modes one by "
				     "one: docs/kvm.md)");
	if (a->guest && strcmp(a->mode, "linux"))
		return vb_report(-1, "run: --guest is vbench-linux's: it needs --mode linux");
	if (a->thp && strcmp(a->mode, "kvm"))
		return vb_report(-1, "run: --thp is vbench-vmm's: it needs --mode kvm");
	return 0;
}

void vb_run_mode_name(const struct vb_run_args *a, const struct vb_target *t, char *buf, size_t len)
{
	char config[96] = "";

	/* each policy and configuration gets a name */
	if (a->s1_spec || a->s2_spec)
		vb_config_name(config, sizeof(config), &a->s1,
			       strcmp(a->mode, "virt") ? NULL : &a->s2, vb_arch_name(t->arch));
	snprintf(buf, len, "%s%s%s%s%s%s%s%s", a->mode, a->policy ? "-" : "",
		 a->policy ? a->policy : "", a->thp ? "-thp-" : "", a->thp ? a->thp : "",
		 a->ticks ? "-ticks" : "", config[0] ? "-" : "", config);
}

void vb_run_param_values(const struct vb_run_args *a, struct vb_param_values *pv)
{
	*pv = (struct vb_param_values){
		.flags = (a->samples ? VB_PARAM_RAW_SAMPLES : 0) |
			 (a->deterministic ? VB_PARAM_DETERMINISTIC : 0) |
			 (!strcmp(a->mode, "kvm") ? VB_PARAM_KVM : 0) |
			 (a->ticks ? VB_PARAM_TICKS : 0) | (a->next ? VB_PARAM_NEXT : 0),
		.samples = a->n,
		.warmup = a->warmup,
		.policy = a->policy && !strcmp(a->policy, "full") ? VB_POLICY_FULL : VB_POLICY_LEAN,
		.only = a->only,
		.s1 = a->s1,
		.s2 = a->s2,
	};
	memcpy(pv->footprints, a->footprints, sizeof(pv->footprints));
}
