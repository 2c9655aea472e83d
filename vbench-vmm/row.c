/* Row brackets and their KVM counters (row.h). */
#include "row.h"

#include <linux/kvm.h>
#include <sys/ioctl.h>

#include <vb/kvmdev.h>

static const char *const counters[VMM_ROW_COUNTERS] = { "exits", "hvc_exit_stat",
							"mmio_exit_user" };

int vmm_row_reg(uint64_t off)
{
	return off >= KVMDEV_REG_ROW && off <= KVMDEV_REG_THP;
}

static int read_counters(struct vmm_row *r, uint64_t *v)
{
	for (unsigned i = 0; i < VMM_ROW_COUNTERS; i++)
		if (vmm_stats_value(r->stats, counters[i], &v[i]))
			return -1;
	return 0;
}

/*
 * KVM counts an exit before the VMM sees it: the start's own write is in
 * `start`, and the end's own write (one exit, one of them to user space) is
 * taken out here, so the row's figures are its samples' exits only.
 */
static int row_end(struct vmm_row *r)
{
	uint64_t end[VMM_ROW_COUNTERS];

	if (read_counters(r, end))
		return -1;
	end[0]--;
	end[2]--;
	for (unsigned i = 0; i < VMM_ROW_COUNTERS; i++)
		r->delta[i] = (uint32_t)(end[i] - r->start[i]);
	return 0;
}

int vmm_row_access(struct vmm_row *r, uint64_t off, uint32_t *v, unsigned len, int is_write)
{
	int stats = r->stats && r->stats->fd >= 0;

	if (len != 4)
		return -1;
	if (off == KVMDEV_REG_ROW) {
		if (!is_write || (*v != KVMDEV_ROW_START && *v != KVMDEV_ROW_END))
			return -1;
		if (!stats)
			return 0;
		return *v == KVMDEV_ROW_START ? read_counters(r, r->start) : row_end(r);
	}
	if (off == KVMDEV_REG_IRQ) {
		/* the guest's own SPI: it raises it, and lowers it from its handler */
		struct kvm_irq_level l = {
			.irq = (KVM_ARM_IRQ_TYPE_SPI << KVM_ARM_IRQ_TYPE_SHIFT) | KVMDEV_IRQ_INTID,
			.level = *v ? 1 : 0,
		};

		if (!is_write) {
			*v = r->irq_failed ? KVMDEV_NO_IRQ_LINE : 0;
			return 0;
		}
		if (ioctl(r->vm, KVM_IRQ_LINE, &l))
			r->irq_failed = 1;
		return 0;
	}
	if (off == KVMDEV_REG_MEMSLOT && is_write) {
		/* a failed read leaves KVMDEV_NO_SMAPS: the guest says unsupported */
		if (vmm_memslot_read(r->memslot, "/proc/self/smaps"))
			r->memslot->page_kb = r->memslot->thp_kb = r->memslot->rss_kb =
				KVMDEV_NO_SMAPS;
		return 0;
	}
	if (is_write)
		return -1;
	switch (off) {
	case KVMDEV_REG_PAGE_KB:
		*v = r->memslot->page_kb;
		return 0;
	case KVMDEV_REG_THP_KB:
		*v = r->memslot->thp_kb;
		return 0;
	case KVMDEV_REG_RSS_KB:
		*v = r->memslot->rss_kb;
		return 0;
	case KVMDEV_REG_THP:
		*v = (uint32_t)r->memslot->thp;
		return 0;
	case KVMDEV_REG_EXITS:
	case KVMDEV_REG_HVC:
	case KVMDEV_REG_USER:
		*v = stats ? r->delta[(off - KVMDEV_REG_EXITS) / 4] : KVMDEV_NO_STATS;
		return 0;
	case KVMDEV_REG_KERNEL:
		*v = (unsigned char)r->kernel[r->kernel_at];
		r->kernel_at = *v ? r->kernel_at + 1 : 0;
		return 0;
	}
	return -1;
}
