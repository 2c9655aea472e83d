/* Number formatting for records: no printf in a freestanding image. */
#include <vb/fmt.h>

static unsigned fmt_base(char *buf, uint64_t v, unsigned base)
{
	char tmp[24];
	unsigned n = 0, len = 0;

	do {
		tmp[n++] = "0123456789abcdef"[v % base];
		v /= base;
	} while (v);
	while (n)
		buf[len++] = tmp[--n];
	buf[len] = '\0';
	return len;
}

unsigned fmt_u64(char *buf, uint64_t v)
{
	return fmt_base(buf, v, 10);
}

unsigned fmt_hex(char *buf, uint64_t v)
{
	buf[0] = '0';
	buf[1] = 'x';
	return 2 + fmt_base(buf + 2, v, 16);
}
