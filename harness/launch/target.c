/* Reads a target file: the board or QEMU machine, as data. */
#include "target.h"

#include "vb/board.h"
#include "vb/xlat.h"

#include <ctype.h>
#include <dirent.h>
#include <errno.h>
#include <stddef.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

static char *vb_trim(char *s)
{
	char *end;

	while (isspace((unsigned char)*s))
		s++;
	end = s + strlen(s);
	while (end > s && isspace((unsigned char)end[-1]))
		*--end = '\0';
	return s;
}

static int vb_name_ok(const char *name)
{
	if (!*name || strlen(name) >= sizeof(((struct vb_target *)0)->name) || name[0] == '.')
		return 0;
	for (; *name; name++)
		if (!isalnum((unsigned char)*name) && !strchr("._-", *name))
			return 0;
	return 1;
}

/* How a key's value is read into struct vb_target. */
enum vb_key_type {
	VB_K_STR,
	VB_K_U64,
	VB_K_ARCH,
	VB_K_YESNO,
	VB_K_HALT,
	VB_K_LAUNCH,
	VB_K_GIC,
	VB_K_GRANULES,
	VB_K_UART,
	VB_K_VALIDATED,
	VB_K_PARAMS_VIA,
	VB_K_BOOT,
	VB_K_UBOOT_START
};

struct vb_key {
	const char *name;
	enum vb_key_type type;
	size_t off;
};

#define VB_KEY(k, type)                                 \
	{                                               \
#k, type, offsetof(struct vb_target, k) \
	}

/* Every key of docs/targets.md; make reads the same file for the build. */
static const struct vb_key vb_keys[] = {
	VB_KEY(description, VB_K_STR),
	VB_KEY(arch, VB_K_ARCH),
	VB_KEY(cpu, VB_K_STR),
	VB_KEY(cflags, VB_K_STR),
	VB_KEY(ram_base, VB_K_U64),
	VB_KEY(ram_size, VB_K_U64),
	VB_KEY(test_base, VB_K_U64),
	VB_KEY(test_size, VB_K_U64),
	VB_KEY(load_addr, VB_K_U64),
	VB_KEY(uart, VB_K_UART),
	VB_KEY(uart_base, VB_K_U64),
	VB_KEY(uart_reg_shift, VB_K_U64),
	VB_KEY(uart_reg_width, VB_K_U64),
	VB_KEY(gicd_size, VB_K_U64),
	VB_KEY(gicc_size, VB_K_U64),
	VB_KEY(gich_size, VB_K_U64),
	VB_KEY(gicv_size, VB_K_U64),
	VB_KEY(gicr_size, VB_K_U64),
	VB_KEY(validated, VB_K_VALIDATED),
	VB_KEY(gic_version, VB_K_GIC),
	VB_KEY(gicd_base, VB_K_U64),
	VB_KEY(gicc_base, VB_K_U64),
	VB_KEY(gich_base, VB_K_U64),
	VB_KEY(gicv_base, VB_K_U64),
	VB_KEY(gicr_base, VB_K_U64),
	VB_KEY(timer, VB_K_STR),
	VB_KEY(granules, VB_K_GRANULES),
	VB_KEY(pmu_events, VB_K_STR),
	VB_KEY(vdev_ipa, VB_K_U64),
	VB_KEY(emulated, VB_K_YESNO),
	VB_KEY(halt, VB_K_HALT),
	VB_KEY(launch, VB_K_LAUNCH),
	VB_KEY(qemu, VB_K_STR),
	VB_KEY(serial, VB_K_STR),
	VB_KEY(remote, VB_K_STR),
	VB_KEY(baud, VB_K_U64),
	VB_KEY(boot, VB_K_BOOT),
	VB_KEY(boot_notes, VB_K_STR),
	VB_KEY(uboot_load, VB_K_STR),
	VB_KEY(uboot_before, VB_K_STR),
	VB_KEY(uboot_prompt, VB_K_STR),
	VB_KEY(uboot_start, VB_K_UBOOT_START),
	VB_KEY(uboot_scratch, VB_K_U64),
	VB_KEY(params_via, VB_K_PARAMS_VIA),
};

#define VB_NKEYS (sizeof(vb_keys) / sizeof(vb_keys[0]))

/* What one file said: which keys, on which line. */
struct vb_seen {
	unsigned line[VB_NKEYS]; /* 0: absent */
	bool empty[VB_NKEYS];
};

static const struct vb_key *vb_key_find(const char *name)
{
	for (size_t i = 0; i < VB_NKEYS; i++)
		if (!strcmp(vb_keys[i].name, name))
			return &vb_keys[i];
	return NULL;
}

/* One of `words` ("a|b|c"), as its index; -1 otherwise. */
static int vb_word(const char *v, const char *words)
{
	int i = 0;

	for (const char *w = words;; i++) {
		size_t n = strcspn(w, "|");

		if (strlen(v) == n && !strncmp(v, w, n))
			return i;
		if (!w[n])
			return -1;
		w += n + 1;
	}
}

/* "4k 64k" as VB_GRANULE_* bits. */
static int vb_granules(const char *v, uint32_t *out)
{
	*out = 0;
	while (*v) {
		size_t n = strcspn(v, " \t");
		char w[8];
		int g;

		if (n >= sizeof(w))
			return -1;
		memcpy(w, v, n);
		w[n] = '\0';
		g = vb_word(w, "4k|16k|64k");
		if (g < 0)
			return -1;
		*out |= 1u << g;
		v += n;
		v += strspn(v, " \t");
	}
	return 0;
}

static int vb_key_set(struct vb_target *t, const struct vb_key *k, const char *v, unsigned lineno,
		      struct vb_error *e)
{
	char *field = (char *)t + k->off;
	int w = 0;

	switch (k->type) {
	case VB_K_STR:
		free(*(char **)field);
		*(char **)field = vb_xstrdup(v);
		return 0;
	case VB_K_U64:
		if (vb_parse_u64(v, (uint64_t *)field))
			return vb_fail(e, "%s:%u: %s = %s is not a number", t->path, lineno,
				       k->name, v);
		return 0;
	case VB_K_GIC:
		w = vb_word(v, "2|3");
		t->gic_version = (unsigned)w + 2;
		break;
	case VB_K_ARCH:
		w = vb_word(v, "armv7|armv8");
		t->arch = (enum vb_arch)w;
		break;
	case VB_K_YESNO:
		w = vb_word(v, "no|yes");
		t->emulated = w == 1;
		break;
	case VB_K_HALT:
		w = vb_word(v, "psci-off|wait");
		t->halt = (enum vb_halt)w;
		break;
	case VB_K_LAUNCH:
		w = vb_word(v, "qemu|serial|kvm");
		t->launch = (enum vb_launch_kind)w;
		break;
	case VB_K_GRANULES:
		w = vb_granules(v, &t->granules);
		free(t->granules_text);
		t->granules_text = vb_xstrdup(v);
		break;
	case VB_K_UART: /* a driver common/uart_<name>.c */
		w = vb_word(v, "pl011|cadence|ns16550");
		free(t->uart);
		t->uart = vb_xstrdup(v);
		break;
	case VB_K_VALIDATED:
		w = vb_word(v, "untested|uart-only|qemu-model");
		t->validated = (enum vb_validated)w;
		break;
	case VB_K_PARAMS_VIA:
		w = vb_word(v, "loader|serial");
		t->params_via = (enum vb_params_via)w;
		break;
	case VB_K_BOOT:
		w = vb_word(v, "manual|uboot");
		t->boot = (enum vb_boot)w;
		break;
	case VB_K_UBOOT_START:
		w = vb_word(v, "go|bootm");
		t->uboot_start = (enum vb_uboot_start)w;
		break;
	}
	if (w < 0) {
		static const char *const expect[] = {
			[VB_K_GIC] = "2 or 3",
			[VB_K_ARCH] = "armv7 or armv8",
			[VB_K_YESNO] = "yes or no",
			[VB_K_HALT] = "psci-off or wait",
			[VB_K_LAUNCH] = "qemu, serial or kvm",
			[VB_K_GRANULES] = "granules from 4k 16k 64k, separated by blanks",
			[VB_K_UART] = "pl011, cadence or ns16550 (a driver common/uart_<name>.c)",
			[VB_K_VALIDATED] = "qemu-model, uart-only or untested",
			[VB_K_PARAMS_VIA] = "loader or serial",
			[VB_K_BOOT] = "manual or uboot (the words for people go in boot_notes)",
			[VB_K_UBOOT_START] = "go or bootm",
		};

		return vb_fail(e, "%s:%u: %s = %s: expected %s", t->path, lineno, k->name, v,
			       expect[k->type]);
	}
	return 0;
}

static int vb_parse_line(struct vb_target *t, struct vb_seen *seen, char *line, unsigned lineno,
			 struct vb_error *e)
{
	char *hash = strchr(line, '#'), *eq, *key, *val;
	const struct vb_key *k;
	size_t i;

	if (hash)
		*hash = '\0'; /* as in make, which reads the same file */
	line = vb_trim(line);
	if (!*line)
		return 0;
	eq = strchr(line, '=');
	if (!eq)
		return vb_fail(e, "%s:%u: expected 'key = value'", t->path, lineno);
	*eq = '\0';
	key = vb_trim(line);
	val = vb_trim(eq + 1);
	if (!*key)
		return vb_fail(e, "%s:%u: empty key", t->path, lineno);
	k = vb_key_find(key);
	if (!k)
		return vb_fail(e, "%s:%u: unknown key '%s' (docs/targets.md lists the keys)",
			       t->path, lineno, key);
	i = (size_t)(k - vb_keys);
	if (seen->line[i])
		return vb_fail(e, "%s:%u: key '%s' given twice (first on line %u)", t->path, lineno,
			       key, seen->line[i]);
	seen->line[i] = lineno;
	seen->empty[i] = !*val;
	/* an empty value is an absent key: a GIC without that frame, no cflags */
	return *val ? vb_key_set(t, k, val, lineno, e) : 0;
}

/* A key that must have a value. */
static int vb_need(const struct vb_target *t, const struct vb_seen *seen, const char *key,
		   struct vb_error *e)
{
	size_t i = (size_t)(vb_key_find(key) - vb_keys);

	if (!seen->line[i] || seen->empty[i])
		return vb_fail(e, "%s: missing key '%s'%s", t->path, key,
			       seen->line[i] ? " (it is empty)" : "");
	return 0;
}

void vb_target_board(const struct vb_target *t, struct vb_board *b)
{
	*b = (struct vb_board){
		.ram_base = t->ram_base,
		.ram_size = t->ram_size,
		.load_addr = t->load_addr,
		.test_base = t->test_base,
		.test_size = t->test_size,
		.uart_base = t->uart_base,
		.vdev_ipa = t->vdev_ipa,
		.gic_version = t->gic_version,
		.gic = { { t->gicd_base, t->gicd_size },
			 { t->gicc_base, t->gicc_size },
			 { t->gich_base, t->gich_size },
			 { t->gicv_base, t->gicv_size },
			 { t->gicr_base, t->gicr_size } },
	};
}

/* "gicv_base = 0xff846000: rounded to the granule exposes gich_base" */
static int vb_board_fail(const struct vb_target *t, const struct vb_board *b,
			 struct board_problem p, const char *granule, struct vb_error *e)
{
	char why[128];

	snprintf(why, sizeof(why), "%s", p.why);
	for (char *c = why; *c; c++)
		if (*c == '_')
			*c = ' ';
	return vb_fail(e, "%s: %s = 0x%llx: %s%s%s%s%s", t->path, p.key,
		       (unsigned long long)board_key_value(b, p.key), why, p.other ? " " : "",
		       p.other ? p.other : "", granule ? " with " : "", granule ? granule : "");
}

/* The memory map, as the build checks it: alone, then with each granule the file lists. */
static int vb_target_layout(const struct vb_target *t, struct vb_error *e)
{
	static const char *const names[] = { "4k granules", "16k granules", "64k granules" };
	struct vb_board b;
	struct board_problem p;

	vb_target_board(t, &b);
	p = board_check(&b);
	if (!p.ok)
		return vb_board_fail(t, &b, p, NULL, e);
	for (unsigned i = 0; i < 3; i++) {
		if (!(t->granules ? t->granules & (1u << i) : i == 0))
			continue;
		p = board_check_granule(&b, 12 + 2 * i);
		if (!p.ok)
			return vb_board_fail(t, &b, p, names[i], e);
	}
	return 0;
}

int vb_target_stage_check(const struct vb_target *t, const struct vb_stage_cfg *c, int stage2,
			  struct vb_error *e)
{
	struct xlat x;
	struct vb_board b;
	struct board_problem p;
	char name[24];

	if (xlat_resolve(c, stage2, t->arch == VB_ARCH_ARMV7 ? XLAT_ARMV7 : XLAT_ARMV8, &x))
		return 0; /* the configuration's own check says what is wrong */
	vb_target_board(t, &b);
	p = board_check_granule(&b, x.geom.granule_shift);
	if (!p.ok) {
		xlat_size_name(name, (uint64_t)1 << x.geom.granule_shift);
		strcat(name, " granules");
		return vb_board_fail(t, &b, p, name, e);
	}
	p = board_check_mapping(&b, x.mapping);
	if (!p.ok) {
		xlat_size_name(name, x.mapping);
		strcat(name, " mappings");
		return vb_board_fail(t, &b, p, name, e);
	}
	return 0;
}

/*
 * What vbench needs present. QEMU boots an image built from this same file, so
 * launch = qemu needs every key mk/image.mk requires for the build: a file
 * without them cannot have built the image about to run (it changed since, or
 * the image is another file's), and the machine QEMU emulates is described
 * nowhere else. A board's file is checked by its build; vbench reads only the
 * serial line.
 */
static int vb_target_check(struct vb_target *t, const struct vb_seen *seen, struct vb_error *e)
{
	static const char *const need[] = { "arch",	"cpu",	    "ram_base",
					    "ram_size", "emulated", "launch" };
	static const char *const need_qemu[] = {
		"qemu",	     "test_base",   "test_size", "uart",
		"uart_base", "gic_version", "halt",	 "vdev_ipa"
	};
	static const char *const frame[] = { "gicd", "gicc", "gich", "gicv", "gicr" };

	for (size_t i = 0; i < sizeof(need) / sizeof(need[0]); i++)
		if (vb_need(t, seen, need[i], e))
			return -1;
	/* a frame is a base and a size: one without the other is a mistake */
	for (size_t i = 0; i < sizeof(frame) / sizeof(frame[0]); i++) {
		char base[16], size[16];
		size_t bi, si;

		snprintf(base, sizeof(base), "%s_base", frame[i]);
		snprintf(size, sizeof(size), "%s_size", frame[i]);
		bi = (size_t)(vb_key_find(base) - vb_keys);
		si = (size_t)(vb_key_find(size) - vb_keys);
		if ((seen->line[bi] && !seen->empty[bi]) != (seen->line[si] && !seen->empty[si]))
			return vb_fail(e, "%s: '%s' is given but '%s' is missing", t->path,
				       seen->line[bi] && !seen->empty[bi] ? base : size,
				       seen->line[bi] && !seen->empty[bi] ? size : base);
	}
	/* what common/uart_ns16550.c can do: Linux's reg-io-width 1 or 4, reg-shift 0 to 4 */
	if (seen->line[vb_key_find("uart_reg_width") - vb_keys] && t->uart_reg_width != 1 &&
	    t->uart_reg_width != 4)
		return vb_fail(e, "%s:%u: uart_reg_width = %llu: expected 1 or 4", t->path,
			       seen->line[vb_key_find("uart_reg_width") - vb_keys],
			       (unsigned long long)t->uart_reg_width);
	if (t->uart_reg_shift > 4)
		return vb_fail(e, "%s:%u: uart_reg_shift = %llu: expected 0 to 4", t->path,
			       seen->line[vb_key_find("uart_reg_shift") - vb_keys],
			       (unsigned long long)t->uart_reg_shift);
	if (!seen->line[vb_key_find("load_addr") - vb_keys])
		t->load_addr = t->ram_base;
	if (t->boot == VB_BOOT_UBOOT) {
		/* U-Boot starts the image with nothing beside it: the parameters come on the line */
		if (seen->line[vb_key_find("params_via") - vb_keys] &&
		    t->params_via != VB_PARAMS_SERIAL)
			return vb_fail(e,
				       "%s:%u: params_via = loader: with boot = uboot the "
				       "parameters can only come over the serial line",
				       t->path, seen->line[vb_key_find("params_via") - vb_keys]);
		t->params_via = VB_PARAMS_SERIAL;
		if (t->uboot_start == VB_UBOOT_BOOTM &&
		    (vb_need(t, seen, "uboot_scratch", e) ||
		     t->uboot_scratch - t->ram_base >= t->ram_size))
			return t->uboot_scratch ?
				       vb_fail(e, "%s: uboot_scratch = 0x%llx is outside RAM",
					       t->path, (unsigned long long)t->uboot_scratch) :
				       -1;
	}
	if (t->launch == VB_LAUNCH_SERIAL) {
		t->params_via = VB_PARAMS_SERIAL; /* a board has nothing else */
		if (vb_need(t, seen, "serial", e) || vb_need(t, seen, "baud", e))
			return -1;
	} else if (t->launch == VB_LAUNCH_KVM) {
		/* vbench-vmm's arguments: the guest's memory map and devices (launch/kvm.c) */
		static const char *const need_kvm[] = { "uart_base", "gic_version", "vdev_ipa" };

		t->params_via = VB_PARAMS_LOADER; /* params.bin goes with the image */
		for (size_t i = 0; i < sizeof(need_kvm) / sizeof(need_kvm[0]); i++)
			if (vb_need(t, seen, need_kvm[i], e))
				return -1;
		if (t->arch != VB_ARCH_ARMV8)
			return vb_fail(
				e, "%s: launch = kvm needs arch = armv8 (KVM runs arm64 guests)",
				t->path);
	} else {
		for (size_t i = 0; i < sizeof(need_qemu) / sizeof(need_qemu[0]); i++)
			if (vb_need(t, seen, need_qemu[i], e))
				return -1;
	}
	/* the keys are there: now the memory map they make */
	return seen->line[vb_key_find("uart_base") - vb_keys] ? vb_target_layout(t, e) : 0;
}

/* Absent strings read as "", so no user of the structure tests for NULL. */
static void vb_target_fill(struct vb_target *t)
{
	for (size_t i = 0; i < VB_NKEYS; i++) {
		char **s = (char **)((char *)t + vb_keys[i].off);

		if ((vb_keys[i].type == VB_K_STR || vb_keys[i].type == VB_K_UART) && !*s)
			*s = vb_xstrdup("");
	}
	if (!t->granules_text)
		t->granules_text = vb_xstrdup("");
}

const char *vb_arch_name(enum vb_arch a)
{
	return a == VB_ARCH_ARMV7 ? "armv7" : "armv8";
}

int vb_target_load(struct vb_target *t, const char *root, const char *name, struct vb_error *e)
{
	char dir[PATH_MAX], known[512], line[4096];
	unsigned lineno = 0;
	struct vb_seen seen = { 0 };
	FILE *f;
	int ret = 0;

	memset(t, 0, sizeof(*t));
	if (!vb_name_ok(name))
		return vb_fail(e, "bad target name '%s'", name);
	snprintf(t->name, sizeof(t->name), "%s", name);
	if (snprintf(dir, sizeof(dir), "%s/bench/targets", root) >= (int)sizeof(dir) ||
	    snprintf(t->path, sizeof(t->path), "%s/%s.conf", dir, name) >= (int)sizeof(t->path))
		return vb_fail(e, "path too long under %s", root);
	if (access(dir, F_OK))
		return vb_fail(e,
			       "unknown target '%s': no folder %s (is %s the source root? "
			       "--root or VBENCH_ROOT say where it is)",
			       name, dir, root);
	f = fopen(t->path, "r");
	if (!f) {
		int err = errno;

		vb_list_names(dir, ".conf", known, sizeof(known));
		return vb_fail(e, "unknown target '%s': cannot open %s: %s%s%s", name, t->path,
			       strerror(err), known[0] ? "; targets: " : "", known);
	}
	while (!ret && fgets(line, sizeof(line), f)) {
		lineno++;
		if (!strchr(line, '\n') && !feof(f))
			ret = vb_fail(e, "%s:%u: line too long", t->path, lineno);
		else
			ret = vb_parse_line(t, &seen, line, lineno, e);
	}
	if (!ret && ferror(f))
		ret = vb_fail(e, "reading %s: %s", t->path, strerror(errno));
	fclose(f);
	if (!ret)
		ret = vb_target_check(t, &seen, e);
	vb_target_fill(t);
	if (ret)
		vb_target_free(t);
	return ret;
}

void vb_target_free(struct vb_target *t)
{
	for (size_t i = 0; i < VB_NKEYS; i++) {
		char **str = (char **)((char *)t + vb_keys[i].off);

		if (vb_keys[i].type == VB_K_STR || vb_keys[i].type == VB_K_UART) {
			free(*str);
			*str = NULL;
		}
	}
	free(t->granules_text);
	t->granules_text = NULL;
}
