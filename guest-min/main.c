/* guest-min: MMU on, context record, the benchmarks, end record, halt. */
#include <arch/cpu.h>
#include <bench.h>
#include <events.h>
#include <guest.h>
#include <vb/fmt.h>
#include <vb/halt.h>
#include <vb/layout.h>
#include <vb/params.h>
#include <vb/pmu.h>
#include <build_rev.h>
#include <vb/record.h>

static int virt;

int guest_is_virt(void)
{
	return virt;
}

void guest_halt(void)
{
	if (virt)
		hvc_call0(PSCI_SYSTEM_OFF);
	halt_smc();
}

/* "4k", "2m", "1g": how configurations name page and block sizes. */
static void size_name(char *buf, uint64_t bytes)
{
	static const char unit[] = "kmg";
	unsigned u = 0;

	bytes >>= 10;
	while (bytes >= 1024 && !(bytes & 1023) && u < 2) {
		bytes >>= 10;
		u++;
	}
	buf += fmt_u64(buf, bytes);
	*buf++ = unit[u];
	*buf = '\0';
}

static void config_name(char *buf, uint64_t s2_leaf)
{
	char *p = buf;

	for (const char *s = "s1-"; *s; s++)
		*p++ = *s;
	size_name(p, PAGE_SIZE);
	if (!virt)
		return;
	while (*p)
		p++;
	for (const char *s = "_s2-"; *s; s++)
		*p++ = *s;
	size_name(p, s2_leaf);
}

static const char *clock_name(const struct vb_params *p)
{
	if (!TARGET_EMULATED)
		return "pmu";
	if (p->magic != VB_PARAMS_MAGIC)
		return "unknown"; /* QEMU started by hand, without run parameters */
	return p->flags & VB_PARAM_DETERMINISTIC ? "icount" : "host";
}

static void report_begin(const struct bench_run *run)
{
	struct record r;

	rec_open(&r, "begin");
	rec_str(&r, "target", TARGET_NAME);
	rec_str(&r, "arch", arch_name);
	rec_str(&r, "cpu", TARGET_CPU);
	rec_str(&r, "mode", virt ? "virt" : "native");
	rec_hex(&r, "midr", read_sysreg(midr_el1));
	rec_u64(&r, "cntfrq", read_sysreg(cntfrq_el0));
	rec_u64(&r, "pmu_counters", pmu_event_counters());
	rec_u64(&r, "gic", TARGET_GIC_VERSION);
	rec_str(&r, "rev", BUILD_REV);
	rec_str(&r, "emulated", TARGET_EMULATED ? "yes" : "no");
	rec_str(&r, "clock", clock_name(run->params));
	rec_u64(&r, "benches", bench_selected_count(run));
	rec_u64(&r, "samples", run->samples);
	rec_u64(&r, "warmup", run->warmup);
	for (unsigned e = 0; e < nevents; e++) { /* what the event columns can say, and why */
		char key[32] = "ev_";

		for (unsigned i = 0; events[e].name[i] && i < sizeof(key) - 4; i++)
			key[3 + i] = events[e].name[i];
		rec_str(&r, key, event_unsupported(e) ? event_unsupported(e) : "counted");
	}
	rec_close(&r);
}

static void report_end(void)
{
	struct record r;
	unsigned before = rec_count();

	rec_open(&r, "end");
	rec_u64(&r, "records", before);
	rec_close(&r);
}

void guest_main(reg_t boot_magic, reg_t s2_leaf)
{
	struct bench_run run;

	virt = boot_magic == HYP_BOOT_MAGIC;
	rec_set_source('g');
	mmu_init();
	irq_init(virt);
	pmu_start_cycle_counter();
	events_init();
	bench_run_init(&run, params_get(PARAMS_ADDR), virt);
	config_name(run.config, s2_leaf);
	report_begin(&run);
	bench_run_all(&run);
	report_end();
	guest_halt();
}
