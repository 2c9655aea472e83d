/* vbench at U-Boot's console (uboot.h). */
#include "uboot.h"

#include <errno.h>
#include <poll.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include <zlib.h>

#include "records/console.h"
#include "ymodem.h"

/* What U-Boot printed last, for matching and for messages. */
struct vb_ub {
	const struct vb_uboot *u;
	char tail[4096]; /* since the last command was sent, NUL-terminated */
	size_t len;
	bool closed;
	char why[96]; /* a read that failed */
};

static void vb_ub_clear(struct vb_ub *b)
{
	b->len = 0;
	b->tail[0] = '\0';
}

/* Reads what is there within ms into the tail (and console.log); -1: interrupted or closed. */
static int vb_ub_read(struct vb_ub *b, unsigned ms)
{
	const struct vb_uboot *u = b->u;
	struct pollfd p = { .fd = u->fd, .events = POLLIN };
	char buf[512];
	ssize_t r;

	if (u->interrupted && *u->interrupted) {
		snprintf(b->why, sizeof(b->why), "interrupted");
		return -1;
	}
	if (poll(&p, 1, (int)ms) <= 0)
		return 0;
	r = read(u->fd, buf, sizeof(buf));
	if (r < 0 && (errno == EINTR || errno == EAGAIN))
		return 0;
	if (r <= 0) {
		snprintf(b->why, sizeof(b->why), "the line closed (%s)",
			 r ? strerror(errno) : "end of file");
		b->closed = true;
		return -1;
	}
	if (u->log_fd >= 0 && vb_write_all(u->log_fd, buf, (size_t)r)) {
		snprintf(b->why, sizeof(b->why), "writing console.log: %s", strerror(errno));
		return -1;
	}
	for (ssize_t i = 0; i < r; i++) {
		if (!buf[i])
			continue; /* a NUL would end the text early: junk on the line */
		if (b->len + 1 >= sizeof(b->tail)) { /* keep the newer half */
			memmove(b->tail, b->tail + sizeof(b->tail) / 2,
				b->len - sizeof(b->tail) / 2);
			b->len -= sizeof(b->tail) / 2;
		}
		b->tail[b->len++] = buf[i];
	}
	b->tail[b->len] = '\0';
	return 1;
}

/* The last ~100 bytes U-Boot printed, control bytes shown as '.', for messages. */
static const char *vb_ub_last(const struct vb_ub *b, char *out, size_t n)
{
	size_t from = b->len > 100 ? b->len - 100 : 0, k = 0;

	for (size_t i = from; i < b->len && k + 1 < n; i++) {
		unsigned char c = (unsigned char)b->tail[i];

		out[k++] = c == '\r' || c == '\n' ? ' ' : (c < 32 || c > 126 ? '.' : (char)c);
	}
	out[k] = '\0';
	return k ? out : "nothing";
}

/* The prompt ends what was read: "<prompt> " at the end, at a line's start. */
static bool vb_ub_at_prompt(const struct vb_ub *b)
{
	const char *prompt = *b->u->target->uboot_prompt ? b->u->target->uboot_prompt : "=>";
	size_t pl = strlen(prompt);

	if (b->len < pl + 1 || b->tail[b->len - 1] != ' ')
		return false;
	if (memcmp(b->tail + b->len - 1 - pl, prompt, pl))
		return false;
	return b->len == pl + 1 || b->tail[b->len - 2 - pl] == '\n' ||
	       b->tail[b->len - 2 - pl] == '\r' || b->tail[b->len - 2 - pl] == '>';
}

static uint64_t vb_ub_until(const struct vb_uboot *u, unsigned ms)
{
	uint64_t until = vb_now_ms() + ms;

	return u->deadline_ms && until > u->deadline_ms ? u->deadline_ms : until;
}

static int vb_ub_fail(struct vb_ub *b, struct vb_error *e, const char *what)
{
	char last[128];

	return vb_fail(e, "U-Boot on %s: %s (U-Boot printed last: \"%s\")",
		       b->u->target->launch == VB_LAUNCH_SERIAL ? b->u->target->serial :
								  "QEMU's pty",
		       what, vb_ub_last(b, last, sizeof(last)));
}

/* A board that printed its banner again restarted (power, watchdog, a crash). */
static bool vb_ub_reset(const struct vb_ub *b)
{
	return strstr(b->tail, "\nU-Boot 20") != NULL;
}

/*
 * Power-on to the prompt: Ctrl-C every half second stops autoboot (any key
 * does; Ctrl-C also clears a half-typed line and never repeats a command, as
 * an empty line would), then waits for the line to go quiet at the prompt.
 */
static int vb_ub_prompt(struct vb_ub *b, struct vb_error *e)
{
	const struct vb_uboot *u = b->u;
	uint64_t start = vb_now_ms(), until = vb_ub_until(u, u->prompt_ms), poke = 0;
	char msg[256];

	for (;;) {
		uint64_t now = vb_now_ms();
		int r;

		if (now >= until)
			break;
		if (now >= poke) {
			if (vb_write_all(u->fd, "\003", 1))
				return vb_fail(e, "U-Boot: writing to the line: %s",
					       strerror(errno));
			poke = now + 500;
		}
		r = vb_ub_read(b, 100);
		if (r < 0)
			return vb_ub_fail(b, e, b->why);
		if (vb_ub_at_prompt(b)) {
			/* quiet for 300 ms: the Ctrl-Cs still in flight have made their prompts */
			while ((r = vb_ub_read(b, 300)) > 0)
				;
			if (r < 0)
				return vb_ub_fail(b, e, b->why);
			if (vb_ub_at_prompt(b))
				return 0;
		}
	}
	snprintf(msg, sizeof(msg),
		 "no prompt ('%s ') within %u s: is the board powered, running U-Boot, at %llu "
		 "baud? (a board that prints nothing: wrong line or baud; junk: wrong baud)",
		 *u->target->uboot_prompt ? u->target->uboot_prompt : "=>",
		 (unsigned)((until - start + 999) / 1000),
		 (unsigned long long)(u->target->baud ? u->target->baud : 115200));
	return vb_ub_fail(b, e, msg);
}

/* Sends a command line; waits until U-Boot has echoed it (its '\n'). */
static int vb_ub_send(struct vb_ub *b, const char *cmd, struct vb_error *e)
{
	uint64_t until = vb_ub_until(b->u, 5000);
	char msg[VB_ERR_LEN / 2];

	vb_ub_clear(b);
	if (vb_write_all(b->u->fd, cmd, strlen(cmd)) || vb_write_all(b->u->fd, "\r", 1))
		return vb_fail(e, "U-Boot: writing to the line: %s", strerror(errno));
	while (vb_now_ms() < until) {
		if (vb_ub_read(b, 100) < 0)
			return vb_ub_fail(b, e, b->why);
		if (strchr(b->tail, '\n'))
			return 0;
	}
	snprintf(msg, sizeof(msg), "no echo of '%.200s' within 5 s (the line drops bytes?)", cmd);
	return vb_ub_fail(b, e, msg);
}

/* Waits for the status vb_ub_run asked U-Boot to print, and the prompt after it. */
static int vb_ub_wait(struct vb_ub *b, const char *cmd, unsigned ms, struct vb_error *e)
{
	uint64_t until = vb_ub_until(b->u, ms);
	char msg[VB_ERR_LEN / 2];

	for (;;) {
		/* the markers as U-Boot prints them, not in the command's echo */
		bool ok = strstr(b->tail, "\n" VB_UBOOT_OK),
		     bad = strstr(b->tail, "\n" VB_UBOOT_FAIL);

		if ((ok || bad) && vb_ub_at_prompt(b)) {
			if (ok)
				return 0;
			snprintf(msg, sizeof(msg), "'%.200s' failed", cmd);
			return vb_ub_fail(b, e, msg);
		}
		if (vb_ub_reset(b))
			return vb_ub_fail(b, e, "the board restarted (U-Boot's banner again)");
		if (vb_now_ms() >= until) {
			snprintf(msg, sizeof(msg), "'%.200s' did not finish within %u s", cmd,
				 ms / 1000);
			return vb_ub_fail(b, e, msg);
		}
		if (vb_ub_read(b, 100) < 0)
			return vb_ub_fail(b, e, b->why);
	}
}

/* The command with its status printed after it (hush's && and ||). */
static char *vb_ub_marked(const char *cmd)
{
	return vb_xasprintf("%s && echo " VB_UBOOT_OK " || echo " VB_UBOOT_FAIL, cmd);
}

/* Runs one command and waits for its status and the prompt. */
static int vb_ub_run(struct vb_ub *b, const char *cmd, unsigned ms, struct vb_error *e)
{
	char *line = vb_ub_marked(cmd);
	int ret = vb_ub_send(b, line, e);

	free(line);
	return ret ? ret : vb_ub_wait(b, cmd, ms, e);
}

static int vb_ub_read_file(const char *path, unsigned char **data, size_t *len, struct vb_error *e)
{
	FILE *f = fopen(path, "rb");
	size_t cap = 0, n;

	*data = NULL;
	*len = 0;
	if (!f)
		return vb_fail(e, "cannot read %s: %s (make TARGETS=<target> builds it)", path,
			       strerror(errno));
	do {
		*data = vb_grow(*data, &cap, *len + 65536, 1);
		n = fread(*data + *len, 1, 65536, f);
		*len += n;
	} while (n == 65536);
	n = (size_t)ferror(f);
	fclose(f);
	if (n || !*len) {
		free(*data);
		return vb_fail(e, "cannot read %s: %s", path, n ? "read error" : "empty file");
	}
	return 0;
}

/* A loadable segment of the ELF: its file bytes, at its physical address. */
struct vb_ub_seg {
	uint64_t addr, off, size;
};

static uint64_t vb_le(const unsigned char *p, unsigned n)
{
	uint64_t v = 0;

	while (n--)
		v = v << 8 | p[n];
	return v;
}

/*
 * The PT_LOAD segments of a little-endian ELF32 or ELF64 (the images).
 * Sending them instead of the .bin skips the gap between hyp-min and the
 * guest it embeds (8 MiB of zeros in virt.bin); the images clear their own
 * BSS, as they must when a loader writes the .bin.
 */
static int vb_ub_segments(const char *path, const unsigned char *d, size_t len,
			  struct vb_ub_seg *seg, size_t max, size_t *n, struct vb_error *e)
{
	bool is64 = len > 4 && d[4] == 2;
	uint64_t phoff, phent, phnum;

	*n = 0;
	if (len < 52 || memcmp(d, "\177ELF", 4) || d[5] != 1 || (is64 && len < 64))
		return vb_fail(e, "%s: not a little-endian ELF image", path);
	phoff = is64 ? vb_le(d + 32, 8) : vb_le(d + 28, 4);
	phent = vb_le(d + (is64 ? 54 : 42), 2);
	phnum = vb_le(d + (is64 ? 56 : 44), 2);
	for (uint64_t i = 0; i < phnum; i++) {
		const unsigned char *ph = d + phoff + i * phent;
		struct vb_ub_seg s;

		if (phoff + (i + 1) * phent > len || phent < (is64 ? 56u : 32u))
			return vb_fail(e, "%s: program header %llu outside the file", path,
				       (unsigned long long)i);
		if (vb_le(ph, 4) != 1) /* PT_LOAD */
			continue;
		s.off = is64 ? vb_le(ph + 8, 8) : vb_le(ph + 4, 4);
		s.addr = is64 ? vb_le(ph + 24, 8) : vb_le(ph + 12, 4);
		s.size = is64 ? vb_le(ph + 32, 8) : vb_le(ph + 16, 4);
		if (!s.size)
			continue;
		if (s.off > len || s.size > len - s.off || *n == max)
			return vb_fail(e, "%s: segment %llu outside the file (or too many)", path,
				       (unsigned long long)i);
		seg[(*n)++] = s;
	}
	return *n ? 0 : vb_fail(e, "%s: no loadable segment", path);
}

/* loady, then YMODEM on the same line; U-Boot's own count must equal what was sent. */
static int vb_ub_loady(struct vb_ub *b, const char *name, const struct vb_ub_seg *s,
		       const unsigned char *data, struct vb_error *e)
{
	const struct vb_uboot *u = b->u;
	struct vb_ymodem y = { .fd = u->fd,
			       .answer_ms = 5000,
			       .deadline_ms = vb_ub_until(u, u->command_ms),
			       .log_fd = u->log_fd,
			       .interrupted = u->interrupted };
	char cmd[64], *line, *size, msg[VB_ERR_LEN / 2];
	int ret;

	snprintf(cmd, sizeof(cmd), "loady 0x%llx", (unsigned long long)s->addr);
	line = vb_ub_marked(cmd);
	ret = vb_ub_send(b, line, e);
	free(line);
	if (!ret && vb_ymodem_send(&y, name, data + s->off, s->size, e)) {
		snprintf(msg, sizeof(msg), "loading %.90s with loady failed: %.250s", name, e->msg);
		return vb_ub_fail(b, e, msg);
	}
	if (ret || vb_ub_wait(b, cmd, 10000, e))
		return -1;
	/* "## Total Size      = 0x0001e0c8 = 123080 Bytes" */
	size = strstr(b->tail, "Total Size");
	size = size ? strstr(size, "= ") : NULL;
	size = size ? strstr(size + 2, "= ") : NULL;
	if (size && strtoull(size + 2, NULL, 10) == s->size)
		return 0;
	snprintf(msg, sizeof(msg), "loady did not report the %llu bytes of %s",
		 (unsigned long long)s->size, name);
	return vb_ub_fail(b, e, msg);
}

static void vb_be32(unsigned char *p, uint32_t v)
{
	p[0] = (unsigned char)(v >> 24);
	p[1] = (unsigned char)(v >> 16);
	p[2] = (unsigned char)(v >> 8);
	p[3] = (unsigned char)v;
}

/*
 * A legacy uImage (U-Boot's image.h: 64-byte big-endian header, zlib CRC-32s)
 * of data to be copied to `load` and entered there as a Linux kernel: bootm
 * then cleans the caches and turns them and the MMU off before the jump,
 * which `go` does not.
 */
static unsigned char *vb_ub_uimage(const struct vb_target *t, const unsigned char *data, size_t len,
				   uint64_t load, size_t *out_len)
{
	unsigned char *u = vb_xcalloc(1, 64 + len);

	vb_be32(u, 0x27051956); /* IH_MAGIC */
	vb_be32(u + 12, (uint32_t)len);
	vb_be32(u + 16, (uint32_t)load);
	vb_be32(u + 20, (uint32_t)load);
	vb_be32(u + 24, (uint32_t)crc32(0, data, (uInt)len));
	u[28] = 5;				   /* IH_OS_LINUX */
	u[29] = t->arch == VB_ARCH_ARMV8 ? 22 : 2; /* IH_ARCH_ARM64, IH_ARCH_ARM */
	u[30] = 2;				   /* IH_TYPE_KERNEL */
	u[31] = 0;				   /* IH_COMP_NONE */
	memcpy(u + 32, "vbench", 6);
	vb_be32(u + 4, (uint32_t)crc32(0, u, 64));
	memcpy(u + 64, data, len);
	*out_len = 64 + len;
	return u;
}

/*
 * Each loadable segment of the ELF with its own loady; with bootm, the one
 * that starts at the entry goes as a uImage to uboot_scratch.
 */
static int vb_ub_ymodem(struct vb_ub *b, struct vb_error *e)
{
	const struct vb_uboot *u = b->u;
	const char *base = strrchr(u->elf, '/') ? strrchr(u->elf, '/') + 1 : u->elf;
	bool bootm = u->target->uboot_start == VB_UBOOT_BOOTM, entry = false;
	struct vb_ub_seg seg[8];
	unsigned char *data;
	size_t len, n;
	int ret;

	if (vb_ub_read_file(u->elf, &data, &len, e))
		return -1;
	ret = vb_ub_segments(u->elf, data, len, seg, 8, &n, e);
	for (size_t i = 0; !ret && i < n; i++) {
		char name[96];

		snprintf(name, sizeof(name), "%.80s.%u", base, (unsigned)i);
		if (bootm && seg[i].addr == u->addr) {
			size_t ul;
			unsigned char *img = vb_ub_uimage(u->target, data + seg[i].off, seg[i].size,
							  u->addr, &ul);
			struct vb_ub_seg s = { .addr = u->target->uboot_scratch, .size = ul };

			entry = true;
			ret = vb_ub_loady(b, name, &s, img, e);
			free(img);
		} else {
			ret = vb_ub_loady(b, name, &seg[i], data, e);
		}
	}
	free(data);
	if (!ret && bootm && !entry)
		return vb_fail(e, "%s: no segment starts at the entry 0x%llx, for bootm", u->elf,
			       (unsigned long long)u->addr);
	return ret;
}

/* For a load command with bootm: <image>.uimg beside the .bin, the whole .bin in it. */
static int vb_ub_write_uimage(const struct vb_uboot *u, const char *path, struct vb_error *e)
{
	unsigned char *data, *img;
	size_t len, ul;
	FILE *f;
	int bad;

	if (vb_ub_read_file(u->bin, &data, &len, e))
		return -1;
	img = vb_ub_uimage(u->target, data, len, u->addr, &ul);
	free(data);
	f = fopen(path, "wb");
	bad = !f || fwrite(img, 1, ul, f) != ul;
	if (f && fclose(f))
		bad = 1;
	free(img);
	return bad ? vb_fail(e, "cannot write %s: %s", path, strerror(errno)) : 0;
}

void vb_uboot_start_cmd(const struct vb_target *t, uint64_t addr, char *buf, size_t n)
{
	/* bootm needs a device tree (or ATAGs) to hand on: U-Boot's own */
	if (t->uboot_start == VB_UBOOT_BOOTM)
		snprintf(buf, n, "bootm 0x%llx - ${fdtcontroladdr}",
			 (unsigned long long)t->uboot_scratch);
	else
		snprintf(buf, n, "go 0x%llx", (unsigned long long)addr);
}

int vb_uboot_boot(const struct vb_uboot *u, struct vb_error *e)
{
	const struct vb_target *t = u->target;
	bool bootm = t->uboot_start == VB_UBOOT_BOOTM;
	struct vb_ub *b = vb_xcalloc(1, sizeof(*b));
	size_t bl = strlen(u->bin);
	char *file = bootm ? vb_xasprintf("%.*s.uimg", (int)(bl > 4 ? bl - 4 : bl), u->bin) :
			     vb_xstrdup(u->bin);
	const char *name = strrchr(file, '/') ? strrchr(file, '/') + 1 : file;
	bool ymodem = !*t->uboot_load || !strcmp(t->uboot_load, "ymodem");
	char cmd[PATH_MAX + 64];
	int ret = !ymodem && bootm ? vb_ub_write_uimage(u, file, e) : 0;

	b->u = u;
	if (!ret)
		ret = vb_ub_prompt(b, e);
	/* the address and file name as U-Boot variables, for the target's load command */
	if (!ret) {
		snprintf(cmd, sizeof(cmd), "setenv vb_addr 0x%llx; setenv vb_image %s",
			 (unsigned long long)(bootm ? t->uboot_scratch : u->addr), name);
		ret = vb_ub_run(b, cmd, 5000, e);
	}
	if (!ret && ymodem)
		ret = vb_ub_ymodem(b, e);
	else if (!ret)
		ret = vb_ub_run(b, t->uboot_load, u->command_ms, e);
	if (!ret && *t->uboot_before)
		ret = vb_ub_run(b, t->uboot_before, 10000, e);
	if (!ret) {
		vb_uboot_start_cmd(t, u->addr, cmd, sizeof(cmd));
		ret = vb_ub_send(b, cmd, e);
	}
	free(file);
	free(b);
	return ret;
}

bool vb_uboot_reset_line(const char *line, size_t len)
{
	static const char banner[] = "U-Boot 20";

	return len >= sizeof(banner) - 1 && !memcmp(line, banner, sizeof(banner) - 1);
}
