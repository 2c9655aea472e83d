/*
 * vbench-linux: runs the Linux rows and writes their records to stdout
 * (docs/linux.md). Options set what the begin record says of the run
 * (vbench passes its target's), the samples and the configurations.
 */
#include "rows.h"
#include "vl.h"

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>
#include <unistd.h>

#include <summary.h>
#include <vb/record.h>

#ifndef BUILD_REV
#define BUILD_REV "unknown"
#endif

#define MAX_SAMPLES   4096
#define MAX_FOOTPRINT 16
#define CONFIGS_ALL   "4k,thp,2m,64k,1g"

static const struct vl_config all_configs[] = {
	{ "linux-4k", VL_4K, 4096 },	      { "linux-thp", VL_THP, 2u << 20 },
	{ "linux-2m", VL_HUGETLB, 2u << 20 }, { "linux-64k", VL_HUGETLB, 64u << 10 },
	{ "linux-1g", VL_HUGETLB, 1u << 30 },
};
#define NCONFIGS (sizeof(all_configs) / sizeof(all_configs[0]))

static struct {
	const char *target, *emulated, *clock;
	unsigned n, warmup;
	int raw;
	uint64_t footprints[MAX_FOOTPRINT];
	unsigned nfoot;
	const struct vl_config *configs[NCONFIGS];
	unsigned nconfigs;
} opt = { "linux", "no", "pmu", 1000, 10, 0, { 0 }, 0, { 0 }, 0 };

static struct vl_events ev;
static int have_events;
static uint32_t samples[MAX_SAMPLES], evs[VL_MAX_EVENTS][MAX_SAMPLES];

void uart_write(const char *s, size_t len)
{
	fwrite(s, 1, len, stdout);
	fflush(stdout);
}

static void usage(const char *msg)
{
	fprintf(stderr,
		"vbench-linux: %s\n"
		"usage: vbench-linux [--target NAME] [--emulated yes|no] [--clock pmu|icount|host]\n"
		"                    [--n N] [--warmup N] [--samples] [--footprints 16k,1m,...]\n"
		"                    [--configs " CONFIGS_ALL "]\n",
		msg);
	exit(2);
}

static uint64_t parse_size(const char *s)
{
	char *end;
	uint64_t v;

	errno = 0;
	v = strtoull(s, &end, 10);
	if (errno || end == s)
		usage("a size is not a number");
	if (*end == 'k' || *end == 'K')
		v <<= 10, end++;
	else if (*end == 'm' || *end == 'M')
		v <<= 20, end++;
	else if (*end == 'g' || *end == 'G')
		v <<= 30, end++;
	if (*end && *end != ',')
		usage("a size has a bad suffix (k, m or g)");
	if (v < 4096 || v > (4ull << 30))
		usage("a footprint must be 4k to 4g");
	return v - v % 4096;
}

static void parse_list(const char *s, int footprints)
{
	char buf[256], *tok, *save;

	snprintf(buf, sizeof(buf), "%s", s);
	for (tok = strtok_r(buf, ",", &save); tok; tok = strtok_r(NULL, ",", &save)) {
		if (footprints) {
			if (opt.nfoot == MAX_FOOTPRINT)
				usage("at most 16 footprints");
			opt.footprints[opt.nfoot++] = parse_size(tok);
			continue;
		}
		unsigned i = 0;

		while (i < NCONFIGS && strcmp(all_configs[i].name + 6, tok))
			i++;
		if (i == NCONFIGS)
			usage("--configs takes " CONFIGS_ALL);
		opt.configs[opt.nconfigs++] = &all_configs[i];
	}
}

static unsigned parse_uint(const char *s, unsigned max)
{
	char *end;
	unsigned long v;

	errno = 0;
	v = strtoul(s, &end, 10);
	if (errno || end == s || *end || v > max)
		usage("a count is not a number in range");
	return (unsigned)v;
}

static void parse_args(int argc, char **argv)
{
	for (int i = 1; i < argc; i++) {
		const char *a = argv[i], *v = i + 1 < argc ? argv[i + 1] : NULL;

		if (!strcmp(a, "--samples")) {
			opt.raw = 1;
			continue;
		}
		if (!v)
			usage("an option lacks its value");
		i++;
		if (!strcmp(a, "--target"))
			opt.target = v;
		else if (!strcmp(a, "--emulated"))
			opt.emulated = v;
		else if (!strcmp(a, "--clock"))
			opt.clock = v;
		else if (!strcmp(a, "--n"))
			opt.n = parse_uint(v, MAX_SAMPLES);
		else if (!strcmp(a, "--warmup"))
			opt.warmup = parse_uint(v, 1000000);
		else if (!strcmp(a, "--footprints"))
			parse_list(v, 1);
		else if (!strcmp(a, "--configs"))
			parse_list(v, 0);
		else
			usage("unknown option");
	}
	if (!opt.n)
		usage("--n must be at least 1");
	if (!opt.nfoot)
		parse_list("16k,64k,256k,1m,4m,16m,64m,256m", 1);
	if (!opt.nconfigs)
		parse_list(CONFIGS_ALL, 0);
}

/* ---- one row: samples taken, summarised and reported */

typedef void (*vl_op)(void *ctx, unsigned i);

static void begin_result(struct record *r, const char *bench, const char *config,
			 const char *var_key, const char *variant, const char *unit)
{
	rec_open(r, "result");
	rec_str(r, "bench", bench);
	rec_str(r, "config", config);
	if (variant) {
		rec_str(r, "variant", variant);
		rec_str(r, var_key, variant);
	}
	rec_str(r, "unit", unit);
}

static void report_unsupported(const char *bench, const char *config, const char *var_key,
			       const char *variant, const char *unit, const char *why)
{
	struct record r;

	begin_result(&r, bench, config, var_key, variant, unit);
	rec_str(&r, "status", "unsupported");
	rec_str(&r, "reason", why);
	rec_close(&r);
}

static void report_samples(const char *bench, const char *config, const char *variant)
{
	for (unsigned first = 0; first < opt.n; first += 16) {
		char v[16 * 11 + 1] = "", *p = v;
		struct record r;

		for (unsigned i = first; i < opt.n && i < first + 16; i++)
			p += sprintf(p, "%s%u", i > first ? "," : "", samples[i]);
		rec_open(&r, "samples");
		rec_str(&r, "bench", bench);
		rec_str(&r, "config", config);
		if (variant)
			rec_str(&r, "variant", variant);
		rec_u64(&r, "first", first);
		rec_str(&r, "v", v);
		rec_close(&r);
	}
}

/* How a config's buffer was obtained and what smaps said of it (NULL: no buffer). */
struct vl_mapping {
	const char *name, *via;
	const struct vl_smaps *smaps;
};

static void run_row(const char *bench, const char *config, const char *var_key, const char *variant,
		    const char *unit, const struct vl_mapping *m, vl_op op, void *ctx)
{
	uint64_t a[VL_MAX_EVENTS], b[VL_MAX_EVENTS];
	struct summary s;
	struct record r;

	if (!have_events) {
		report_unsupported(bench, config, var_key, variant, unit, ev.ev[0].why);
		return;
	}
	for (unsigned i = 0; i < opt.warmup + opt.n; i++) {
		vl_events_read(&ev, a);
		op(ctx, i);
		vl_events_read(&ev, b);
		if (i < opt.warmup)
			continue;
		for (unsigned k = 0; k < ev.n; k++) {
			uint64_t d = b[k] - a[k];

			evs[k][i - opt.warmup] = d > UINT32_MAX ? UINT32_MAX : (uint32_t)d;
		}
		samples[i - opt.warmup] = evs[0][i - opt.warmup];
	}
	if (opt.raw)
		report_samples(bench, config, variant);
	summarize(samples, opt.n, &s);
	begin_result(&r, bench, config, var_key, variant, unit);
	if (m) {
		rec_str(&r, "chase_mapping", m->name);
		rec_str(&r, "obtained_by", m->via);
		rec_str(&r, "verified", "smaps");
		rec_u64(&r, "smaps_kernel_page_kb", m->smaps->kernel_page_kb);
		rec_u64(&r, "smaps_anon_huge_kb", m->smaps->anon_huge_kb);
	}
	rec_str(&r, "status", "ok");
	rec_u64(&r, "n", opt.n);
	rec_u64(&r, "warmup", opt.warmup);
	summary_record(&r, &s);
	for (unsigned k = 1; k < ev.n; k++) {
		char key[64];
		struct summary es;

		snprintf(key, sizeof(key), "ev_%s", ev.ev[k].key);
		if (ev.ev[k].fd < 0) {
			rec_str(&r, key, "unsupported");
			continue;
		}
		summarize(evs[k], opt.n, &es);
		rec_u64(&r, key, es.p50);
	}
	rec_close(&r);
}

/* ---- the operations */

struct chase_ctx {
	void **at;
};
static void op_chase(void *ctx, unsigned i)
{
	(void)i;
	vl_chase_1024(&((struct chase_ctx *)ctx)->at);
}
static void op_nothing(void *ctx, unsigned i)
{
	(void)ctx, (void)i;
	vl_nothing();
}
static void op_syscall(void *ctx, unsigned i)
{
	(void)ctx, (void)i;
	vl_null_syscall();
}
static void op_fault(void *ctx, unsigned i)
{
	vl_touch((char *)ctx + (size_t)i * 4096);
}

static uint64_t max_footprint(void)
{
	uint64_t m = 0;

	for (unsigned i = 0; i < opt.nfoot; i++)
		m = opt.footprints[i] > m ? opt.footprints[i] : m;
	return m;
}

static void size_name(char *out, size_t len, uint64_t bytes)
{
	snprintf(out, len, "s1-%llu%s",
		 (unsigned long long)(bytes >= (1u << 30) ? bytes >> 30 :
				      bytes >= (1u << 20) ? bytes >> 20 :
							    bytes >> 10),
		 bytes >= (1u << 30) ? "g" :
		 bytes >= (1u << 20) ? "m" :
				       "k");
}

/*
 * walk_pattern: the chase over WALK_PAGES 4 KiB pages (four times a
 * Cortex-A72's 1024-entry L2 TLB) laid out so their translations share
 * page-table entries or not: consecutive pages (512 share each last-level
 * table), one page per 2 MiB (each its own last-level table, 512 share a
 * level-1 entry), one per 1 GiB (each its own level-1 entry). User space
 * cannot invalidate the TLB as walk_cache does; what differs is how much of
 * each walk the walk caches can hold. A sparse MAP_NORESERVE reservation,
 * only the chased pages touched, verified 4 KiB from smaps.
 */
#define WALK_PAGES 4096

static const struct {
	const char *name;
	uint64_t stride;
} walk_patterns[] = {
	{ "same_table", 4096 },
	{ "next_table", 2u << 20 },
	{ "far", 1u << 30 },
};
#define NPATTERNS (sizeof(walk_patterns) / sizeof(walk_patterns[0]))

static void row_walk_pattern(const struct vl_config *c, unsigned i)
{
	uint64_t len = WALK_PAGES * walk_patterns[i].stride;
	const char *name = walk_patterns[i].name;
	char why[128], *p = MAP_FAILED;
	struct vl_mapping m = { "s1-4k", "mmap_MAP_NORESERVE_MADV_NOHUGEPAGE", NULL };
	struct vl_smaps smaps;
	struct chase_ctx cc;

	if (len <= SIZE_MAX)
		p = mmap(NULL, (size_t)len, PROT_READ | PROT_WRITE,
			 MAP_PRIVATE | MAP_ANONYMOUS | MAP_NORESERVE, -1, 0);
	if (p == MAP_FAILED) {
		snprintf(why, sizeof(why), "mmap_%llu_bytes:%s", (unsigned long long)len,
			 len > SIZE_MAX ? "more_than_the_address_space" : strerror(errno));
		for (char *q = why; *q; q++)
			*q = *q == ' ' ? '_' : *q;
		report_unsupported("walk_pattern", c->name, "pattern", name, "cycles/1024", why);
		return;
	}
	madvise(p, (size_t)len, MADV_NOHUGEPAGE);
	vl_stride_build(p, WALK_PAGES, walk_patterns[i].stride, &cc.at);
	if (vl_smaps_self(p, &smaps, why, sizeof(why)) ||
	    vl_mapping_verify(c, &smaps, 0, why, sizeof(why))) {
		report_unsupported("walk_pattern", c->name, "pattern", name, "cycles/1024", why);
	} else {
		m.smaps = &smaps;
		run_row("walk_pattern", c->name, "pattern", name, "cycles/1024", &m, op_chase, &cc);
	}
	munmap(p, (size_t)len);
}

/* A 4 KiB mapping never touched before: each sample's write is one page fault. */
static void row_page_fault(const char *config)
{
	size_t len = (size_t)(opt.warmup + opt.n) * 4096;
	char *p = mmap(NULL, len, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);

	if (p == MAP_FAILED) {
		report_unsupported("page_fault", config, NULL, NULL, "cycles", "mmap_failed");
		return;
	}
	madvise(p, len, MADV_NOHUGEPAGE);
	run_row("page_fault", config, NULL, NULL, "cycles", NULL, op_fault, p);
	munmap(p, len);
}

static void config_rows(const struct vl_config *c)
{
	uint64_t len = vl_round_len(c, max_footprint());
	char why[128], name[32], mapping[32], via[48];
	struct vl_smaps smaps;
	char *buf = vl_map(c, len, &smaps, why, sizeof(why));
	struct vl_mapping m = { mapping, via, &smaps };
	struct chase_ctx cc;

	size_name(mapping, sizeof(mapping),
		  c->backing == VL_HUGETLB ? c->page :
		  c->backing == VL_THP	   ? 2u << 20 :
					     4096);
	if (c->backing == VL_HUGETLB)
		snprintf(via, sizeof(via), "mmap_MAP_HUGETLB_%s", mapping + 3);
	else
		snprintf(via, sizeof(via), "%s",
			 c->backing == VL_THP ? "madvise_MADV_HUGEPAGE" : "mmap_MADV_NOHUGEPAGE");
	if (!buf) {
		report_unsupported("tlb_hit", c->name, NULL, NULL, "cycles/1024", why);
		for (unsigned i = 0; i < opt.nfoot; i++) {
			snprintf(name, sizeof(name), "%llu", (unsigned long long)opt.footprints[i]);
			report_unsupported("tlb_miss_chase", c->name, "footprint", name,
					   "cycles/1024", why);
		}
	} else {
		cc.at = (void **)buf;
		*cc.at = buf; /* one line pointing at itself */
		run_row("tlb_hit", c->name, NULL, NULL, "cycles/1024", &m, op_chase, &cc);
		for (unsigned i = 0; i < opt.nfoot; i++) {
			snprintf(name, sizeof(name), "%llu", (unsigned long long)opt.footprints[i]);
			vl_chase_build(buf, opt.footprints[i], &cc.at);
			run_row("tlb_miss_chase", c->name, "footprint", name, "cycles/1024", &m,
				op_chase, &cc);
		}
		vl_unmap(buf, c, len);
	}
	if (c->backing == VL_4K) {
		row_page_fault(c->name);
		for (unsigned i = 0; i < NPATTERNS; i++)
			row_walk_pattern(c, i);
	}
}

static unsigned count_benches(void)
{
	unsigned n = 2; /* counter_overhead, syscall_null */

	for (unsigned i = 0; i < opt.nconfigs; i++)
		n += 1 + opt.nfoot + (opt.configs[i]->backing == VL_4K) * (1 + NPATTERNS);
	return n;
}

static void begin(void)
{
	struct vl_sysinfo si;
	struct record r;

	vl_sysinfo(&si);
	rec_open(&r, "begin");
	rec_str(&r, "target", opt.target);
	rec_str(&r, "arch",
		!strcmp(si.machine, "aarch64") ? "armv8" :
		!strncmp(si.machine, "arm", 3) ? "armv7" :
						 si.machine);
	rec_str(&r, "cpu", si.midr);
	rec_str(&r, "mode", "linux");
	rec_str(&r, "midr", si.midr);
	rec_str(&r, "kernel", si.kernel);
	rec_str(&r, "in_guest", si.guest);
	rec_str(&r, "guest_evidence", si.guest_by);
	rec_str(&r, "rev", BUILD_REV);
	rec_str(&r, "emulated", opt.emulated);
	rec_str(&r, "clock", opt.clock);
	rec_u64(&r, "benches", count_benches());
	rec_u64(&r, "samples", opt.n);
	rec_u64(&r, "warmup", opt.warmup);
	rec_u64(&r, "s1_granule", (uint64_t)sysconf(_SC_PAGESIZE));
	rec_str(&r, "pmu", ev.pmu);
	rec_str(&r, "counting", ev.kernel ? "user_and_kernel" : "user_only");
	for (unsigned k = 0; k < ev.n; k++) {
		char key[64];

		snprintf(key, sizeof(key), "ev_%s", ev.ev[k].key);
		rec_str(&r, key, ev.ev[k].why);
	}
	rec_close(&r);
}

int main(int argc, char **argv)
{
	struct record r;

	parse_args(argc, argv);
	rec_set_source('g');
	have_events = !vl_events_open(&ev, "/sys");
	begin();
	run_row("counter_overhead", "linux", NULL, NULL, "cycles", NULL, op_nothing, NULL);
	run_row("syscall_null", "linux", NULL, NULL, "cycles", NULL, op_syscall, NULL);
	for (unsigned i = 0; i < opt.nconfigs; i++)
		config_rows(opt.configs[i]);
	rec_open(&r, "end");
	rec_u64(&r, "records", rec_count());
	rec_close(&r);
	return 0;
}
