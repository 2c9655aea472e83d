/*
 * The registers guest-min's kvm mode uses to bracket a row's samples
 * (<vb/kvmdev.h>): KVM's counters read at the row's start and end, their
 * differences read back by the guest into its result record.
 */
#ifndef VMM_ROW_H
#define VMM_ROW_H

#include <stdint.h>

#include "memslot.h"
#include "stats.h"

#define VMM_ROW_COUNTERS 3 /* exits, hvc_exit_stat, mmio_exit_user */

struct vmm_row {
	struct vmm_stats *stats; /* NULL or fd < 0: the registers read KVMDEV_NO_STATS */
	uint64_t start[VMM_ROW_COUNTERS];
	uint32_t delta[VMM_ROW_COUNTERS];
	char kernel[65]; /* the host's release (uname -r) */
	int vm;		 /* the VM's fd, for KVM_IRQ_LINE */
	int irq_failed;	 /* a KVM_IRQ_LINE that failed: KVMDEV_REG_IRQ reads KVMDEV_NO_IRQ_LINE */
	unsigned kernel_at;
	struct vmm_memslot *memslot; /* KVMDEV_REG_MEMSLOT reads its smaps entry */
};

/* Is off (in the vdev page) one of these registers? KVMDEV_REG_IRQ sets an SPI's line level. */
int vmm_row_reg(uint64_t off);

/* One 4-byte access to a register at off; 0, or -1 for an access it does not answer. */
int vmm_row_access(struct vmm_row *r, uint64_t off, uint32_t *v, unsigned len, int is_write);

#endif
