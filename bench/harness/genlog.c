/*
 * vb-genlog: writes a synthetic console log, the records guest-min and hyp-min
 * would send (docs/records.md), with valid CRCs, sequence numbers and
 * statistics, for the host tools' benchmark (bench/harness/perf.sh). It is
 * an input generator, not an oracle: its numbers only have to be consistent.
 */
#include <stdarg.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <zlib.h>

static const char usage[] =
	"usage: vb-genlog [options] > console.log\n"
	"  --target T   begin's target (default qemu-a72)\n"
	"  --mode M     virt or native (default virt)\n"
	"  --policy P   lean or full (virt; default lean)\n"
	"  --clock C    icount (every sample of a row equal) or host (noise; default)\n"
	"  --config C   stage-1 and stage-2 page sizes, e.g. 4k-2m:4k (default 4k:4k)\n"
	"  --rows R     default (a default run's 29 rows), memory (a suite run's rows),\n"
	"               or a number: that many tlb_miss_chase rows (default: default)\n"
	"  --n N        samples per row (default 1000); 0: no samples records\n"
	"  --seed S     for the values (default 1)\n";

struct opts {
	const char *target, *mode, *policy, *clock, *s1, *s2, *rows;
	unsigned long n, seed;
};

struct row {
	const char *bench, *unit, *variant, *vkey; /* vkey: footprint or pattern */
	unsigned center;			   /* typical value */
	int virt_only;				   /* na natively */
};

static const struct row default_rows[] = {
	{ "counter_overhead", "cycles", NULL, NULL, 3, 0 },
	{ "hvc_null", "cycles", NULL, NULL, 13, 1 },
	{ "sysreg_trap", "cycles", NULL, NULL, 119, 0 },
	{ "mmio_read", "cycles", NULL, NULL, 154, 1 },
	{ "mmio_write", "cycles", NULL, NULL, 153, 1 },
	{ "s2perm_none", "cycles", NULL, NULL, 285, 1 },
	{ "s2perm_ro", "cycles", NULL, NULL, 293, 1 },
	{ "s2perm_wo", "cycles", NULL, NULL, 299, 1 },
	{ "s2perm_rw", "cycles", NULL, NULL, 7, 0 },
	{ "s2perm_tlbi", "cycles", NULL, NULL, 13, 1 },
	{ "virq_hcr", "cycles", NULL, NULL, 26, 1 },
	{ "virq_hcr_complete", "cycles", NULL, NULL, 101, 1 },
	{ "virq_lr", "cycles", NULL, NULL, 28, 1 },
	{ "virq_lr_complete", "cycles", NULL, NULL, 11, 0 },
	{ "virq_lr_maint", "cycles", NULL, NULL, 97, 1 },
	{ "virq_timer", "ticks", NULL, NULL, 6, 0 },
	{ "tlb_hit", "cycles", NULL, NULL, 5, 0 },
	{ "walk_full", "cycles", NULL, NULL, 5, 0 },
	{ "tlb_miss_chase", "cycles/1024", "16384", "footprint", 3077, 0 },
	{ "tlb_miss_chase", "cycles/1024", "65536", "footprint", 3077, 0 },
	{ "tlb_miss_chase", "cycles/1024", "262144", "footprint", 3077, 0 },
	{ "tlb_miss_chase", "cycles/1024", "1048576", "footprint", 3077, 0 },
	{ "tlb_miss_chase", "cycles/1024", "4194304", "footprint", 3077, 0 },
	{ "tlb_miss_chase", "cycles/1024", "16777216", "footprint", 3077, 0 },
	{ "tlb_miss_chase", "cycles/1024", "67108864", "footprint", 3077, 0 },
	{ "tlb_miss_chase", "cycles/1024", "268435456", "footprint", 3077, 0 },
	{ "walk_cache", "cycles", "same_table", "pattern", 6, 0 },
	{ "walk_cache", "cycles", "next_table", "pattern", 6, 0 },
	{ "walk_cache", "cycles", "far", "pattern", 6, 0 },
};

static const struct row memory_rows[] = {
	{ "tlb_hit", "cycles", NULL, NULL, 5, 0 },
	{ "walk_full", "cycles", NULL, NULL, 5, 0 },
	{ "tlb_miss_chase", "cycles/1024", "16384", "footprint", 3077, 0 },
	{ "tlb_miss_chase", "cycles/1024", "1048576", "footprint", 3077, 0 },
	{ "tlb_miss_chase", "cycles/1024", "16777216", "footprint", 3077, 0 },
	{ "tlb_miss_chase", "cycles/1024", "67108864", "footprint", 3077, 0 },
	{ "walk_cache", "cycles", "same_table", "pattern", 6, 0 },
	{ "walk_cache", "cycles", "next_table", "pattern", 6, 0 },
	{ "walk_cache", "cycles", "far", "pattern", 6, 0 },
};

#define NEV 7
static const char *const events[NEV] = {
	"inst_retired", "exc_taken",  "l1d_tlb_refill",	  "l2d_tlb_refill",
	"dtlb_walk",	"mem_access", "l1d_cache_refill",
};

static FILE *out;
static unsigned long gseq, hseq;
static uint64_t rng;

static uint64_t next_rand(void)
{
	rng ^= rng << 13;
	rng ^= rng >> 7;
	rng ^= rng << 17;
	return rng;
}

/* One record: "@vb1 <src> <seq> <body> *<crc>\n". */
static void record(char src, const char *fmt, ...) __attribute__((format(printf, 2, 3)));
static void record(char src, const char *fmt, ...)
{
	static char buf[8192];
	unsigned long *seq = src == 'h' ? &hseq : &gseq;
	va_list ap;
	int n = snprintf(buf, sizeof(buf), "@vb1 %c %lu ", src, (*seq)++);

	va_start(ap, fmt);
	n += vsnprintf(buf + n, sizeof(buf) - (size_t)n, fmt, ap);
	va_end(ap);
	if (n + 12 >= (int)sizeof(buf)) {
		fprintf(stderr, "vb-genlog: record too long\n");
		exit(2);
	}
	buf[n++] = ' ';
	n += snprintf(buf + n, sizeof(buf) - (size_t)n, "*%08lx\n",
		      crc32(0L, (const Bytef *)buf, (uInt)n));
	fwrite(buf, 1, (size_t)n, out);
}

static int cmp_u64(const void *a, const void *b)
{
	uint64_t x = *(const uint64_t *)a, y = *(const uint64_t *)b;

	return (x > y) - (x < y);
}

/* Nearest rank, as the guest computes it. */
static uint64_t rank(const uint64_t *s, unsigned long n, unsigned pct)
{
	unsigned long r = (pct * n + 99) / 100;

	return s[(r ? r : 1) - 1];
}

static void one_row(const struct opts *o, const struct row *r, const char *config,
		    const char *variant, uint64_t *v, uint64_t *sorted)
{
	char var[128] = "", svar[64] = "", ev[512];
	unsigned long n = o->n ? o->n : 1000;
	uint64_t sum = 0, ssq = 0;
	size_t off = 0;

	if (variant) {
		snprintf(var, sizeof(var), " variant=%s %s=%s", variant, r->vkey, variant);
		snprintf(svar, sizeof(svar), " variant=%s", variant);
	}
	if (r->virt_only && !strcmp(o->mode, "native")) {
		record('g', "result bench=%s config=%s%s unit=%s status=na reason=no_hypervisor",
		       r->bench, config, var, r->unit);
		return;
	}
	for (unsigned long i = 0; i < n; i++)
		v[i] = r->center +
		       (strcmp(o->clock, "icount") ? next_rand() % (r->center / 8 + 3) : 0);
	for (unsigned long i = 0; o->n && i < n; i += 16) {
		char vals[16 * 24];
		size_t k = 0;

		for (unsigned long j = i; j < n && j < i + 16; j++)
			k += (size_t)snprintf(vals + k, sizeof(vals) - k, "%s%llu",
					      j > i ? "," : "", (unsigned long long)v[j]);
		record('g', "samples bench=%s config=%s%s first=%lu v=%s", r->bench, config, svar,
		       i, vals);
	}
	memcpy(sorted, v, n * sizeof(*v));
	qsort(sorted, n, sizeof(*v), cmp_u64);
	for (unsigned long i = 0; i < n; i++) {
		sum += sorted[i];
		ssq += (sorted[i] - sorted[0]) * (sorted[i] - sorted[0]);
	}
	for (int i = 0; i < NEV; i++)
		off += (size_t)snprintf(ev + off, sizeof(ev) - off, " ev_%s=%s", events[i],
					i ? "unsupported" : "42");
	record('g',
	       "result bench=%s config=%s%s unit=%s status=ok n=%lu warmup=10 min=%llu p50=%llu "
	       "p90=%llu p99=%llu max=%llu sum=%llu ssq=%llu%s",
	       r->bench, config, var, r->unit, n, (unsigned long long)sorted[0],
	       (unsigned long long)rank(sorted, n, 50), (unsigned long long)rank(sorted, n, 90),
	       (unsigned long long)rank(sorted, n, 99), (unsigned long long)sorted[n - 1],
	       (unsigned long long)sum, (unsigned long long)ssq, ev);
}

int main(int argc, char **argv)
{
	struct opts o = { "qemu-a72", "virt", "lean", "host", "4k", "4k", "default", 1000, 1 };
	const struct row *rows = default_rows;
	unsigned long nrows = sizeof(default_rows) / sizeof(default_rows[0]), many = 0;
	char config[128], *colon;
	static char obuf[1 << 20];
	uint64_t *v, *sorted;
	int virt;

	for (int i = 1; i < argc; i++) {
		const char *a = argv[i], *val = i + 1 < argc ? argv[i + 1] : NULL;

		if (!strcmp(a, "-h") || !strcmp(a, "--help")) {
			fputs(usage, stdout);
			return 0;
		}
		if (!val || strncmp(a, "--", 2)) {
			fprintf(stderr, "vb-genlog: bad argument '%s'\n%s", a, usage);
			return 2;
		}
		i++;
		if (!strcmp(a, "--target"))
			o.target = val;
		else if (!strcmp(a, "--mode"))
			o.mode = val;
		else if (!strcmp(a, "--policy"))
			o.policy = val;
		else if (!strcmp(a, "--clock"))
			o.clock = val;
		else if (!strcmp(a, "--rows"))
			o.rows = val;
		else if (!strcmp(a, "--n"))
			o.n = strtoul(val, NULL, 0);
		else if (!strcmp(a, "--seed"))
			o.seed = strtoul(val, NULL, 0);
		else if (!strcmp(a, "--config")) {
			static char s1[64];

			snprintf(s1, sizeof(s1), "%s", val);
			colon = strchr(s1, ':');
			if (colon)
				*colon = '\0';
			o.s1 = s1;
			o.s2 = colon ? colon + 1 : "4k";
		} else {
			fprintf(stderr, "vb-genlog: unknown option '%s'\n%s", a, usage);
			return 2;
		}
	}
	if (!strcmp(o.rows, "memory")) {
		rows = memory_rows;
		nrows = sizeof(memory_rows) / sizeof(memory_rows[0]);
	} else if (strcmp(o.rows, "default")) {
		many = strtoul(o.rows, NULL, 0);
		nrows = many;
	}
	if (o.n > 100000 || !nrows || (strcmp(o.mode, "virt") && strcmp(o.mode, "native"))) {
		fprintf(stderr, "vb-genlog: bad --n, --rows or --mode\n%s", usage);
		return 2;
	}
	virt = !strcmp(o.mode, "virt");
	rng = 0x9e3779b97f4a7c15ull ^ o.seed;
	out = stdout;
	setvbuf(out, obuf, _IOFBF, sizeof(obuf));
	if (virt)
		snprintf(config, sizeof(config), "s1-%s_s2-%s", o.s1, o.s2);
	else
		snprintf(config, sizeof(config), "s1-%s", o.s1);
	v = calloc(o.n ? o.n : 1000, sizeof(*v));
	sorted = calloc(o.n ? o.n : 1000, sizeof(*v));
	if (!v || !sorted)
		return 2;
	fputs("boot noise: vb-genlog\n", out);
	if (virt)
		record('h',
		       "hyp rev=genlog arch=armv8 policy=%s s2_granule=4096 s2_mapping=4096 "
		       "s2_start_level=1 s2_walk_cache=wb ipa_bits=32 vtcr=0x80043560 "
		       "hcr=0x800c0019",
		       o.policy);
	record('g',
	       "begin target=%s arch=armv8 cpu=cortex-a72 mode=%s midr=0x410fd083 "
	       "cntfrq=62500000 pmu_counters=6 gic=3 rev=genlog emulated=yes clock=%s "
	       "benches=%lu samples=%lu warmup=10 s1_granule=4096 s1_mapping=4096 "
	       "s1_walk_cache=wb desc_reads=15 ev_inst_retired=counted "
	       "ev_exc_taken=not_in_PMCEID ev_l1d_tlb_refill=not_in_PMCEID "
	       "ev_l2d_tlb_refill=not_in_PMCEID ev_dtlb_walk=not_in_PMCEID "
	       "ev_mem_access=not_in_PMCEID ev_l1d_cache_refill=not_in_PMCEID",
	       o.target, o.mode, o.clock, nrows, o.n ? o.n : 1000);
	for (unsigned long i = 0; i < nrows; i++) {
		if (many) {
			static const struct row chase = { "tlb_miss_chase", "cycles/1024", NULL,
							  "footprint",	    3077,	   0 };
			char fp[32];

			snprintf(fp, sizeof(fp), "%lu", 4096ul * (i + 1));
			one_row(&o, &chase, config, fp, v, sorted);
		} else {
			one_row(&o, &rows[i], config, rows[i].variant, v, sorted);
		}
	}
	record('g', "end records=%lu", gseq);
	free(v);
	free(sorted);
	return fflush(out) || ferror(out) ? 1 : 0;
}
