/*
 * The guest RAM's memslot: mapped 2 MiB aligned (so the host can back it with
 * transparent huge pages and KVM map them as stage-2 blocks), madvised as
 * --thp asks, and what the host backed it with read from /proc/self/smaps.
 */
#ifndef VMM_MEMSLOT_H
#define VMM_MEMSLOT_H

#include <stdint.h>

struct vmm_memslot {
	uint8_t *ram;
	uint64_t size;
	int thp;	  /* KVMDEV_THP_* */
	uint32_t page_kb; /* KernelPageSize, KiB (KVMDEV_NO_SMAPS: unread) */
	uint32_t thp_kb;  /* AnonHugePages, KiB */
	uint32_t rss_kb;  /* Rss, KiB */
};

/* "on", "off", "default" into KVMDEV_THP_*; -1 for anything else. */
int vmm_thp_mode(const char *s);

/* Maps size bytes 2 MiB aligned and madvises them (m->thp); 0, or -1 with errno. */
int vmm_memslot_map(struct vmm_memslot *m, uint64_t size);

/* Reads the mapping's Rss, KernelPageSize, AnonHugePages from smaps; 0, or -1. */
int vmm_memslot_read(struct vmm_memslot *m, const char *smaps);

#endif
