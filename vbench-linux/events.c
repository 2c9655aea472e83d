/*
 * Counting through perf_event_open: one group, cycles its leader, read with
 * one read() so every counter covers the same instructions. An event the
 * kernel or the core refuses is reported with the errno's reason, never 0.
 */
#include "vl.h"

#include <dirent.h>
#include <errno.h>
#include <linux/perf_event.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/ioctl.h>
#include <sys/syscall.h>
#include <unistd.h>

#define HWC(cache, op, res)                                                   \
	((PERF_COUNT_HW_CACHE_##cache) | (PERF_COUNT_HW_CACHE_OP_##op << 8) | \
	 (PERF_COUNT_HW_CACHE_RESULT_##res << 16))

/* The group, leader first; raw events (type 0 here) come from the PMU's sysfs events. */
static const struct vl_event wanted[] = {
	{ "cycles", "cycles", PERF_TYPE_HARDWARE, PERF_COUNT_HW_CPU_CYCLES, -1, "" },
	{ "inst_retired", "instructions", PERF_TYPE_HARDWARE, PERF_COUNT_HW_INSTRUCTIONS, -1, "" },
	{ "dtlb_load_misses", "dTLB-load-misses", PERF_TYPE_HW_CACHE, HWC(DTLB, READ, MISS), -1,
	  "" },
	{ "l1d_tlb_refill", "l1d_tlb_refill", 0, 0, -1, "" },
	{ "l2d_tlb_refill", "l2d_tlb_refill", 0, 0, -1, "" },
	{ "dtlb_walk", "dtlb_walk", 0, 0, -1, "" },
	{ "mem_access", "mem_access", 0, 0, -1, "" },
};

int vl_parse_sysfs_event(const char *text, uint64_t *config)
{
	const char *p = strstr(text, "event=");
	char *end;
	unsigned long long v;

	if (!p || (p != text && p[-1] != ','))
		return -1;
	errno = 0;
	v = strtoull(p + 6, &end, 0);
	if (errno || end == p + 6 || (*end && *end != ',' && *end != '\n'))
		return -1;
	*config = v;
	return 0;
}

void vl_errno_reason(int err, char *out, size_t len)
{
	const char *name = err == ENOENT     ? "ENOENT" :
			   err == EOPNOTSUPP ? "EOPNOTSUPP" :
			   err == EACCES     ? "EACCES" :
			   err == EPERM	     ? "EPERM" :
			   err == EINVAL     ? "EINVAL" :
			   err == ENODEV     ? "ENODEV" :
			   err == ENOSPC     ? "ENOSPC" :
			   err == ENOSYS     ? "ENOSYS" :
			   err == EBUSY	     ? "EBUSY" :
					       NULL;
	char *p;

	if (name)
		snprintf(out, len, "%s:%s", name, strerror(err));
	else
		snprintf(out, len, "errno_%d:%s", err, strerror(err));
	for (p = out; *p; p++)
		if (*p == ' ')
			*p = '_';
}

/* The first armv8_* (or armv7_*) PMU under root/bus/event_source/devices: its type. */
static int find_pmu(const char *root, char *name, size_t len, uint32_t *type)
{
	char path[512];
	DIR *d;
	struct dirent *de;
	FILE *f;
	int found = -1;

	snprintf(path, sizeof(path), "%s/bus/event_source/devices", root);
	d = opendir(path);
	if (!d)
		return -1;
	while (found && (de = readdir(d))) {
		if (strncmp(de->d_name, "armv8_", 6) && strncmp(de->d_name, "armv7_", 6))
			continue;
		snprintf(path, sizeof(path), "%s/bus/event_source/devices/%s/type", root,
			 de->d_name);
		f = fopen(path, "r");
		if (f && fscanf(f, "%u", type) == 1) {
			snprintf(name, len, "%.63s", de->d_name);
			found = 0;
		}
		if (f)
			fclose(f);
	}
	closedir(d);
	return found;
}

static int raw_event(const char *root, const char *pmu, const char *ev, uint64_t *config)
{
	char path[512], text[128] = "";
	FILE *f;
	size_t n;

	snprintf(path, sizeof(path), "%s/bus/event_source/devices/%s/events/%s", root, pmu, ev);
	f = fopen(path, "r");
	if (!f)
		return -1;
	n = fread(text, 1, sizeof(text) - 1, f);
	text[n] = 0;
	fclose(f);
	return vl_parse_sysfs_event(text, config);
}

static void probe(struct vl_events *g);

static int open_one(const struct vl_event *e, int group, int kernel)
{
	struct perf_event_attr a;

	memset(&a, 0, sizeof(a));
	a.size = sizeof(a);
	a.type = e->type;
	a.config = e->config;
	a.disabled = group < 0;
	a.exclude_kernel = !kernel;
	a.exclude_hv = 1;
	a.read_format =
		PERF_FORMAT_GROUP | PERF_FORMAT_TOTAL_TIME_ENABLED | PERF_FORMAT_TOTAL_TIME_RUNNING;
	return (int)syscall(SYS_perf_event_open, &a, 0, -1, group, 0);
}

int vl_events_open(struct vl_events *g, const char *root)
{
	uint32_t pmu_type = 0;
	int has_pmu, leader;

	memset(g, 0, sizeof(*g));
	memcpy(g->ev, wanted, sizeof(wanted));
	g->n = sizeof(wanted) / sizeof(wanted[0]);
	has_pmu = !find_pmu(root, g->pmu, sizeof(g->pmu), &pmu_type);
	if (!has_pmu)
		snprintf(g->pmu, sizeof(g->pmu), "none");
	/* Kernel time counted when allowed (the fault and syscall rows are kernel work). */
	g->kernel = 1;
	leader = open_one(&g->ev[0], -1, 1);
	if (leader < 0 && (errno == EACCES || errno == EPERM)) {
		g->kernel = 0;
		leader = open_one(&g->ev[0], -1, 0);
	}
	for (unsigned i = 0; i < g->n; i++) {
		struct vl_event *e = &g->ev[i];

		e->fd = -1;
		if (i && e->type == 0 && e->config == 0) {
			e->type = pmu_type;
			if (!has_pmu) {
				snprintf(e->why, sizeof(e->why), "no_armv8_pmu_in_sysfs");
				continue;
			}
			if (raw_event(root, g->pmu, e->perf_name, &e->config)) {
				snprintf(e->why, sizeof(e->why), "not_in_%.48s_events", g->pmu);
				continue;
			}
		}
		e->fd = i ? open_one(e, leader, g->kernel) : leader;
		if (e->fd < 0 && leader < 0 && i)
			snprintf(e->why, sizeof(e->why), "cycles_refused");
		else if (e->fd < 0)
			vl_errno_reason(errno, e->why, sizeof(e->why));
		else
			snprintf(e->why, sizeof(e->why), "counted");
	}
	if (leader < 0)
		return -1;
	if (ioctl(leader, PERF_EVENT_IOC_ENABLE, PERF_IOC_FLAG_GROUP))
		return -1;
	probe(g);
	return 0;
}

/* nr, time_enabled, time_running, then one value per counter in the group's order. */
static int read_group(const struct vl_events *g, uint64_t *raw, uint64_t *running)
{
	uint64_t buf[3 + VL_MAX_EVENTS];
	ssize_t want = (ssize_t)sizeof(uint64_t) * 3, got;
	unsigned k = 0;

	for (unsigned i = 0; i < g->n; i++)
		want += g->ev[i].fd >= 0 ? (ssize_t)sizeof(uint64_t) : 0;
	got = read(g->ev[0].fd, buf, sizeof(buf));
	if (got != want)
		return -1;
	for (unsigned i = 0; i < g->n; i++)
		raw[i] = g->ev[i].fd >= 0 ? buf[3 + k++] : 0;
	if (running)
		*running = buf[2];
	return 0;
}

int vl_events_read(const struct vl_events *g, uint64_t *v)
{
	return read_group(g, v, NULL);
}

static void drop(struct vl_event *e, const char *why)
{
	close(e->fd);
	e->fd = -1;
	snprintf(e->why, sizeof(e->why), "%s", why);
}

/*
 * An event the kernel took may still never count: a group the PMU cannot
 * schedule at once (too few counters: the last member is dropped until it
 * runs), or an event the core (or QEMU) accepts and leaves at 0 while 256
 * pages are touched. Either is reported, never a 0 per sample.
 */
static void probe(struct vl_events *g)
{
	static volatile char buf[256 * 4096];
	uint64_t a[VL_MAX_EVENTS], b[VL_MAX_EVENTS], running = 0;

	for (;;) {
		unsigned last = 0;

		if (read_group(g, a, NULL))
			return;
		for (unsigned i = 0; i < sizeof(buf); i += 4096)
			buf[i]++;
		if (read_group(g, b, &running))
			return;
		if (running)
			break;
		for (unsigned i = 1; i < g->n; i++)
			if (g->ev[i].fd >= 0)
				last = i;
		if (!last)
			return;
		drop(&g->ev[last], "no_free_counter");
	}
	for (unsigned i = 1; i < g->n; i++)
		if (g->ev[i].fd >= 0 && b[i] == a[i])
			drop(&g->ev[i], "counted_nothing_in_a_probe");
}
