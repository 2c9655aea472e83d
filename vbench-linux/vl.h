/*
 * vbench-linux: the memory rows, a page fault and a null system call timed
 * from Linux user space through perf_event_open (docs/linux.md). Records go
 * to stdout in the images' format (common/record.c), so `vbench parse`
 * verifies them as it verifies a console.
 */
#ifndef VL_H
#define VL_H

#include <stddef.h>
#include <stdint.h>

/* ---- events.c: one perf group, the cycle counter its leader */
#define VL_MAX_EVENTS 8

struct vl_event {
	const char *key;       /* the record's ev_<key> (summary.csv's column) */
	const char *perf_name; /* perf's name for it */
	uint32_t type;	       /* PERF_TYPE_*; raw events resolved from sysfs */
	uint64_t config;
	int fd;	      /* -1: not counted */
	char why[64]; /* "counted" or the reason it is not */
};

struct vl_events {
	struct vl_event ev[VL_MAX_EVENTS];
	unsigned n;
	int kernel; /* 1: kernel time counted too; 0: user only (perf_event_paranoid) */
	char pmu[64];
};

/* "event=0x05", "event=0x0034,umask=0x1": the event number of a sysfs events file. */
int vl_parse_sysfs_event(const char *text, uint64_t *config);
/* The errno of a refused perf_event_open as a record value (no spaces). */
void vl_errno_reason(int err, char *out, size_t len);
/* Opens the group under sysfs_root (normally "/sys"); leader refused: returns -1. */
int vl_events_open(struct vl_events *g, const char *sysfs_root);
/* Reads every counter of the group at once; counters not counted read 0 (never reported). */
int vl_events_read(const struct vl_events *g, uint64_t *v);

/* ---- mapping.c: the buffer's backing, obtained and then verified from smaps */
enum vl_backing { VL_4K, VL_THP, VL_HUGETLB };

struct vl_config {
	const char *name; /* config column: linux-4k, linux-thp, linux-2m, ... */
	enum vl_backing backing;
	uint64_t page; /* the page size asked for (bytes) */
};

struct vl_smaps {
	uint64_t kernel_page_kb, anon_huge_kb, size_kb;
	int found;
};

/* The smaps entry of the mapping holding addr, from smaps text. 0 found, -1 not. */
int vl_smaps_find(const char *text, uintptr_t addr, struct vl_smaps *out);
/* The entry of this process's mapping holding addr; why says what failed. */
int vl_smaps_self(const void *addr, struct vl_smaps *s, char *why, size_t whylen);
/* Whether what smaps says is what config asked for over len bytes; why says what differs. */
int vl_mapping_verify(const struct vl_config *c, const struct vl_smaps *s, uint64_t len, char *why,
		      size_t whylen);
/* Maps, touches and verifies len bytes; NULL with why set when not obtained. */
void *vl_map(const struct vl_config *c, uint64_t len, struct vl_smaps *s, char *why, size_t whylen);
void vl_unmap(void *p, const struct vl_config *c, uint64_t len);
uint64_t vl_round_len(const struct vl_config *c, uint64_t len);

/* ---- guest.c: in_guest and its evidence (docs/linux.md) */
struct vl_guest_seen {
	char hyp_type[32];   /* /sys/hypervisor/type ("xen"), "" when absent */
	int dt_hypervisor;   /* the device tree has a /hypervisor node */
	char psci[16];	     /* /proc/device-tree/psci/method: "hvc", "smc", "" */
	char compatible[72]; /* the root's first compatible string, "" when absent */
	int dev_kvm;	     /* /dev/kvm exists: this kernel's KVM owns EL2 */
	int log_read;	     /* the kernel log was readable */
	int log_kvm;	     /* it says KVM's hyp (or VHE) mode was initialized */
	int booted_el;	     /* "CPU: All CPU(s) started at EL<n>": 1, 2, 0 not seen */
};

/* What root ("" for /) shows, and klog, the kernel log's text (NULL: unreadable). */
void vl_guest_read(const char *root, const char *klog, struct vl_guest_seen *s);
/* The rule: verdict yes, no or unknown; evidence '+'-separated words of what was seen. */
void vl_guest_decide(const struct vl_guest_seen *s, char *verdict, size_t vlen, char *evidence,
		     size_t elen);

/* ---- sysinfo.c */
struct vl_sysinfo {
	char kernel[128], machine[72], midr[32], guest[32], guest_by[256];
};
void vl_sysinfo(struct vl_sysinfo *s);

#endif
