/*
 * The record parser and the stream verifier: console bytes as vbench reads
 * them from QEMU or a serial line. The first byte chooses the options and
 * where the bytes are cut into reads, so partial lines are exercised too.
 */
#include <stdbool.h>
#include <stdint.h>
#include <stdlib.h>

#include "records/console.h"
#include "records/record.h"
#include "records/stream.h"

static bool vbf_line(void *ctx, const char *line, size_t len)
{
	struct vb_record rec;
	struct vb_error e;

	/* the parser alone, then the verifier that calls it */
	if (vb_record_parse(line, len, &rec, &e) == 1)
		vb_record_free(&rec);
	return vb_stream_line(ctx, line, len);
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct vb_stream_opts o = { 0 };
	struct vb_stream s;
	struct vb_lines l;
	struct vb_error e;
	size_t chunk, off = 0;
	bool stop = false;

	if (!size)
		return 0;
	o.require_samples = data[0] & 1;
	if (data[0] & 2)
		o.expect_mode = "virt";
	chunk = 1 + (data[0] >> 2) * 67; /* 1 to 4222 bytes a read */
	data++;
	size--;
	vb_stream_init(&s, &o);
	vb_lines_init(&l);
	while (off < size && !stop) {
		size_t n = size - off < chunk ? size - off : chunk;

		stop = vb_lines_feed(&l, (const char *)data + off, n, vbf_line, &s);
		off += n;
	}
	if (!stop)
		vb_lines_flush(&l, vbf_line, &s);
	vb_lines_free(&l);
	(void)vb_stream_finish(&s, NULL, &e);
	vb_stream_free(&s);
	return 0;
}
