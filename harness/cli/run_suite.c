/*
 * vbench run --suite NAME: the sweeps of bench/suites/NAME.suite (docs/suites.md),
 * each configuration virtualized and natively (once per stage-1 configuration),
 * one run folder each. Every run is tried; the status says whether any failed.
 * Where the launch can (QEMU; a board with params_via = serial) every virt
 * configuration runs in one boot of the images and every native one in
 * another (--one-boot, the default there): the images go back to the
 * parameter handshake after each end record. A failed run ends its boot;
 * the next run boots again.
 */
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cmd.h"
#include "launch/launch.h"
#include "launch/suite.h"
#include "launch/target.h"
#include "launch/xlatspec.h"
#include "run_args.h"

void vb_suite_args(const struct vb_run_args *base, const struct vb_suite *s,
		   const struct vb_suite_config *c, bool virt, struct vb_run_args *a)
{
	*a = *base;
	a->suite = NULL;
	a->mode = virt ? "virt" : "native";
	a->s1 = c->s1;
	a->s1_spec = c->s1_spec;
	a->s2 = virt ? c->s2 : (struct vb_stage_cfg){ 0 };
	a->s2_spec = virt ? c->s2_spec : NULL;
	a->only = s->only[0] ? s->only : NULL;
	memcpy(a->footprints, s->footprints, sizeof(a->footprints));
	if (!a->n)
		a->n = s->n;
	if (!a->warmup)
		a->warmup = s->warmup;
}

static int vb_suite_run_one(const struct vb_run_args *base, const struct vb_target *t,
			    const struct vb_paths *p, const struct vb_suite *s,
			    const struct vb_suite_config *c, bool virt, unsigned i, unsigned total,
			    struct vb_session *session, bool next)
{
	struct vb_run_args a;
	char image[PATH_MAX + 64], name[96];
	int r;

	vb_suite_args(base, s, c, virt, &a);
	a.session = session;
	a.next = next;
	snprintf(image, sizeof(image), "%s/%s/%s.elf", p->build, a.target, a.mode);
	vb_config_name(name, sizeof(name), &a.s1, virt ? &a.s2 : NULL, vb_arch_name(t->arch));
	fprintf(stderr, "[%u/%u] %s %s %s\n", i, total, a.target, a.mode, name);
	fflush(stdout);
	r = vb_run_go(&a, t, image);
	if (r)
		fprintf(stderr, "[%u/%u] %s %s %s: FAILED\n", i, total, a.target, a.mode, name);
	return r;
}

unsigned vb_suite_plan(const struct vb_run_args *a, const struct vb_target *t,
		       const struct vb_suite *s, bool *runnable, bool *native)
{
	char s1name[VB_SUITE_MAX][64];
	unsigned total = 0;
	struct vb_error e;

	/* what this target can build; native once per stage-1 configuration */
	for (unsigned k = 0; k < s->nc; k++) {
		runnable[k] = !vb_suite_config_check(&s->c[k], t, &e);
		if (!runnable[k])
			fprintf(stderr, "vbench: suite %s: %s %s skipped on %s: %s\n", a->suite,
				s->c[k].s1_spec, s->c[k].s2_spec, a->target, e.msg);
		native[k] = runnable[k];
		/* by name: "4k" and "4k:4k:wb" are one stage-1 configuration */
		vb_config_name(s1name[k], sizeof(s1name[k]), &s->c[k].s1, NULL,
			       vb_arch_name(t->arch));
		for (unsigned j = 0; j < k && native[k]; j++)
			if (native[j] && !strcmp(s1name[j], s1name[k]))
				native[k] = false;
		total += runnable[k] + native[k];
	}
	return total;
}

/*
 * One boot per mode: the virt configurations, then the native ones, each
 * run but a boot's last asking the images for the next (VB_PARAM_NEXT).
 */
static unsigned vb_suite_one_boot(const struct vb_run_args *a, const struct vb_target *t,
				  const struct vb_paths *p, const struct vb_suite *s,
				  const bool *runnable, const bool *native, unsigned total,
				  unsigned *i, unsigned *boots)
{
	struct vb_session session = { 0 };
	unsigned failed = 0;

	for (int virt = 1; virt >= 0; virt--) {
		const bool *run = virt ? runnable : native;
		unsigned last = s->nc;

		for (unsigned k = 0; k < s->nc; k++)
			if (run[k])
				last = k;
		for (unsigned k = 0; k < s->nc && !vb_run_signal(); k++) {
			if (!run[k])
				continue;
			*boots += !session.open;
			failed += vb_suite_run_one(a, t, p, s, &s->c[k], virt, ++*i, total,
						   &session, k != last) != 0;
		}
		vb_session_close(&session);
	}
	return failed;
}

/* One boot for the suite unless asked otherwise or the launch cannot; 0 or a usage error. */
static int vb_suite_boot_choice(const struct vb_run_args *a, const struct vb_target *t, bool *one)
{
	bool can = t->launch == VB_LAUNCH_QEMU || t->params_via == VB_PARAMS_SERIAL;

	*one = a->boot == VB_BOOT_ONE || (a->boot == VB_BOOT_DEFAULT && can);
	if (*one && !can)
		return vb_report(VB_EXIT_USAGE,
				 "run: --one-boot: %s gets its parameters by loader (params_via): "
				 "one boot needs params_via = serial, or launch = qemu",
				 t->path);
	return 0;
}

int vb_run_suite(const struct vb_run_args *a, const struct vb_target *t, const struct vb_paths *p)
{
	static struct vb_suite s;
	bool runnable[VB_SUITE_MAX], native[VB_SUITE_MAX], one;
	unsigned total, i = 0, failed = 0, boots = 0;
	struct vb_target serial = *t;
	struct vb_error e;

	if (vb_suite_load(&s, p->root, a->suite, &e))
		return vb_report(VB_EXIT_USAGE, "run: %s", e.msg);
	if (vb_suite_boot_choice(a, t, &one))
		return VB_EXIT_USAGE;
	total = vb_suite_plan(a, t, &s, runnable, native);
	if (one) {
		/* QEMU: its serial on a pty and the parameters over it, as on a board */
		serial.params_via = VB_PARAMS_SERIAL;
		failed = vb_suite_one_boot(a, &serial, p, &s, runnable, native, total, &i, &boots);
	}
	for (unsigned k = 0; !one && k < s.nc && !vb_run_signal(); k++) {
		boots += runnable[k] + native[k];
		if (runnable[k])
			failed += vb_suite_run_one(a, t, p, &s, &s.c[k], true, ++i, total, NULL,
						   false) != 0;
		if (native[k] && !vb_run_signal())
			failed += vb_suite_run_one(a, t, p, &s, &s.c[k], false, ++i, total, NULL,
						   false) != 0;
	}
	if (vb_run_signal())
		return vb_report(VB_EXIT_SIGNAL + vb_run_signal(),
				 "suite %s on %s: interrupted after %u of %u runs", a->suite,
				 a->target, i, total);
	if (!total) /* a sweep that measured nothing is not a success */
		return vb_report(VB_EXIT_FAILED, "suite %s: no configuration can run on %s",
				 a->suite, a->target);
	fprintf(stderr, "vbench: suite %s on %s: %u of %u runs verified, in %u boot%s\n", a->suite,
		a->target, total - failed, total, boots, boots == 1 ? "" : "s");
	return failed ? VB_EXIT_FAILED : VB_EXIT_OK;
}
