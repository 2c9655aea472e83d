/*
 * Build-time check of a target file's memory map (mk/image.mk runs it before
 * compiling): the images' own checks (common/board.c) on the TARGET_* the
 * build passes, for every granule the target lists. A bad map stops the
 * build with the file and the key named.
 */
#include <stdio.h>
#include <string.h>

#include <vb/board.h>

static int report(const struct vb_board *b, struct board_problem p, const char *granule)
{
	char why[128];

	snprintf(why, sizeof(why), "%s", p.why);
	for (char *c = why; *c; c++)
		if (*c == '_')
			*c = ' ';
	fprintf(stderr, "%s: %s = 0x%llx: %s%s%s", TARGET_CONF, p.key,
		(unsigned long long)board_key_value(b, p.key), why, p.other ? " " : "",
		p.other ? p.other : "");
	if (granule)
		fprintf(stderr, " with %s granules (listed in 'granules': drop it there)", granule);
	fprintf(stderr, "\n");
	return 1;
}

int main(void)
{
	static const struct vb_board b = TARGET_BOARD;
	static const char *const names[] = { "4k", "16k", "64k" };
	char listed[64];
	struct board_problem p = board_check(&b);

	if (!p.ok)
		return report(&b, p, NULL);
	/* blanks around each word, so "4k" is not found in "64k" */
	snprintf(listed, sizeof(listed), " %s ", TARGET_GRANULES[0] ? TARGET_GRANULES : "4k");
	for (unsigned i = 0; i < 3; i++) {
		char word[8];

		snprintf(word, sizeof(word), " %s ", names[i]);
		if (!strstr(listed, word))
			continue;
		p = board_check_granule(&b, 12 + 2 * i);
		if (!p.ok)
			return report(&b, p, names[i]);
	}
	return 0;
}
