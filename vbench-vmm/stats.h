/*
 * KVM's per-vCPU statistics (KVM_GET_STATS_FD, Linux 5.14+), so each run can
 * be attributed: exits, hvc exits, MMIO exits to user space, WFx, IRQs.
 */
#ifndef VMM_STATS_H
#define VMM_STATS_H

#include <stdint.h>
#include <stdio.h>

#define VMM_STATS_MAX 64

struct vmm_stats {
	int fd; /* -1: the kernel has no stats fd (then nothing is printed) */
	unsigned n;
	char name[VMM_STATS_MAX][48];
	uint64_t offset[VMM_STATS_MAX]; /* in the fd */
	uint64_t before[VMM_STATS_MAX];
};

/* Opens the vCPU's stats fd and reads the descriptors; 0, or -1 (errno set). */
int vmm_stats_open(struct vmm_stats *s, int vcpu_fd);
/* Takes the "before" values. */
int vmm_stats_begin(struct vmm_stats *s);
/* The counter `name` now; 0, or -1 (no such counter, or a read failed). */
int vmm_stats_value(struct vmm_stats *s, const char *name, uint64_t *v);
/* Prints "vmm: stat <name> <after-before>" per counter (console noise to vbench). */
int vmm_stats_print(struct vmm_stats *s, FILE *out);

#endif
