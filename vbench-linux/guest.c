/*
 * Whether this kernel runs in a guest, from what the system shows (docs/linux.md,
 * "in_guest"): what is read (vl_guest_read) kept apart from the rule
 * (vl_guest_decide), so tests/unit/linux/ checks the rule over fixture trees.
 */
#include "vl.h"

#include <stdio.h>
#include <string.h>
#include <unistd.h>

/* The first line (or NUL-terminated string, as device-tree properties are) of root/rel. */
static int read_text(const char *root, const char *rel, char *out, size_t len)
{
	char path[512];
	FILE *f;
	size_t n;

	snprintf(path, sizeof(path), "%s%s", root, rel);
	f = fopen(path, "r");
	if (!f)
		return -1;
	n = fread(out, 1, len - 1, f);
	fclose(f);
	out[n] = 0;
	out[strcspn(out, "\n")] = 0;
	return out[0] ? 0 : -1;
}

static int exists(const char *root, const char *rel)
{
	char path[512];

	snprintf(path, sizeof(path), "%s%s", root, rel);
	return !access(path, F_OK);
}

/* A record value: printable, no spaces, '*' or ','; anything else becomes '_'. */
static void clean(char *s)
{
	for (; *s; s++)
		if (!((*s >= 'a' && *s <= 'z') || (*s >= 'A' && *s <= 'Z') ||
		      (*s >= '0' && *s <= '9') || *s == '.' || *s == '-' || *s == '_'))
			*s = '_';
}

void vl_guest_read(const char *root, const char *klog, struct vl_guest_seen *s)
{
	const char *el;

	memset(s, 0, sizeof(*s));
	if (!read_text(root, "/sys/hypervisor/type", s->hyp_type, sizeof(s->hyp_type)))
		clean(s->hyp_type);
	s->dt_hypervisor = exists(root, "/proc/device-tree/hypervisor");
	if (!read_text(root, "/proc/device-tree/psci/method", s->psci, sizeof(s->psci)))
		clean(s->psci);
	if (!read_text(root, "/proc/device-tree/compatible", s->compatible, sizeof(s->compatible)))
		clean(s->compatible);
	s->dev_kvm = exists(root, "/dev/kvm");
	s->log_read = klog != NULL;
	if (!klog)
		return;
	/* arm64's "kvm [1]: Hyp mode initialized successfully" (or "VHE mode ...") */
	s->log_kvm = strstr(klog, "mode initialized successfully") != NULL;
	el = strstr(klog, "CPU: All CPU(s) started at EL");
	if (el)
		s->booted_el = el[strlen("CPU: All CPU(s) started at EL")] - '0';
}

/* Appends "+token" (no '+' first) to out. */
static void add(char *out, size_t len, const char *token)
{
	size_t off = strlen(out);

	snprintf(out + off, len - off, "%s%s", off ? "+" : "", token);
}

void vl_guest_decide(const struct vl_guest_seen *s, char *verdict, size_t vlen, char *evidence,
		     size_t elen)
{
	char t[96];
	int host = s->dev_kvm || s->log_kvm || s->booted_el == 2;

	evidence[0] = 0;
	if (s->hyp_type[0]) { /* Xen says so in sysfs */
		snprintf(verdict, vlen, "yes");
		snprintf(t, sizeof(t), "sys_hypervisor_%s", s->hyp_type);
		add(evidence, elen, t);
	} else if (s->dt_hypervisor) { /* the hypervisor's own device-tree node (Xen) */
		snprintf(verdict, vlen, "yes");
		add(evidence, elen, "device_tree_hypervisor_node");
	} else if (host) { /* this kernel owns EL2: nothing above it but firmware */
		snprintf(verdict, vlen, "no");
	} else if (!strcmp(s->psci, "hvc")) { /* PSCI answered at EL2: something sits above */
		snprintf(verdict, vlen, "yes");
	} else {
		snprintf(verdict, vlen, "unknown");
	}
	/* what was seen of EL2 and PSCI, whatever the verdict */
	if (s->dev_kvm)
		add(evidence, elen, "dev_kvm");
	else
		add(evidence, elen, "no_dev_kvm");
	if (s->log_kvm)
		add(evidence, elen, "kvm_hyp_initialized");
	if (s->booted_el) {
		snprintf(t, sizeof(t), "booted_el%d", s->booted_el);
		add(evidence, elen, t);
	} else if (!s->log_read) {
		add(evidence, elen, "kernel_log_unreadable");
	}
	snprintf(t, sizeof(t), "psci_%s", s->psci[0] ? s->psci : "none");
	add(evidence, elen, t);
	if (s->compatible[0]) {
		snprintf(t, sizeof(t), "compatible_%.60s", s->compatible);
		add(evidence, elen, t);
	}
}
