/* LAVA jobs (launch/lava_job.c) and the device dictionaries kept beside the targets. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "helpers.h"
#include "launch/lava_job.h"
#include "launch/target.h"

static char *job_text(const struct vb_lava_job *j, int *ret, struct vb_error *e)
{
	char *buf = NULL;
	size_t len = 0;
	FILE *f = open_memstream(&buf, &len);

	assert_non_null(f);
	*ret = vb_lava_job_write(f, j, e);
	fclose(f);
	return buf;
}

static void test_qemu_job(void **state)
{
	struct vb_target t;
	struct vb_error e;
	struct vb_lava_job j = { .target = &t,
				 .name = "qemu-a72-virt",
				 .mode = "virt",
				 .image_url = "file:///b/qemu-a72/virt.elf",
				 .params_url = "http://lab/p/qemu-a72-virt.params.bin",
				 .deterministic = true,
				 .timeout_s = 60 };
	char *text;
	int r;

	(void)state;
	if (vb_target_load(&t, VB_SRC_ROOT, "qemu-a72", &e))
		fail_msg("%s", e.msg);
	text = job_text(&j, &r, &e);
	assert_int_equal(r, 0);
	vbt_contains(text, "device_type: qemu\n");
	vbt_contains(text, "image_arg: '-kernel {kernel} -icount shift=0,sleep=off'");
	/* params.bin where the images read it: the last 4 KiB of RAM */
	vbt_contains(text, "addr=0xbffff000,force-raw=on");
	vbt_contains(text, "url: 'http://lab/p/qemu-a72-virt.params.bin'");
	vbt_contains(text, "fixupdict: {ok: pass, na: skip, unsupported: skip}");
	free(text);
	j.deterministic = false;
	text = job_text(&j, &r, &e);
	assert_null(strstr(text, "icount"));
	free(text);
	vb_target_free(&t);
}

static void test_board_job(void **state)
{
	char *root = vbt_tmpdir(), *dir = vb_xasprintf("%s/bench/targets", root), *path, *text;
	struct vb_target t;
	struct vb_error e;
	struct vb_lava_job j = { .target = &t,
				 .name = "board-virt",
				 .mode = "virt",
				 .image_url = "http://lab/b/board/virt.bin",
				 .params_url = "http://lab/p/board-virt.params.bin",
				 .timeout_s = 60 };
	int r;

	(void)state;
	path = vb_xasprintf("mkdir -p %s", dir);
	assert_int_equal(system(path), 0);
	free(path);
	path = vb_xasprintf("%s/board.conf", dir);
	vbt_write(path, "arch = armv8\ncpu = cortex-a72\nram_base = 0x0\nram_size = 0x40000000\n"
			"emulated = no\nlaunch = serial\nserial = /dev/ttyUSB0\nbaud = 115200\n");
	if (vb_target_load(&t, root, "board", &e))
		fail_msg("%s", e.msg);
	text = job_text(&j, &r, &e);
	assert_int_equal(r, 0);
	vbt_contains(text, "device_type: u-boot\n");
	vbt_contains(text, "to: tftp");
	vbt_contains(text, "- tftp 0x0 {KERNEL}\n");
	vbt_contains(text, "- tftp 0x3ffff000 {RAMDISK}\n");
	vbt_contains(text, "- go 0x0\n");
	free(text);
	/* a URL vbench cannot put in a job is refused, naming the option */
	j.image_url = "ftp://lab/x";
	text = job_text(&j, &r, &e);
	assert_int_equal(r, -1);
	vbt_contains(e.msg,
		     "--image-url ftp://lab/x: expected a file:///, http:// or https:// URL");
	free(text);
	j.image_url = "http://lab/it's";
	text = job_text(&j, &r, &e);
	assert_int_equal(r, -1);
	free(text);
	vb_target_free(&t);
	free(path);
	free(dir);
	vbt_rmdir(root);
}

/* bench/lava/<target>.yaml must start the machine the target file describes. */
static void test_devices_match_targets(void **state)
{
	const char *names[] = { "qemu-a15", "qemu-a53", "qemu-a72" };

	(void)state;
	for (size_t i = 0; i < sizeof(names) / sizeof(names[0]); i++) {
		char *path = vb_xasprintf("%s/bench/lava/%s.yaml", VB_SRC_ROOT, names[i]), *text;
		char *copy, *tok, *save = NULL, want[128];
		struct vb_target t;
		struct vb_error e;

		text = vbt_read(path);
		if (!text)
			fail_msg("no device dictionary %s", path);
		if (vb_target_load(&t, VB_SRC_ROOT, names[i], &e))
			fail_msg("%s", e.msg);
		copy = vb_xstrdup(t.qemu);
		tok = strtok_r(copy, " ", &save);
		snprintf(want, sizeof(want), "command: %s\n", tok);
		vbt_contains(text, want);
		while ((tok = strtok_r(NULL, " ", &save))) {
			snprintf(want, sizeof(want), "- %s %s\n", tok, strtok_r(NULL, " ", &save));
			vbt_contains(text, want);
		}
		snprintf(want, sizeof(want), "- -m %lluM\n",
			 (unsigned long long)(t.ram_size >> 20));
		vbt_contains(text, want);
		free(copy);
		free(text);
		free(path);
		vb_target_free(&t);
	}
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_qemu_job),
		cmocka_unit_test(test_board_job),
		cmocka_unit_test(test_devices_match_targets),
	};

	return cmocka_run_group_tests_name("lava_job", tests, NULL, NULL);
}
