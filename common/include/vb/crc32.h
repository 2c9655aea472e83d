#ifndef VB_CRC32_H
#define VB_CRC32_H

#include <stddef.h>
#include <stdint.h>

/* CRC-32 (IEEE 802.3, zlib's): crc32_update(0, buf, len) of a whole buffer. */
uint32_t crc32_update(uint32_t crc, const void *buf, size_t len);

#endif
