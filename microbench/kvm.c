/* guest-min's kvm mode (kvm.h): the rows KVM can express, timed with CNTVCT. */
#include <arch/cpu.h>
#include <bench.h>
#include <events.h>
#include <guest.h>
#include <kvm.h>
#include <memrows.h>
#include <vb/hypercall.h>
#include <vb/kvmdev.h>
#include <vb/mmio.h>
#include <vb/vdev.h>
#include <vb/gic.h>
#include <virq.h>

/*
 * An SMCCC call no KVM implements (SiP service, function 0): KVM answers
 * NOT_SUPPORTED in the kernel, so the call never reaches the VMM (the
 * test checks: no exit to user space in hvc_null).
 */
#define KVM_NULL_CALL 0x82000000u

/* hyp-min refuses that call: under it (the ticks clock) hvc_null makes its own null call */
static reg_t null_call = KVM_NULL_CALL;

void kvm_ticks_init(int kvm)
{
	null_call = kvm ? KVM_NULL_CALL : HVC_NULL;
}

/*
 * The bracket of the kvm rows, and of every row of a run timed in ticks
 * (VB_PARAM_TICKS): two ISB-fenced reads of the virtual counter.
 * The PMU event counters are not read: under KVM they exclude the host as
 * PMCCNTR does, so the rows' event columns say na. The rows below repeat
 * their counterparts' few lines (mmio.c, ...) with this bracket instead of
 * sample_start/sample_stop: a mode test inside the shared bracket would
 * lengthen every other mode's measured path.
 */
static inline reg_t kvm_start(void)
{
	reg_t t;

	isb();
	t = read_sysreg64(cntvct_el0);
	isb();
	return t;
}

static inline uint32_t kvm_stop(reg_t t0)
{
	reg_t t;

	isb();
	t = read_sysreg64(cntvct_el0);
	isb();
	ev_valid = 0;
	return (uint32_t)(t - t0);
}

uint32_t kvm_counter_overhead(void)
{
	reg_t t0 = kvm_start();

	return kvm_stop(t0);
}

/* KVM_TRAP_BATCH calls a sample: the call number chosen outside the bracket, in a register */
uint32_t kvm_hvc_null(void)
{
	reg_t fn = null_call;

	asm volatile("" : "+r"(fn));
	reg_t t0 = kvm_start();

	for (unsigned i = 0; i < KVM_TRAP_BATCH; i++)
		hvc_call0(fn);
	return kvm_stop(t0);
}

/* ID_MMFR0: KVM sets HCR_EL2.TID3 and emulates the ID registers in the host, as hyp-min does. */
uint32_t kvm_sysreg_trap(void)
{
	reg_t t0 = kvm_start();

	for (unsigned i = 0; i < KVM_TRAP_BATCH; i++)
		(void)read_sysreg(id_mmfr0_el1);
	return kvm_stop(t0);
}

/*
 * The VMM's copy of hyp-min's device (or hyp-min's own): each access a full
 * exit to user space under KVM. Every value read is checked (two
 * instructions an access inside the bracket, the same in every world).
 */
uint32_t kvm_mmio_read(void)
{
	uint32_t bad = 0;
	reg_t t0 = kvm_start();

	for (unsigned i = 0; i < KVM_TRAP_BATCH; i++)
		bad |= mmio_read32(TARGET_VDEV_IPA + VDEV_REG_ID) ^ VDEV_ID_VALUE;
	uint32_t dt = kvm_stop(t0);

	if (bad)
		guest_fail("mmio_read_wrong_value",
			   (int)(bad ^ VDEV_ID_VALUE)); /* the value, if one */
	return dt;
}

/* KVM_TRAP_BATCH writes of successive values; the last one read back, outside the bracket */
uint32_t kvm_mmio_write(void)
{
	static uint32_t value = 1;
	reg_t t0 = kvm_start();

	for (unsigned i = 0; i < KVM_TRAP_BATCH; i++)
		mmio_write32(TARGET_VDEV_IPA + VDEV_REG_DATA, value + i);
	uint32_t dt = kvm_stop(t0);

	value += KVM_TRAP_BATCH - 1;
	if (mmio_read32(TARGET_VDEV_IPA + VDEV_REG_DATA) != value) /* the device kept it */
		guest_fail("mmio_write_lost", (int)value);
	value++;
	return dt;
}

/* The VMM's SPI, once per row: enabled, to this CPU, at the GIC's priority (level-sensitive). */
const char *prepare_kvm_irq_line(struct bench_variant *v)
{
	(void)v;
	gic_enable(KVMDEV_IRQ_INTID);
	return 0;
}

/* Acknowledge, lower the line through the VMM (or it fires again), EOI. */
static void kvm_on_irq_line(void)
{
	uint32_t iar = gic_ack();

	mmio_write32(TARGET_VDEV_IPA + KVMDEV_REG_IRQ, 0);
	gic_eoi(iar);
	virq_iar = iar;
}

/*
 * An interrupt the VMM raises with KVM_IRQ_LINE when the guest asks (an MMIO
 * write: a full exit to user space), from before that write to the guest's
 * IRQ vector: the exit, the ioctl, the vGIC's injection on the way back in.
 */
uint32_t kvm_virq_irq_line(void)
{
	reg_t t0;

	virq_begin(kvm_on_irq_line);
	t0 = kvm_start();
	mmio_write32(TARGET_VDEV_IPA + KVMDEV_REG_IRQ, 1);
	virq_end(KVMDEV_IRQ_INTID);
	if (mmio_read32(TARGET_VDEV_IPA + KVMDEV_REG_IRQ) == KVMDEV_NO_IRQ_LINE)
		guest_fail("kvm_irq_line_failed", KVMDEV_IRQ_INTID);
	ev_valid = 0; /* from the guest's request to its vector, not a bracket */
	return (uint32_t)(irq_seen.ticks - t0);
}

/*
 * The memory rows: a tick is 16 instructions under icount, too coarse for
 * one load, so a sample is CHASE_STEPS (1024) dependent loads and the unit
 * says so (ticks/1024), as tlb_miss_chase's cycles/1024. The loads go
 * through guest-min's stage 1 and KVM's stage 2, whatever the host backs
 * the memslot with (kvm_memslot_fields says what that was).
 */
static uint32_t kvm_chase_from(uintptr_t *at)
{
	uintptr_t p = *at;
	reg_t t0 = kvm_start();

	for (unsigned i = 0; i < CHASE_STEPS; i++)
		p = load(p);
	uint32_t dt = kvm_stop(t0);

	*at = p;
	return dt;
}

/* tlb_hit: the one page, which points at itself (prepare_tlb_hit), 1024 times */
uint32_t kvm_tlb_hit(void)
{
	uintptr_t p = TEST_BASE;
	uint32_t dt = kvm_chase_from(&p);

	if (p != TEST_BASE)
		guest_fail("tlb_hit_page_changed", 0);
	return dt;
}

/* tlb_miss_chase and its control: the chase prepared as in the other modes */
uint32_t kvm_tlb_miss_chase(void)
{
	return kvm_chase_from(&chase_at);
}

static void memslot_field(struct record *r, const char *key, unsigned reg)
{
	uint32_t v = mmio_read32(TARGET_VDEV_IPA + reg);

	if (v == KVMDEV_NO_SMAPS)
		rec_str(r, key, "unsupported");
	else
		rec_u64(r, key, v);
}

/* Read after the samples: what the host had backed the guest's RAM with by then. */
void kvm_memslot_fields(struct record *r)
{
	mmio_write32(TARGET_VDEV_IPA + KVMDEV_REG_MEMSLOT, 1);
	memslot_field(r, "memslot_page_kb", KVMDEV_REG_PAGE_KB);
	memslot_field(r, "memslot_thp_kb", KVMDEV_REG_THP_KB);
	memslot_field(r, "memslot_rss_kb", KVMDEV_REG_RSS_KB);
}

void kvm_row_start(void)
{
	mmio_write32(TARGET_VDEV_IPA + KVMDEV_REG_ROW, KVMDEV_ROW_START);
}

void kvm_row_end(void)
{
	mmio_write32(TARGET_VDEV_IPA + KVMDEV_REG_ROW, KVMDEV_ROW_END);
}

static void stat_field(struct record *r, const char *key, unsigned reg)
{
	uint32_t v = mmio_read32(TARGET_VDEV_IPA + reg);

	if (v == KVMDEV_NO_STATS)
		rec_str(r, key, "unsupported");
	else
		rec_u64(r, key, v);
}

/* Over the row's kept samples (not the warm-up), as KVM counted them. */
void kvm_row_fields(struct record *r)
{
	stat_field(r, "stat_exits", KVMDEV_REG_EXITS);
	stat_field(r, "stat_hvc_exits", KVMDEV_REG_HVC);
	stat_field(r, "stat_user_exits", KVMDEV_REG_USER);
}

void kvm_begin_fields(struct record *r)
{
	char release[65];
	unsigned n = 0;

	/* the VMM's uname -r, a byte a read; KVM's exit paths change with the kernel build */
	while (n + 1 < sizeof(release)) {
		uint32_t c = mmio_read32(TARGET_VDEV_IPA + KVMDEV_REG_KERNEL);

		if (!c)
			break;
		release[n++] = (char)c;
	}
	release[n] = '\0';
	rec_str(r, "kernel", n ? release : "unknown");
	rec_str(r, "timer", "cntvct"); /* every row's clock: CNTVCT, unit ticks */
	switch (mmio_read32(TARGET_VDEV_IPA + KVMDEV_REG_THP)) { /* what the VMM asked the host */
	case KVMDEV_THP_ON:
		rec_str(r, "memslot_thp", "on");
		break;
	case KVMDEV_THP_OFF:
		rec_str(r, "memslot_thp", "off");
		break;
	default:
		rec_str(r, "memslot_thp", "default");
	}
}
