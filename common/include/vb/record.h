/*
 * Records on the console (docs/records.md). A record is built field by field
 * in a buffer and written in one go with its CRC, so a fault in the middle of
 * a record never leaves half a record on the line.
 */
#ifndef VB_RECORD_H
#define VB_RECORD_H

#include <stdint.h>

#define RECORD_MAX 1024

struct record {
	char buf[RECORD_MAX];
	unsigned len;
	int truncated;
};

void rec_set_source(char src); /* 'g' guest-min, 'h' hyp-min */
unsigned rec_count(void);      /* records written so far by this image */

void rec_open(struct record *r, const char *type);
/* `@vbp <type> ... *<crc>`: the parameter handshake, outside the record stream (params_rx.c). */
void rec_open_handshake(struct record *r, const char *type);
void rec_str(struct record *r, const char *key, const char *val);
void rec_u64(struct record *r, const char *key, uint64_t v);
void rec_hex(struct record *r, const char *key, uint64_t v);
void rec_close(struct record *r);
void rec_line_start(void); /* before each record is written; hyp-min's ends a guest's open line */

#endif
