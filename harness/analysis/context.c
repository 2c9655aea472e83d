/* Worlds and contexts of rows (context.h). */
#include "context.h"

#include <stdio.h>
#include <string.h>

enum vb_linux_side vb_linux_side(const struct vb_row *r)
{
	const char *g;

	if (strcmp(vb_row_get(r, "mode"), "linux"))
		return VB_LINUX_NOT;
	g = vb_run_meta(r->run, "begin.in_guest");
	return !strcmp(g, "no")	 ? VB_LINUX_HOST :
	       !strcmp(g, "yes") ? VB_LINUX_GUEST :
				   VB_LINUX_UNKNOWN;
}

void vb_row_world(const struct vb_row *r, char *buf, size_t len)
{
	static const char *const linux_world[] = { "", "linux host", "linux guest",
						   "linux, guest unknown" };
	const char *mode = vb_row_get(r, "mode"), *policy = vb_row_get(r, "policy");

	if (!strcmp(mode, "linux"))
		snprintf(buf, len, "%s", linux_world[vb_linux_side(r)]);
	else if (!strcmp(mode, "native"))
		snprintf(buf, len, "native");
	else if ((!strcmp(mode, "kvm") || !strcmp(policy, "kvm")) && *vb_row_get(r, "kernel"))
		snprintf(buf, len, "kvm %s", vb_row_get(r, "kernel")); /* KVM is that kernel's */
	else if (!strcmp(mode, "kvm") || !strcmp(policy, "kvm"))
		snprintf(buf, len, "kvm");
	else if (!strcmp(mode, "virt") && (!strcmp(policy, "lean") || !strcmp(policy, "full")))
		snprintf(buf, len, "hyp-min %s", policy);
	else
		snprintf(buf, len, "%s %s", mode, policy);
}

int vb_world_style(const char *world)
{
	static const char *const worlds[] = { "native", "hyp-min lean", "hyp-min full", "kvm" };

	for (int i = 0; i < 4; i++)
		if (!strcmp(world, worlds[i]))
			return i + 1;
	/* Linux on the host is the native side; a guest is under a hypervisor, as KVM's are */
	if (!strcmp(world, "linux host") || !strcmp(world, "linux guest"))
		return world[6] == 'h' ? 1 : 4;
	return !strncmp(world, "kvm ", 4) ? 4 : 5; /* "kvm <kernel>": every KVM the same style */
}

/*
 * A column that names the software under the guest: kernel or KVM build. A
 * kvm-mode row's kernel is KVM's host and part of its world ("kvm <kernel>"),
 * so its numbers share the axes of native and hyp-min's of the same target.
 */
static bool vb_is_build_column(const struct vb_row *r, const char *name)
{
	if (!strcmp(name, "kernel") && !strcmp(vb_row_get(r, "mode"), "kvm"))
		return false;
	return !strncmp(name, "kernel", 6) || !strncmp(name, "kvm", 3) ||
	       !strcmp(name, "host_build");
}

static void vb_context(const struct vb_row *r, char *buf, size_t len, bool slug)
{
	const struct vb_csv_row *h = &r->run->summary.rows[0];
	size_t n;

	n = (size_t)snprintf(buf, len, slug ? "%s" : "clock %s", vb_row_get(r, "clock"));
	if (!slug && n < len)
		n += (size_t)snprintf(buf + n, len - n, "%s",
				      strcmp(vb_row_get(r, "emulated"), "yes") ? "" : ", emulated");
	for (size_t c = 0; c < h->n && n < len; c++)
		if (vb_is_build_column(r, h->f[c]) && *vb_row_get(r, h->f[c]) && slug)
			n += (size_t)snprintf(buf + n, len - n, "-%s", vb_row_get(r, h->f[c]));
		else if (vb_is_build_column(r, h->f[c]) && *vb_row_get(r, h->f[c]))
			n += (size_t)snprintf(buf + n, len - n, ", %s %s", h->f[c],
					      vb_row_get(r, h->f[c]));
}

void vb_row_context(const struct vb_row *r, char *buf, size_t len)
{
	vb_context(r, buf, len, false);
}

void vb_row_context_slug(const struct vb_row *r, char *buf, size_t len)
{
	vb_context(r, buf, len, true);
}
