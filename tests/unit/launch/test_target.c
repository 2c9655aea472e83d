/* Target files: bench/targets/<name>.conf (docs/targets.md). */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include "helpers.h"
#include "launch/target.h"

#define GOOD                                          \
	"# a comment\n"                               \
	"\n"                                          \
	"description = A board  # trailing comment\n" \
	"arch        = armv8\n"                       \
	"cpu=cortex-a53\n"                            \
	"  ram_base  =  0x40000000  \n"               \
	"ram_size    = 0x10000000\n"                  \
	"gicr_base   =\n"                             \
	"emulated    = no\n"                          \
	"launch      = serial\n"                      \
	"serial      = /dev/ttyUSB0\n"                \
	"baud        = 115200\n"

/* A root folder holding bench/targets/<name>.conf with `text`. */
static char *make_root(const char *name, const char *text)
{
	char *root = vbt_tmpdir(), *dir = vb_xasprintf("%s/bench", root), *path;

	mkdir(dir, 0777);
	free(dir);
	dir = vb_xasprintf("%s/bench/targets", root);
	mkdir(dir, 0777);
	path = vb_xasprintf("%s/%s.conf", dir, name);
	vbt_write(path, text);
	free(path);
	free(dir);
	return root;
}

static void test_good_file(void **state)
{
	char *root = make_root("board", GOOD);
	struct vb_target t;
	struct vb_error e;

	(void)state;
	assert_int_equal(vb_target_load(&t, root, "board", &e), 0);
	assert_string_equal(t.description, "A board");
	assert_string_equal(t.cpu, "cortex-a53");
	assert_int_equal(t.arch, VB_ARCH_ARMV8);
	assert_int_equal(t.ram_base, 0x40000000);
	assert_int_equal(t.ram_size, 0x10000000);
	assert_int_equal(t.gicr_base, 0); /* empty: the GIC has no such frame */
	assert_false(t.emulated);
	assert_int_equal(t.launch, VB_LAUNCH_SERIAL);
	assert_string_equal(t.serial, "/dev/ttyUSB0");
	assert_int_equal(t.baud, 115200);
	assert_string_equal(t.qemu, ""); /* absent */
	assert_int_equal(t.granules, 0);
	vb_target_free(&t);
	vbt_rmdir(root);
}

static void expect_bad(const char *text, const char *msg)
{
	char *root = make_root("board", text);
	struct vb_target t;
	struct vb_error e;

	assert_int_equal(vb_target_load(&t, root, "board", &e), -1);
	vbt_contains(e.msg, "/bench/targets/board.conf");
	vbt_contains(e.msg, msg);
	vbt_rmdir(root);
}

/* launch = kvm: a Linux host runs vbench-vmm; remote is its command prefix ("" here). */
#define KVM_HOST                                                                         \
	"arch = armv8\ncpu = cortex-a72\nram_base = 0x40000000\nram_size = 0x80000000\n" \
	"test_base = 0x80000000\ntest_size = 0x40000000\nuart = pl011\n"                 \
	"uart_base = 0x09000000\ngic_version = 3\ngicd_base = 0x08000000\n"              \
	"gicd_size = 0x10000\ngicr_base = 0x080a0000\ngicr_size = 0x20000\n"             \
	"emulated = no\nlaunch = kvm\n"

static void test_launch_kvm(void **state)
{
	char *root = make_root("host", KVM_HOST "vdev_ipa = 0x0c000000\nremote = ssh board\n");
	struct vb_target t;
	struct vb_error e;

	(void)state;
	assert_int_equal(vb_target_load(&t, root, "host", &e), 0);
	assert_int_equal(t.launch, VB_LAUNCH_KVM);
	assert_string_equal(t.remote, "ssh board");
	assert_int_equal(t.params_via, VB_PARAMS_LOADER);
	vb_target_free(&t);
	vbt_rmdir(root);
	root = make_root("host", KVM_HOST "vdev_ipa = 0x0c000000\n");
	assert_int_equal(vb_target_load(&t, root, "host", &e), 0);
	assert_string_equal(t.remote, ""); /* absent: this machine is the KVM host */
	vb_target_free(&t);
	vbt_rmdir(root);
	/* vbench-vmm emulates hyp-min's device there: without its address, no mmio rows */
	expect_bad(KVM_HOST, "vdev_ipa");
}

static void test_missing_key(void **state)
{
	char text[sizeof(GOOD)];

	(void)state;
	/* Drop the cpu line. */
	strcpy(text, GOOD);
	memmove(strstr(text, "cpu="), strstr(text, "  ram_base"),
		strlen(strstr(text, "  ram_base")) + 1);
	expect_bad(text, "missing key 'cpu'");
	strcpy(text, GOOD);
	*strstr(text, "baud") = '#';
	expect_bad(text, "missing key 'baud'");
	expect_bad(GOOD "launch = qemu\n",
		   "board.conf:13: key 'launch' given twice (first on line 10)");
	expect_bad(GOOD "ram_bsae = 0\n", "board.conf:13: unknown key 'ram_bsae'");
	expect_bad(GOOD "halt = maybe\n", "halt = maybe: expected psci-off or wait");
	expect_bad(GOOD "granules = 4k 8k\n", "granules = 4k 8k: expected granules");
	strcpy(text, GOOD);
	memcpy(strstr(text, "armv8"), "armv9", 5);
	expect_bad(text, "board.conf:4: arch = armv9: expected armv7 or armv8");
	strcpy(text, GOOD);
	memcpy(strstr(text, "= no"), "= ok", 4);
	expect_bad(text, "emulated = ok: expected yes or no");
	expect_bad(GOOD "nonsense\n", "board.conf:13: expected 'key = value'");
	expect_bad("arch=armv8\ncpu=x\nram_base=0x0\nram_size=lots\nemulated=no\nlaunch=qemu\n",
		   "ram_size = lots is not a number");
	expect_bad("arch=armv8\ncpu=x\nram_base=0x0\nram_size=0x100000\nemulated=no\nlaunch=qemu\n",
		   "missing key 'qemu'");
	expect_bad("arch=armv8\ncpu=x\nram_base=0\nram_size=1\nemulated=no\nlaunch=jtag\n",
		   "launch = jtag: expected qemu, serial or kvm");
}

static void test_unknown_target(void **state)
{
	char *root = make_root("board", GOOD);
	struct vb_target t;
	struct vb_error e;

	(void)state;
	assert_int_equal(vb_target_load(&t, root, "nosuch", &e), -1);
	vbt_contains(e.msg, "unknown target 'nosuch'");
	vbt_contains(e.msg, "/bench/targets/nosuch.conf");
	vbt_contains(e.msg, "targets: board");
	assert_int_equal(vb_target_load(&t, root, "../board", &e), -1);
	vbt_contains(e.msg, "bad target name");
	vbt_rmdir(root);
}

static void test_repository_targets(void **state)
{
	const char *names[] = { "qemu-a15", "qemu-a53", "qemu-a72" };
	struct vb_target t;
	struct vb_error e;
	char gic[32];

	(void)state;
	for (size_t i = 0; i < sizeof(names) / sizeof(names[0]); i++) {
		if (vb_target_load(&t, VB_SRC_ROOT, names[i], &e))
			fail_msg("%s", e.msg);
		assert_int_equal(t.launch, VB_LAUNCH_QEMU);
		assert_non_null(strstr(t.qemu, t.cpu));
		/* the images are built for the GIC QEMU is told to emulate */
		snprintf(gic, sizeof(gic), "gic-version=%u", t.gic_version);
		assert_non_null(strstr(t.qemu, gic));
		assert_true(t.granules & VB_GRANULE_4K);
		vb_target_free(&t);
	}
}

/*
 * A QEMU target without a key the image's build needs: that file cannot have
 * built the image QEMU is about to boot. Each such key of a repository file,
 * removed in turn, is refused by name.
 */
static void test_qemu_needs_build_keys(void **state)
{
	static const char *const keys[] = { "uart_base",   "uart",     "test_base", "test_size",
					    "gic_version", "vdev_ipa", "halt",	    "qemu" };
	char *path = vb_xasprintf("%s/bench/targets/qemu-a72.conf", VB_SRC_ROOT);
	char *conf = vbt_read(path);

	(void)state;
	assert_non_null(conf);
	for (size_t i = 0; i < sizeof(keys) / sizeof(keys[0]); i++) {
		char *text = vb_xstrdup(conf), *line = text, *msg;
		size_t n = strlen(keys[i]);

		/* comment the key's line out: "uart_base   = ..." becomes "#art_base ..." */
		while (line && !(!strncmp(line, keys[i], n) && (line[n] == ' ' || line[n] == '=')))
			line = (line = strchr(line, '\n')) ? line + 1 : NULL;
		assert_non_null(line);
		*line = '#';
		msg = vb_xasprintf("missing key '%s'", keys[i]);
		expect_bad(text, msg);
		free(msg);
		free(text);
	}
	free(conf);
	free(path);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_good_file),
		cmocka_unit_test(test_missing_key),
		cmocka_unit_test(test_launch_kvm),
		cmocka_unit_test(test_unknown_target),
		cmocka_unit_test(test_repository_targets),
		cmocka_unit_test(test_qemu_needs_build_keys),
	};

	return cmocka_run_group_tests_name("target", tests, NULL, NULL);
}
