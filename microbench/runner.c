/* Runs the selected rows of the benchmark table and reports each as records. */
#include <bench.h>
#include <events.h>
#include <kvm.h>
#include <summary.h>
#include <vb/fmt.h>
#include <vb/record.h>

#define SAMPLES_PER_RECORD 16

static uint32_t samples[BENCH_MAX_SAMPLES];
static uint32_t ev_samples[EV_MAX][BENCH_MAX_SAMPLES];

/* Is `name` one of the comma-separated names in `list`? */
static int in_list(const char *list, const char *name)
{
	while (*list) {
		const char *n = name;

		while (*n && *list == *n) {
			list++;
			n++;
		}
		if (!*n && (*list == ',' || !*list))
			return 1;
		while (*list && *list != ',')
			list++;
		if (*list == ',')
			list++;
	}
	return 0;
}

static int selected(const struct bench_run *run, const struct bench *b)
{
	if (!run->params->only[0])
		return !(b->flags & BENCH_TEST) && (!(b->flags & BENCH_KVM) || run->kvm);
	return in_list(run->params->only, b->name);
}

unsigned bench_selected_count(const struct bench_run *run)
{
	unsigned n = 0;

	for (unsigned i = 0; i < bench_table_len; i++) {
		const struct bench *b = &bench_table[i];
		struct bench_variant v[BENCH_MAX_VARIANTS];

		if (selected(run, b))
			n += b->variants ? b->variants(run->params, v) : 1; /* results, not rows */
	}
	return n;
}

/* The first name in `list` that no row of the table has, or NULL. */
static const char *unknown_name(const char *list, char *buf, unsigned len)
{
	while (*list) {
		unsigned n = 0;

		while (*list && *list != ',' && n + 1 < len)
			buf[n++] = *list++;
		buf[n] = '\0';
		if (*list == ',')
			list++;
		unsigned i = 0;
		while (i < bench_table_len && !in_list(buf, bench_table[i].name))
			i++;
		if (i == bench_table_len)
			return buf;
	}
	return 0;
}

const char *bench_run_init(struct bench_run *run, const struct vb_params *params, int virt)
{
	run->params = params;
	run->virt = virt;
	run->samples = params->samples ? params->samples : BENCH_DEFAULT_SAMPLES;
	if (run->samples > BENCH_MAX_SAMPLES)
		run->samples = BENCH_MAX_SAMPLES;
	run->warmup = params->warmup ? params->warmup : BENCH_DEFAULT_WARMUP;
	/* A name the table lacks is a mistake to report, not a row to skip silently. */
	return unknown_name(params->only, run->unknown, sizeof(run->unknown));
}

static void open_result(struct record *r, const struct bench_run *run, const struct bench *b,
			const struct bench_variant *v, const char *status)
{
	rec_open(r, "result");
	rec_str(r, "bench", b->name);
	rec_str(r, "config", run->config);
	if (v) {
		rec_str(r, "variant", v->value);
		if (v->key)
			rec_str(r, v->key, v->value);
		for (unsigned i = 0; i < BENCH_MAX_FIELDS; i++)
			if (v->fields[i].key)
				rec_str(r, v->fields[i].key, v->fields[i].value);
	}
	rec_str(r, "unit",
		run->ticks ? (b->kvm_unit ? b->kvm_unit : KVM_UNIT) :
		b->unit	   ? b->unit :
			     "cycles");
	rec_str(r, "status", status);
}

static void report_samples(const struct bench_run *run, const struct bench *b,
			   const struct bench_variant *v, unsigned n)
{
	for (unsigned first = 0; first < n; first += SAMPLES_PER_RECORD) {
		char list[SAMPLES_PER_RECORD * 11 + 1], *p = list;
		struct record r;

		for (unsigned i = first; i < n && i < first + SAMPLES_PER_RECORD; i++) {
			if (p != list)
				*p++ = ',';
			p += fmt_u64(p, samples[i]);
		}
		rec_open(&r, "samples");
		rec_str(&r, "bench", b->name);
		rec_str(&r, "config", run->config);
		if (v)
			rec_str(&r, "variant", v->value);
		rec_u64(&r, "first", first);
		rec_str(&r, "v", list);
		rec_close(&r);
	}
}

/* ev_<name>: the median count per sample, or why there is none. */
static void report_events(struct record *r, unsigned n, int valid)
{
	for (unsigned e = 0; e < nevents; e++) {
		char key[32] = "ev_";
		struct summary s;

		for (unsigned i = 0; events[e].name[i] && i < sizeof(key) - 4; i++)
			key[3 + i] = events[e].name[i];
		if (event_unsupported(e)) {
			rec_str(r, key, "unsupported");
		} else if (!valid) {
			rec_str(r, key, "na");
		} else {
			summarize(ev_samples[e], n, &s);
			rec_u64(r, key, s.p50);
		}
	}
}

/* One result: of the row, or of one of its variants (v). */
static void run_variant(const struct bench_run *run, const struct bench *b, struct bench_variant *v)
{
	struct summary s;
	struct record r;
	unsigned n = run->samples;

	const char *unsupported;
	/* the ticks clock's function (kvm.c) for every world; a kvm-only row's only under KVM */
	uint32_t (*sample)(void) = run->kvm				 ? b->kvm :
				   run->ticks && !(b->flags & BENCH_KVM) ? b->kvm :
									   b->sample;

	if ((b->flags & BENCH_VIRT) && !run->virt && !run->kvm) {
		open_result(&r, run, b, v, "na");
		rec_str(&r, "reason", b->na_reason);
		rec_close(&r);
		return;
	}
	if (!sample) { /* nothing in this mode or clock: another's row, or kvm's alone */
		open_result(&r, run, b, v, "na");
		rec_str(&r, "reason",
			run->kvm ? (b->kvm_na ? b->kvm_na : KVM_NA_HYP_MIN) :
			run->ticks && !(b->flags & BENCH_KVM) ? TICKS_NA :
								b->na_reason);
		rec_close(&r);
		return;
	}
	unsupported = b->check ? b->check() : 0;
	if (unsupported) {
		open_result(&r, run, b, v, "unsupported");
		rec_str(&r, "reason", unsupported);
		rec_close(&r);
		return;
	}
	unsupported = b->prepare ? b->prepare(v) : 0;
	if (unsupported) {
		open_result(&r, run, b, v, "na");
		rec_str(&r, "reason", unsupported);
		rec_close(&r);
		return;
	}
	for (unsigned i = 0; i < run->warmup; i++)
		(void)sample();
	int events_valid = 1;

	if (run->kvm)
		kvm_row_start();
	for (unsigned i = 0; i < n; i++) {
		samples[i] = sample();
		events_valid &= ev_valid;
		for (unsigned e = 0; e < nevents; e++)
			ev_samples[e][i] = ev_delta[ev_counter_of[e]];
	}
	if (run->kvm)
		kvm_row_end();
	if (run->params->flags & VB_PARAM_RAW_SAMPLES)
		report_samples(run, b, v, n);
	summarize(samples, n, &s);
	open_result(&r, run, b, v, "ok");
	rec_u64(&r, "n", n);
	rec_u64(&r, "warmup", run->warmup);
	summary_record(&r, &s);
	report_events(&r, n, events_valid);
	if (b->fields)
		b->fields(&r);
	if (run->kvm)
		kvm_row_fields(&r);
	if (run->kvm && b->kvm_fields)
		b->kvm_fields(&r);
	rec_close(&r);
}

static void run_one(const struct bench_run *run, const struct bench *b)
{
	struct bench_variant v[BENCH_MAX_VARIANTS] = { 0 };
	unsigned nv;

	if (!b->variants) {
		run_variant(run, b, 0);
		return;
	}
	nv = b->variants(run->params, v);
	for (unsigned i = 0; i < nv && i < BENCH_MAX_VARIANTS; i++)
		run_variant(run, b, &v[i]);
	if (b->finish)
		b->finish();
}

void bench_run_all(const struct bench_run *run)
{
	if (run->ticks)
		kvm_ticks_init(run->kvm);
	for (unsigned i = 0; i < bench_table_len; i++)
		if (selected(run, &bench_table[i]))
			run_one(run, &bench_table[i]);
}
