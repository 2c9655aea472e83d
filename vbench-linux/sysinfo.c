/*
 * What the begin record says of the system: the kernel release, and whether
 * it runs in a guest, with the evidence (/sys/hypervisor/type, the device
 * tree's /hypervisor node (Xen), else unknown: a KVM guest's device tree
 * says nothing and MIDR alone cannot tell, a VMM passes the host's; vbench
 * knows what it launched and says so in the target).
 */
#include "vl.h"

#include <stdio.h>
#include <string.h>
#include <sys/utsname.h>
#include <unistd.h>

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

void vl_sysinfo(struct vl_sysinfo *s)
{
	struct utsname u;
	char v[64];

	memset(s, 0, sizeof(*s));
	if (!uname(&u)) {
		snprintf(s->kernel, sizeof(s->kernel), "%s", u.release);
		snprintf(s->machine, sizeof(s->machine), "%s", u.machine);
	}
	if (read_line("/sys/devices/system/cpu/cpu0/regs/identification/midr_el1", s->midr,
		      sizeof(s->midr)))
		snprintf(s->midr, sizeof(s->midr), "unknown");
	snprintf(s->guest, sizeof(s->guest), "unknown");
	snprintf(s->guest_by, sizeof(s->guest_by), "no_evidence");
	if (!read_line("/sys/hypervisor/type", v, sizeof(v))) {
		snprintf(s->guest, sizeof(s->guest), "yes");
		snprintf(s->guest_by, sizeof(s->guest_by), "sys_hypervisor_%.60s", v);
	} else if (!access("/proc/device-tree/hypervisor", F_OK)) {
		snprintf(s->guest, sizeof(s->guest), "yes");
		snprintf(s->guest_by, sizeof(s->guest_by), "device_tree_hypervisor_node");
	}
}
