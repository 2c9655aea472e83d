/*
 * vbench at U-Boot's console (uboot.c) against a fake U-Boot on a socketpair:
 * a forked process that prints a banner and an autoboot countdown, answers
 * commands at its prompt, receives loady with the tests' YMODEM receiver, and
 * misbehaves as boards do: silence, junk, a reset, a cancelled transfer, a
 * failing load command.
 */
#include <fcntl.h>
#include <poll.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>
#include <sys/wait.h>
#include <unistd.h>

#include "helpers.h"
#include "launch/target.h"
#include "launch/uboot.h"
#include "records/console.h"
#include "ymodem_rx.h"

enum fake { FK_OK, FK_SILENT, FK_JUNK, FK_RESET, FK_CANCEL, FK_CMD_FAIL };

static void say(int fd, const char *s)
{
	if (write(fd, s, strlen(s)) < 0)
		_exit(20);
}

/* A command line up to '\r', Ctrl-Cs answered as U-Boot does; false when the line ends. */
static bool get_line(int fd, char *line, size_t n)
{
	size_t len = 0;

	for (;;) {
		struct pollfd p = { .fd = fd, .events = POLLIN };
		char c;

		if (poll(&p, 1, 10000) <= 0 || read(fd, &c, 1) != 1)
			return false;
		if (c == 3) {
			say(fd, "<INTERRUPT>\r\n=> ");
			len = 0;
		} else if (c == '\r') {
			line[len] = '\0';
			say(fd, line);
			say(fd, "\r\n");
			return true;
		} else if (len + 1 < n) {
			line[len++] = c;
		}
	}
}

static void fake_uboot(int fd, enum fake how)
{
	char line[512], buf[256];

	if (how == FK_SILENT) {
		sleep(5);
		_exit(0);
	}
	if (how == FK_JUNK) {
		for (int i = 0; i < 80; i++) {
			say(fd, "\xfe\x80=\x13>\xff garbage at the wrong baud \x81");
			usleep(50000);
		}
		_exit(0);
	}
	say(fd, "\r\nU-Boot 2023.01 (fake)\r\n\r\nHit any key to stop autoboot:  3 ");
	{
		struct pollfd p = { .fd = fd, .events = POLLIN };

		if (poll(&p, 1, 3000) <= 0)
			_exit(21);
	}
	say(fd, "\r\n=> ");
	while (get_line(fd, line, sizeof(line))) {
		if (!line[0])
			continue;
		if (!strncmp(line, "setenv", 6) && how == FK_RESET) {
			say(fd,
			    "\r\nU-Boot 2023.01 (fake)\r\n\r\nHit any key to stop autoboot:  3 ");
			sleep(3);
			_exit(0);
		}
		if (!strncmp(line, "loady", 5)) {
			struct rx r = { .fd = fd, .f = { .drop_at = 700, .flip_at = 2000 } };
			unsigned char *data;
			char name[128];
			size_t n;

			say(fd, "## Ready for binary (ymodem) download to 0x44000000 at 115200 "
				"bps...\r\n");
			r.f.cancel_at = how == FK_CANCEL ? 1 : 0;
			if (rx_run(&r, name, &data, &n))
				_exit(22);
			if (how == FK_CANCEL) {
				say(fd, "## Binary (ymodem) download aborted\r\n" VB_UBOOT_FAIL
					"\r\n=> ");
				continue;
			}
			snprintf(buf, sizeof(buf),
				 "## Total Size      = 0x%08zx = %zu Bytes\r\n" VB_UBOOT_OK
				 "\r\n=> ",
				 n, n);
			say(fd, buf);
			free(data);
			continue;
		}
		if (!strncmp(line, "bootm", 5) || !strncmp(line, "go", 2)) {
			say(fd, "\r\nStarting kernel ...\r\n\r\n");
			sleep(1);
			_exit(0);
		}
		/* setenv, a load command, anything else */
		say(fd, how == FK_CMD_FAIL && strncmp(line, "setenv", 6) ?
				"** Unable to read file virt.uimg **\r\n" VB_UBOOT_FAIL "\r\n=> " :
				VB_UBOOT_OK "\r\n=> ");
	}
	_exit(0);
}

struct fix {
	char *dir, *elf, *bin, *log;
	struct vb_target t;
	struct vb_error e;
	int ret;
	char *console;
};

/* A tiny ELF64 with one loadable segment of 3000 bytes at 0x40200000, and its .bin. */
static void write_images(struct fix *f)
{
	unsigned char elf[0x100 + 3000] = { 0x7f, 'E', 'L', 'F', 2, 1, 1 };
	FILE *o;

	elf[32] = 64;				  /* e_phoff */
	elf[54] = 56;				  /* e_phentsize */
	elf[56] = 1;				  /* e_phnum */
	elf[64] = 1;				  /* PT_LOAD */
	elf[64 + 9] = 1;			  /* p_offset 0x100 */
	memcpy(elf + 64 + 24, "\0\0\x20\x40", 4); /* p_paddr 0x40200000 */
	elf[64 + 32] = 3000 & 0xff;		  /* p_filesz */
	elf[64 + 33] = 3000 >> 8;
	for (size_t i = 0; i < 3000; i++)
		elf[0x100 + i] = (unsigned char)(i * 7);
	o = fopen(f->elf, "wb");
	assert_non_null(o);
	assert_int_equal(fwrite(elf, 1, sizeof(elf), o), sizeof(elf));
	fclose(o);
	o = fopen(f->bin, "wb");
	assert_non_null(o);
	assert_int_equal(fwrite(elf + 0x100, 1, 3000, o), 3000);
	fclose(o);
}

static void run(struct fix *f, enum fake how, const char *load)
{
	int sv[2], st, log;
	pid_t pid;

	memset(f, 0, sizeof(*f));
	f->dir = vbt_tmpdir();
	f->elf = vb_xasprintf("%s/virt.elf", f->dir);
	f->bin = vb_xasprintf("%s/virt.bin", f->dir);
	f->log = vb_xasprintf("%s/console.log", f->dir);
	write_images(f);
	f->t = (struct vb_target){ .arch = VB_ARCH_ARMV8,
				   .launch = VB_LAUNCH_SERIAL,
				   .serial = "/dev/fake",
				   .baud = 115200,
				   .boot = VB_BOOT_UBOOT,
				   .uboot_load = (char *)load,
				   .uboot_before = "",
				   .uboot_prompt = "",
				   .uboot_start = VB_UBOOT_BOOTM,
				   .uboot_scratch = 0x44000000 };
	assert_int_equal(socketpair(AF_UNIX, SOCK_STREAM, 0, sv), 0);
	pid = fork();
	assert_true(pid >= 0);
	if (!pid) {
		close(sv[0]);
		fake_uboot(sv[1], how);
	}
	close(sv[1]);
	log = open(f->log, O_WRONLY | O_CREAT | O_TRUNC, 0666);
	assert_true(log >= 0);
	f->ret = vb_uboot_boot(&(struct vb_uboot){ .fd = sv[0],
						   .log_fd = log,
						   .target = &f->t,
						   .elf = f->elf,
						   .bin = f->bin,
						   .addr = 0x40200000,
						   .deadline_ms = vb_now_ms() + 20000,
						   .prompt_ms = 2000,
						   .command_ms = 10000 },
			       &f->e);
	close(log);
	close(sv[0]);
	assert_int_equal(waitpid(pid, &st, 0), pid);
	assert_int_equal(WEXITSTATUS(st), 0); /* the fake got what it expected */
	f->console = vbt_read(f->log);
	assert_non_null(f->console);
}

static void done(struct fix *f)
{
	free(f->console);
	free(f->elf);
	free(f->bin);
	free(f->log);
	vbt_rmdir(f->dir);
}

/* Autoboot stopped, the image in over a line that drops and damages a byte, bootm sent. */
static void test_dialogue(void **state)
{
	struct fix f;

	(void)state;
	run(&f, FK_OK, "");
	assert_int_equal(f.ret, 0);
	vbt_contains(f.console, "setenv vb_addr 0x44000000; setenv vb_image virt.uimg");
	vbt_contains(f.console, "loady 0x44000000");
	/* the uImage: a 64-byte header before the segment's 3000 bytes */
	vbt_contains(f.console, "= 3064 Bytes");
	vbt_contains(f.console, "bootm 0x44000000 - ${fdtcontroladdr}");
	done(&f);
}

static void test_no_prompt(void **state)
{
	struct fix f;

	(void)state;
	run(&f, FK_SILENT, "");
	assert_int_equal(f.ret, -1);
	vbt_contains(f.e.msg, "U-Boot on /dev/fake: no prompt ('=> ') within 2 s");
	vbt_contains(f.e.msg, "printed last: \"nothing\"");
	done(&f);

	run(&f, FK_JUNK, "");
	assert_int_equal(f.ret, -1);
	vbt_contains(f.e.msg, "no prompt ('=> ') within 2 s");
	vbt_contains(f.e.msg, "garbage at the wrong baud");
	vbt_contains(f.console, "garbage at the wrong baud"); /* kept for the .failed folder */
	done(&f);
}

static void test_board_resets(void **state)
{
	struct fix f;

	(void)state;
	run(&f, FK_RESET, "");
	assert_int_equal(f.ret, -1);
	vbt_contains(f.e.msg, "the board restarted (U-Boot's banner again)");
	done(&f);
}

static void test_transfer_or_load_fails(void **state)
{
	struct fix f;

	(void)state;
	run(&f, FK_CANCEL, "");
	assert_int_equal(f.ret, -1);
	vbt_contains(f.e.msg, "loading virt.elf.0 with loady failed: YMODEM: the receiver "
			      "cancelled the transfer (CAN CAN) at block 1 of 3");
	done(&f);

	/* a load command from the target file: its failure named; the uImage written for it */
	run(&f, FK_CMD_FAIL, "fatload mmc 0:1 ${vb_addr} ${vb_image}");
	assert_int_equal(f.ret, -1);
	vbt_contains(f.e.msg, "'fatload mmc 0:1 ${vb_addr} ${vb_image}' failed");
	vbt_contains(f.e.msg, "Unable to read file virt.uimg");
	{
		char *uimg = vb_xasprintf("%s/virt.uimg", f.dir);

		assert_true(vbt_exists(uimg));
		free(uimg);
	}
	done(&f);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_dialogue),
		cmocka_unit_test(test_no_prompt),
		cmocka_unit_test(test_board_resets),
		cmocka_unit_test(test_transfer_or_load_fails),
	};

	return cmocka_run_group_tests_name("uboot", tests, NULL, NULL);
}
