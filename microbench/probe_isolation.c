/*
 * Not benchmarks but the isolation suite's probes (tests/integration/
 * test_isolation.c, docs/security.md): each does what a hostile guest would,
 * once, and must end in the documented fault or refusal with hyp-min alive
 * to report it. A probe that returns a sample from a forbidden access means
 * the isolation failed: the run then ends "ok" and the test says so. Probes
 * that hyp-min answers without ending the run act on their first sample only
 * (the runner takes many).
 * hyp-min's addresses come from its link map (hyp_layout.h, mk/image.mk).
 */
#include <arch/cpu.h>
#include <bench.h>
#include <guest.h>
#include <hyp_layout.h>
#include <vb/crc32.h>
#include <vb/fmt.h>
#include <vb/gic.h>
#include <vb/hypercall.h>
#include <vb/layout.h>
#include <vb/mmio.h>
#include <vb/uart.h>
#include <vb/vdev.h>

/* ---- memory hyp-min keeps from the guest: each access a stage-2 fault ---- */

static uint32_t touch(uintptr_t addr, int write)
{
	if (write)
		*(volatile uint32_t *)addr = 0;
	else
		(void)*(volatile uint32_t *)addr;
	return 0; /* reached only if the access was allowed */
}

/* A page guest-min's stage 1 lacks: mapped first, as a hostile guest would. */
static uint32_t map_and_touch(uintptr_t addr, int device, int write)
{
	if (mmu_map_page(addr, device))
		guest_fail("probe_s1_map", 0);
	return touch(addr, write);
}

uint32_t bench_probe_hyp_memory_write(void)
{
	return touch(TARGET_RAM_BASE, 1);
}

/* Just below the top: where hyp-min saves the guest's registers on a trap. */
uint32_t bench_probe_hyp_stack_read(void)
{
	return touch(HYP_LAYOUT_STACK_TOP - 16, 0);
}

uint32_t bench_probe_hyp_stack_write(void)
{
	return touch(HYP_LAYOUT_STACK_TOP - 16, 1);
}

/* hyp-min's own EL2 tables, and the stage-2 tables that confine the guest. */
uint32_t bench_probe_hyp_tables_read(void)
{
	return touch(HYP_LAYOUT_HYP_TABLES, 0);
}

uint32_t bench_probe_hyp_tables_write(void)
{
	return touch(HYP_LAYOUT_HYP_TABLES, 1);
}

uint32_t bench_probe_s2_tables_read(void)
{
	return touch(HYP_LAYOUT_S2_TABLES, 0);
}

uint32_t bench_probe_s2_tables_write(void)
{
	return touch(HYP_LAYOUT_S2_TABLES, 1);
}

/* The physical GIC is hyp-min's: distributor, hypervisor interface, redistributor. */
uint32_t bench_probe_gicd_read(void)
{
	return touch(TARGET_GICD_BASE, 0);
}

uint32_t bench_probe_gicd_write(void)
{
	return touch(TARGET_GICD_BASE, 1);
}

uint32_t bench_probe_gich_read(void)
{
	return map_and_touch(TARGET_GICH_BASE, 1, 0);
}

uint32_t bench_probe_gich_write(void)
{
	return map_and_touch(TARGET_GICH_BASE, 1, 1);
}

uint32_t bench_probe_gicr_read(void)
{
	return touch(TARGET_GICR_BASE, 0);
}

uint32_t bench_probe_gicr_write(void)
{
	return touch(TARGET_GICR_BASE, 1);
}

const char *check_gich(void)
{
	return TARGET_GICH_BASE ? 0 : "no_gich_on_this_target";
}

const char *check_gicr(void)
{
	return TARGET_GICR_BASE ? 0 : "no_gicr_on_this_target";
}

/* The first IPA past RAM: nothing there, and stage 2 maps nothing. */
/*
 * The first page past RAM that neither stage maps: the far window
 * (<vb/layout.h>) may begin where RAM ends, one leaf long at each stage.
 */
static uintptr_t beyond_ram(void)
{
	const struct xlat *s1 = mmu_config(), *s2 = guest_s2_config();
	uint64_t addr = RAM_END;

	if (addr == xlat_far_base(s1) || (s2 && addr == xlat_far_base(s2)))
		addr += s2 && s2->mapping > s1->mapping ? s2->mapping : s1->mapping;
	return (uintptr_t)addr;
}

uint32_t bench_probe_beyond_ram_read(void)
{
	return map_and_touch(beyond_ram(), 0, 0);
}

uint32_t bench_probe_beyond_ram_write(void)
{
	return map_and_touch(beyond_ram(), 0, 1);
}

/* ---- execute from a page stage 2 makes Device: a stage-2 permission fault ---- */

static uint32_t code_page[PAGE_SIZE / 4] __attribute__((aligned(PAGE_SIZE)));

uint32_t bench_probe_exec_device(void)
{
	void (*code)(void) = (void (*)(void))(uintptr_t)code_page;

	code_page[0] = ARCH_INSN_RET;
	dcache_clean_inval_range((uintptr_t)code_page, (uintptr_t)(code_page + 1));
	icache_inval_all();
	code(); /* as Normal memory it runs: the probe itself works */
	if (hvc_call2(HVC_S2PERM_ARM, (reg_t)(uintptr_t)code_page, S2PERM_DEVICE))
		guest_fail("s2perm_arm", S2PERM_DEVICE);
	code();
	return 0;
}

/* ---- hostile hypercall arguments: each refused, hyp-min runs on ---- */

#define SLOT_PAGES 9  /* one more than hyp-min arms at once */
#define LR_LIMIT   16 /* the most list registers a GIC has */
static uint32_t arm_pages[SLOT_PAGES][PAGE_SIZE / 4] __attribute__((aligned(PAGE_SIZE)));

static void expect(unsigned step, reg_t got, reg_t want)
{
	if (got != want)
		guest_fail("hostile_hvc_answer", (int)step); /* accepted, or the wrong refusal */
}

uint32_t bench_probe_hostile_hvc(void)
{
	const reg_t page = (reg_t)(uintptr_t)arm_pages[0], never = (reg_t)(uintptr_t)arm_pages[1];
	const reg_t all = ~(reg_t)0, unknown = (reg_t)HVC_UNKNOWN, invalid = (reg_t)HVC_INVALID;
	const struct {
		reg_t fn, a1, a2, want;
	} calls[] = {
		{ 0x7fff, 0, 0, unknown },
		{ all, all, all, unknown },
		{ HVC_S2PERM_ARM, TARGET_RAM_BASE, S2PERM_RW, invalid },      /* hyp-min's image */
		{ HVC_S2PERM_ARM, HYP_LAYOUT_S2_TABLES, S2PERM_RW, invalid }, /* its stage 2 */
		{ HVC_S2PERM_ARM, RAM_END, S2PERM_RW, invalid },
		{ HVC_S2PERM_ARM, all, S2PERM_RW, invalid },
		{ HVC_S2PERM_ARM, TARGET_UART_BASE, S2PERM_RW, invalid },
		{ HVC_S2PERM_ARM, page, S2PERM_DEVICE + 1, invalid },
		{ HVC_S2PERM_ARM, page, all, invalid },
		{ HVC_S2PERM_FAULTS, 0, 0, invalid }, /* a free slot's ipa */
		{ HVC_S2PERM_FAULTS, never, 0, invalid },
		{ HVC_S2PERM_FAULTS, all, 0, invalid },
		{ HVC_S2_WALK_READS, all, 0, invalid },
		{ HVC_S2_WALK_READS, TARGET_RAM_BASE, 0, invalid }, /* stage 2 leaves it unmapped */
		{ HVC_VIRQ_LR, ~(reg_t)VIRQ_LR_EOI_MAINT, 0, invalid },
	};
	static int done;
	unsigned step = 0, injected = 0, drained = 0;
	reg_t stamp, r = 0;

	if (done++)
		return 0;
	for (; step < sizeof(calls) / sizeof(calls[0]); step++)
		expect(step, hvc_call2(calls[step].fn, calls[step].a1, calls[step].a2),
		       calls[step].want);
	/* every slot for armed pages taken (harmlessly: read-write), then one more */
	for (unsigned i = 1; i < SLOT_PAGES; i++, step++)
		expect(step, hvc_call2(HVC_S2PERM_ARM, (reg_t)(uintptr_t)arm_pages[i], S2PERM_RW),
		       0);
	expect(step++, hvc_call2(HVC_S2PERM_ARM, page, S2PERM_RW), invalid);
	/* IRQs masked, inject until every list register is full: the next one is refused */
	irq_mask();
	while (injected <= LR_LIMIT && !(r = hvc_call_r1(HVC_VIRQ_LR, 0, &stamp)))
		injected++;
	expect(step++, injected && injected <= LR_LIMIT ? r : 0, invalid);
	for (uint32_t iar;
	     drained < injected && ((iar = gic_ack()) & GIC_INTID_MASK) != GIC_INTID_SPURIOUS;
	     drained++)
		gic_eoi(iar); /* still masked: acknowledged here, never taken */
	expect(step++, drained, injected);
	/* calls without arguments ignore whatever the registers hold */
	expect(step++, hvc_call2(HVC_NULL, all, all), 0);
	expect(step++, hvc_call2(HVC_VIRQ_HCR_CLEAR, all, all), 0);
	expect(step++, hvc_call2(HVC_SYSREG_TRAPS, all, all) == unknown, 0);
	expect(step++, hvc_call2(HVC_S2PERM_TLBI_CYCLES, all, all) == invalid, 0);
	expect(step++, hvc_call0(HVC_NULL), 0); /* hyp-min is alive */
	return 0;
}

/*
 * The stage-2 mapping of the test window is a block (run with --s2 4k:2m):
 * arming one of its pages must be refused, not end hyp-min.
 */
uint32_t bench_probe_s2perm_block(void)
{
	static int done;

	if (done++)
		return 0;
	expect(0, hvc_call2(HVC_S2PERM_ARM, TEST_BASE, S2PERM_RO), (reg_t)HVC_INVALID);
	expect(1, hvc_call0(HVC_NULL), 0);
	return 0;
}

const char *check_s2_block(void)
{
	const struct xlat *s2 = guest_s2_config();

	return s2 && s2->mapping > PAGE_SIZE ? 0 : "needs_a_block_mapped_test_window";
}

/* ---- records in hyp-min's name: hyp-min drops the line and says so ---- */

static void forge(const char *noise, const char *body)
{
	char line[160], crc[16];
	unsigned n = 0, start, digits;

	while (*noise)
		line[n++] = *noise++;
	start = n;
	while (*body)
		line[n++] = *body++;
	digits = fmt_hex(crc, crc32_update(0, line + start, n - start)) - 2;
	line[n++] = '*';
	for (unsigned i = digits; i < 8; i++) /* exactly 8 digits, as common/record.c writes them */
		line[n++] = '0';
	for (unsigned i = 0; i < digits; i++)
		line[n++] = crc[2 + i];
	line[n++] = '\n';
	uart_write(line, n);
}

uint32_t bench_probe_forge_record(void)
{
	static int done;

	if (done++)
		return 0;
	/* a context hyp-min never wrote, with a valid CRC; then one after noise on the line */
	forge("", "@vb1 h 1 hyp rev=forged arch=armv8 policy=full ");
	forge("noise ", "@vb1 h 1 error kind=forged_error ");
	return 0;
}

/* ---- the emulated device honours the access size ---- */

/* The whole register a byte or halfword load wrote: the compiler may not mask it for us. */
static reg_t load_raw(uintptr_t addr, unsigned bytes)
{
	reg_t v;

#ifdef __aarch64__
	if (bytes == 1)
		asm volatile("ldrb %w0, [%1]" : "=r"(v) : "r"(addr) : "memory");
	else
		asm volatile("ldrh %w0, [%1]" : "=r"(v) : "r"(addr) : "memory");
#else
	if (bytes == 1)
		asm volatile("ldrb %0, [%1]" : "=r"(v) : "r"(addr) : "memory");
	else
		asm volatile("ldrh %0, [%1]" : "=r"(v) : "r"(addr) : "memory");
#endif
	return v;
}

static void mmio_expect(unsigned step, reg_t got, reg_t want)
{
	if (got != want)
		guest_fail("mmio_size", (int)(step << 24 | (got & 0xffffff)));
}

uint32_t bench_probe_mmio_size(void)
{
	const uintptr_t id = TARGET_VDEV_IPA + VDEV_REG_ID, data = TARGET_VDEV_IPA + VDEV_REG_DATA;

	for (unsigned b = 0; b < 4; b++)
		mmio_expect(b, load_raw(id + b, 1), (VDEV_ID_VALUE >> (8 * b)) & 0xff);
	for (unsigned h = 0; h < 2; h++)
		mmio_expect(4 + h, load_raw(id + 2 * h, 2), (VDEV_ID_VALUE >> (16 * h)) & 0xffff);
	mmio_write32(data, 0x11223344);
	*(volatile uint8_t *)(data + 1) = 0xaa;
	mmio_expect(6, mmio_read32(data), 0x1122aa44);
	*(volatile uint16_t *)(data + 2) = 0x8081;
	mmio_expect(7, mmio_read32(data), 0x8081aa44);
	mmio_expect(8, (uint32_t)(int32_t) * (volatile int8_t *)(data + 3), 0xffffff80);
	mmio_expect(9, (uint32_t)(int32_t) * (volatile int16_t *)(data + 2), 0xffff8081);
	return 0;
}
