/*
 * What the images check about how they were started (docs/design.md, "Boot").
 * Every check ends in an error record `kind=entry` naming the assumption
 * (`msg`), never in a hang.
 *
 * An image loaded away from its link address cannot run its C code (ARMv7
 * code reaches its data through absolute addresses), so that record is
 * printed from assembly, whole: source, sequence 0 and CRC are fixed.
 * tests/unit/test_entry_records.c recomputes both CRCs.
 */
#ifndef VB_ENTRY_H
#define VB_ENTRY_H

#define ENTRY_REC_WRONG_ADDRESS_H \
	"@vb1 h 0 error kind=entry msg=not_loaded_at_link_address *8fbb6801\n"
#define ENTRY_REC_WRONG_ADDRESS_G \
	"@vb1 g 0 error kind=entry msg=not_loaded_at_link_address *b1297689\n"

#endif
