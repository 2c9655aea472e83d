/*
 * Board memory maps (common/board.c) as target files give them: the tables
 * the images would build for the Raspberry Pi 4 (4 KiB GIC frames, RAM at 0,
 * GICv2), walked on the host, and layouts that must be refused with the key
 * named, by vbench and by the build.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include "helpers.h"
#include "launch/target.h"
#include "vb/board.h"
#include "vb/params.h"
#include "vb/pgtable.h"

#define POOL_PA 0x100000000ULL /* where the walker believes the tables are: outside the map */

struct tables {
	struct pt_pool pool;
	struct pt pt;
};

/* Builds the regions as the images do: the granule's pages, the mapping over the test window. */
static void build(struct tables *t, unsigned granule_shift, unsigned start, uint64_t mapping,
		  const struct board_region *r, unsigned n)
{
	const struct pt_geom g = { granule_shift, 32, start };

	t->pool.base = aligned_alloc(1 << 16, 8 << 20);
	t->pool.base_pa = POOL_PA;
	t->pool.size = 8 << 20;
	t->pool.used = 0;
	assert_int_equal(pt_init(&t->pt, &g, &t->pool), PT_OK);
	for (unsigned i = 0; i < n; i++) {
		uint64_t leaf = r[i].leaf == BOARD_LEAF_MAPPING ? mapping :
				r[i].leaf == BOARD_LEAF_2M	? 0x200000 :
								  (uint64_t)1 << granule_shift;

		assert_int_equal(pt_map(&t->pt, r[i].in, r[i].out, r[i].size, leaf,
					r[i].mem == BOARD_DEVICE ? PTE_XN : 0),
				 PT_OK);
	}
}

static void maps(struct tables *t, uint64_t in, uint64_t out, int device)
{
	struct pt_walk w;

	if (pt_walk(&t->pt, in, &w))
		fail_msg("0x%llx is not mapped", (unsigned long long)in);
	if (w.pa != out)
		fail_msg("0x%llx maps to 0x%llx, not 0x%llx", (unsigned long long)in,
			 (unsigned long long)w.pa, (unsigned long long)out);
	assert_int_equal(!!(w.desc & PTE_XN), device);
}

static void unmapped(struct tables *t, uint64_t in)
{
	struct pt_walk w;

	if (!pt_walk(&t->pt, in, &w))
		fail_msg("0x%llx is mapped (to 0x%llx)", (unsigned long long)in,
			 (unsigned long long)w.pa);
}

static void load(struct vb_target *t, const char *root, const char *name)
{
	struct vb_error e;

	if (vb_target_load(t, root, name, &e))
		fail_msg("%s", e.msg);
}

/* The Pi 4: GICD 0xff841000, GICC 0xff842000, GICH 0xff844000, GICV 0xff846000, 4 KiB apart. */
static void test_rpi4_tables(void **state)
{
	struct board_region r[BOARD_MAX_REGIONS];
	struct vb_target t;
	struct vb_board b;
	struct tables s1, s2, hyp;

	(void)state;
	load(&t, VB_SRC_ROOT, "rpi4");
	vb_target_board(&t, &b);
	assert_int_equal(b.ram_base, 0);
	assert_int_equal(b.load_addr, 0x80000);
	assert_true(board_check_granule(&b, 12).ok);

	/* stage 2: guest RAM from load_addr + 8 MiB; the guest's GICC is GICV; nothing else of the GIC */
	build(&s2, 12, 1, 0x1000, r, board_s2_regions(&b, 12, r));
	unmapped(&s2, 0x0);	 /* RAM at 0: below hyp-min, not the guest's */
	unmapped(&s2, 0x80000);	 /* hyp-min */
	unmapped(&s2, 0x87ffff); /* its last byte */
	maps(&s2, 0x880000, 0x880000, 0);
	maps(&s2, 0x40000000, 0x40000000, 0); /* the test window */
	maps(&s2, 0x7ffff000, 0x7ffff000, 0);
	unmapped(&s2, 0x80000000);
	unmapped(&s2, 0xfe201000); /* the PL011: the guest's console traps (docs/security.md) */
	maps(&s2, 0xff842000, 0xff846000, 1); /* GICC -> GICV, both pages */
	maps(&s2, 0xff843ffc, 0xff847ffc, 1);
	unmapped(&s2, 0xff841000); /* GICD: emulated, not passed through */
	unmapped(&s2, 0xff844000); /* GICH: hyp-min's alone */
	unmapped(&s2, 0xff845000);
	unmapped(&s2, 0xff846000); /* GICV only behind the guest's GICC address */
	unmapped(&s2, 0xff848000);
	unmapped(&s2, t.vdev_ipa); /* hyp-min's emulated device: every access traps */

	/* stage 1: all RAM from 0, the UART, the device page, GICD and GICC, not GICH */
	build(&s1, 12, 1, 0x1000, r, board_s1_regions(&b, 12, r));
	maps(&s1, 0x0, 0x0, 0);
	maps(&s1, 0x80000, 0x80000, 0);
	maps(&s1, 0x7ffff000, 0x7ffff000, 0);
	maps(&s1, 0xff841000, 0xff841000, 1);
	maps(&s1, 0xff843000, 0xff843000, 1);
	unmapped(&s1, 0xff840000);
	unmapped(&s1, 0xff844000);
	maps(&s1, t.vdev_ipa, t.vdev_ipa, 1);

	/* hyp-min's EL2 tables: RAM from 0 in 2 MiB blocks, every frame in pages */
	build(&hyp, 12, 1, 0x1000, r, board_hyp_regions(&b, r));
	maps(&hyp, 0x0, 0x0, 0);
	maps(&hyp, 0x7fe00000, 0x7fe00000, 0);
	maps(&hyp, 0xff844000, 0xff844000, 1);
	maps(&hyp, 0xff847000, 0xff847000, 1);
	unmapped(&hyp, 0xff848000);

	free(s1.pool.base);
	free(s2.pool.base);
	free(hyp.pool.base);
	vb_target_free(&t);
}

/* With 64 KiB pages the Pi 4's GICV page would also hold GICD, GICC and GICH. */
static void test_rpi4_refuses_64k(void **state)
{
	struct vb_stage_cfg c = { .granule = 0x10000 };
	struct vb_target t;
	struct vb_board b;
	struct vb_error e;
	struct board_problem p;

	(void)state;
	load(&t, VB_SRC_ROOT, "rpi4");
	vb_target_board(&t, &b);
	p = board_check_granule(&b, 16);
	assert_false(p.ok);
	assert_string_equal(p.key, "gicv_base");
	assert_int_equal(vb_target_stage_check(&t, &c, 1, &e), -1);
	vbt_contains(e.msg, "rpi4.conf: gicv_base = 0xff846000: not aligned to granule with 64k");
	vb_target_free(&t);
}

/* The board targets in the tree load, and their maps hold for every granule they list. */
static void test_board_targets(void **state)
{
	static const char *const names[] = { "zcu102", "vexpress-a15", "orangepi-pc", "rpi4" };
	static const enum vb_validated proven[] = { VB_VALIDATED_QEMU_MODEL,
						    VB_VALIDATED_QEMU_MODEL, VB_VALIDATED_UART_ONLY,
						    VB_VALIDATED_UNTESTED };
	struct vb_target t;

	(void)state;
	for (size_t i = 0; i < sizeof(names) / sizeof(names[0]); i++) {
		load(&t, VB_SRC_ROOT, names[i]);
		assert_int_equal(t.validated, proven[i]);
		/* a board's file is the board: its serial line, its numbers not emulated */
		assert_int_equal(t.launch, VB_LAUNCH_SERIAL);
		assert_false(t.emulated);
		assert_true(strstr(t.boot_notes, "docs/boards.md") != NULL); /* how to start it */
		/* QEMU's model where QEMU 7.2 has one (vbench run --qemu) */
		assert_int_equal(!!*t.qemu, proven[i] != VB_VALIDATED_UNTESTED);
		vb_target_free(&t);
	}
	/* zcu102's 64 KiB-spaced frames map with 64 KiB pages, GICV's 128 KiB and nothing more */
	load(&t, VB_SRC_ROOT, "zcu102");
	{
		struct board_region r[BOARD_MAX_REGIONS];
		struct vb_board b;
		struct tables s2;

		vb_target_board(&t, &b);
		build(&s2, 16, 2, 0x10000, r, board_s2_regions(&b, 16, r));
		maps(&s2, 0xf9020000, 0xf9060000, 1);
		maps(&s2, 0xf9030000, 0xf9070000, 1); /* the second page, 64 KiB on */
		unmapped(&s2, 0xf9040000);	      /* GICH */
		unmapped(&s2, 0x0);		      /* RAM at 0: hyp-min's */
		maps(&s2, 0x800000, 0x800000, 0);
		free(s2.pool.base);
	}
	vb_target_free(&t);
}

/* A target whose map the images cannot build: refused on load, the key named. */
#define BASE BASE_NO_UART "uart_base = 0x09000000\n"
#define BASE_NO_UART               \
	"arch = armv8\n"           \
	"cpu = cortex-a53\n"       \
	"ram_base = 0x40000000\n"  \
	"ram_size = 0x80000000\n"  \
	"test_base = 0x80000000\n" \
	"test_size = 0x40000000\n" \
	"uart = pl011\n"           \
	"vdev_ipa = 0x0c000000\n"  \
	"gic_version = 2\n"        \
	"emulated = yes\n"         \
	"halt = psci-off\n"        \
	"launch = qemu\n"          \
	"qemu = qemu-system-aarch64\n"

static char *make_root(const char *text)
{
	char *root = vbt_tmpdir(), *dir = vb_xasprintf("%s/bench", root), *path;

	mkdir(dir, 0777);
	free(dir);
	dir = vb_xasprintf("%s/bench/targets", root);
	mkdir(dir, 0777);
	path = vb_xasprintf("%s/board.conf", dir);
	vbt_write(path, text);
	free(path);
	free(dir);
	return root;
}

static void expect_refused_with(const char *base, const char *frames, const char *msg)
{
	char *text = vb_xasprintf("%s%s", base, frames), *root = make_root(text);
	struct vb_target t;
	struct vb_error e;

	if (!vb_target_load(&t, root, "board", &e))
		fail_msg("accepted: %s", frames);
	vbt_contains(e.msg, "/bench/targets/board.conf");
	vbt_contains(e.msg, msg);
	free(text);
	vbt_rmdir(root);
}

static void expect_refused(const char *frames, const char *msg)
{
	expect_refused_with(BASE, frames, msg);
}

#define V2_OK                                           \
	"gicd_base = 0x08000000\ngicd_size = 0x10000\n" \
	"gicc_base = 0x08010000\ngicc_size = 0x2000\n"  \
	"gich_base = 0x08030000\ngich_size = 0x2000\n"  \
	"gicv_base = 0x08040000\ngicv_size = 0x2000\n"

static void test_bad_layouts(void **state)
{
	char *root = make_root(BASE V2_OK "granules = 4k 64k\n");
	struct vb_target t;
	struct vb_error e;

	(void)state;
	/* the layout itself is fine */
	if (vb_target_load(&t, root, "board", &e))
		fail_msg("%s", e.msg);
	vb_target_free(&t);
	vbt_rmdir(root);

	expect_refused("gicd_base = 0x08000000\ngicd_size = 0x10000\n"
		       "gicc_base = 0x08008000\ngicc_size = 0x2000\n"
		       "gich_base = 0x08030000\ngich_size = 0x2000\n"
		       "gicv_base = 0x08040000\ngicv_size = 0x2000\n",
		       "gicc_base = 0x8008000: overlaps gicd_base");
	expect_refused(V2_OK "vdev_ipa_unused = 1\n", "unknown key 'vdev_ipa_unused'");
	expect_refused("gicd_base = 0x08000000\n",
		       "'gicd_base' is given but 'gicd_size' is missing");
	expect_refused("gicd_base = 0x08000000\ngicd_size = 0x10000\n",
		       "gicc_base = 0x0: missing for this gic version");
	/* GICV aligned, GICH in the same 64 KiB: 4k pages are fine, 64k would expose GICH */
	expect_refused("gicd_base = 0x08000000\ngicd_size = 0x10000\n"
		       "gicc_base = 0x08010000\ngicc_size = 0x2000\n"
		       "gich_base = 0x08042000\ngich_size = 0x2000\n"
		       "gicv_base = 0x08040000\ngicv_size = 0x2000\n"
		       "granules = 4k 64k\n",
		       "gicv_base = 0x8040000: rounded to the granule exposes gich_base with 64k");
	/* the UART in GICV's 64 KiB */
	expect_refused_with(BASE_NO_UART "uart_base = 0x08ff8000\n",
			    "gicd_base = 0x08000000\ngicd_size = 0x10000\n"
			    "gicc_base = 0x08010000\ngicc_size = 0x2000\n"
			    "gich_base = 0x08030000\ngich_size = 0x2000\n"
			    "gicv_base = 0x08ff0000\ngicv_size = 0x2000\n"
			    "granules = 64k\n",
			    "gicv_base = 0x8ff0000: rounded to the granule exposes uart_base");
	expect_refused(V2_OK "granules = 4k\nload_addr = 0x3fe00000\n",
		       "load_addr = 0x3fe00000: must be 64k aligned and in ram");
	expect_refused(V2_OK "uart_reg_width = 2\n", "uart_reg_width = 2: expected 1 or 4");
	expect_refused(V2_OK "validated = maybe\n",
		       "validated = maybe: expected qemu-model, uart-only or untested");
}

/* The test window must divide by the mapping: vexpress-a15's 512 MiB refuses 1 GiB blocks. */
static void test_mapping_vs_window(void **state)
{
	struct vb_stage_cfg ok = { .granule = 0x1000, .mapping = 0x200000 },
			    big = { .granule = 0x1000, .mapping = 0x40000000 };
	struct vb_target t;
	struct vb_error e;

	(void)state;
	load(&t, VB_SRC_ROOT, "vexpress-a15");
	assert_int_equal(vb_target_stage_check(&t, &ok, 1, &e), 0);
	assert_int_equal(vb_target_stage_check(&t, &big, 0, &e), -1);
	vbt_contains(e.msg, "test_base = 0xa0000000: test base and test size not multiples of the "
			    "mapping with 1g mappings");
	vb_target_free(&t);
}

/* The build runs the same checks before compiling anything (mk/board_check.c). */
static void test_build_refuses(void **state)
{
	char *root = make_root(BASE V2_OK "granules = 4k 64k\n"), *conf, *cmd, *out, *build;
	FILE *p;
	char buf[4096];
	size_t n;
	int status;

	(void)state;
	conf = vb_xasprintf("%s/bench/targets/board.conf", root);
	/* GICH in GICV's 64 KiB */
	vbt_write(conf, BASE "gicd_base = 0x08000000\ngicd_size = 0x10000\n"
			     "gicc_base = 0x08010000\ngicc_size = 0x2000\n"
			     "gich_base = 0x08042000\ngich_size = 0x2000\n"
			     "gicv_base = 0x08040000\ngicv_size = 0x2000\n"
			     "granules = 4k 64k\n");
	build = vb_xasprintf("%s/build", root);
	cmd = vb_xasprintf("make -s -C %s -f mk/image.mk TARGET=board CONF=%s BUILD=%s 2>&1",
			   VB_SRC_ROOT, conf, build);
	p = popen(cmd, "r");
	assert_non_null(p);
	n = fread(buf, 1, sizeof(buf) - 1, p);
	buf[n] = '\0';
	status = pclose(p);
	out = buf;
	assert_int_not_equal(status, 0);
	vbt_contains(out, "board.conf: gicv_base = 0x8040000: rounded to the granule exposes "
			  "gich_base with 64k granules");
	/* nothing was compiled */
	free(cmd);
	cmd = vb_xasprintf("%s/board/guest", build);
	assert_false(vbt_exists(cmd));
	free(cmd);
	free(build);
	free(conf);
	vbt_rmdir(root);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_rpi4_tables),	  cmocka_unit_test(test_rpi4_refuses_64k),
		cmocka_unit_test(test_board_targets),	  cmocka_unit_test(test_bad_layouts),
		cmocka_unit_test(test_mapping_vs_window), cmocka_unit_test(test_build_refuses),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
