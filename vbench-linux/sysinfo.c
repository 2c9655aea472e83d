/*
 * What the begin record says of the system: the kernel release, MIDR, and
 * whether it runs in a guest with the evidence (guest.c's rule over what /sys,
 * /proc/device-tree, /dev/kvm and the kernel log show).
 */
#include "vl.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/klog.h>
#include <sys/utsname.h>

static int read_line(const char *path, char *out, size_t len)
{
	FILE *f = fopen(path, "r");
	char *nl;

	if (!f)
		return -1;
	if (!fgets(out, (int)len, f)) {
		fclose(f);
		return -1;
	}
	fclose(f);
	nl = strchr(out, '\n');
	if (nl)
		*nl = 0;
	return out[0] ? 0 : -1;
}

/* The kernel log's text (root, or dmesg_restrict off), NULL when it cannot be read. */
static char *kernel_log(void)
{
	int size = klogctl(10 /* SYSLOG_ACTION_SIZE_BUFFER */, NULL, 0), n;
	char *buf;

	if (size <= 0)
		return NULL;
	buf = malloc((size_t)size + 1);
	if (!buf)
		return NULL;
	n = klogctl(3 /* SYSLOG_ACTION_READ_ALL */, buf, size);
	if (n < 0) {
		free(buf);
		return NULL;
	}
	buf[n] = 0;
	return buf;
}

void vl_sysinfo(struct vl_sysinfo *s)
{
	struct vl_guest_seen seen;
	struct utsname u;
	char *klog = kernel_log();

	memset(s, 0, sizeof(*s));
	if (!uname(&u)) {
		snprintf(s->kernel, sizeof(s->kernel), "%s", u.release);
		snprintf(s->machine, sizeof(s->machine), "%s", u.machine);
	}
	if (read_line("/sys/devices/system/cpu/cpu0/regs/identification/midr_el1", s->midr,
		      sizeof(s->midr)))
		snprintf(s->midr, sizeof(s->midr), "unknown");
	vl_guest_read("", klog, &seen);
	free(klog);
	vl_guest_decide(&seen, s->guest, sizeof(s->guest), s->guest_by, sizeof(s->guest_by));
}
