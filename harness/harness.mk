# vbench, the host-side harness: build/bin/vbench. Included by the top Makefile.
# Everything but main.o also goes into libvbench.a, which the unit tests link.

HARNESS_CC      ?= cc
HARNESS_CFLAGS  := -std=c11 -D_GNU_SOURCE -O2 -g -Wall -Wextra -Werror -MMD -MP \
                   -Iharness -Icommon/include
HARNESS_LDLIBS  := -lcsv -lz -lm

HARNESS_SRCS    := harness/main.c $(wildcard harness/*/*.c)
# code of the images vbench shares: configurations are checked as the images check them
HARNESS_COMMON  := common/xlat.c common/pgtable.c common/board.c
HARNESS_OBJS    := $(patsubst harness/%.c,$(BUILD)/harness/%.o,$(HARNESS_SRCS)) \
                   $(patsubst common/%.c,$(BUILD)/harness/common/%.o,$(HARNESS_COMMON))
HARNESS_LIB     := $(BUILD)/harness/libvbench.a

$(BUILD)/harness/%.o: harness/%.c
	@mkdir -p $(@D)
	@printf "  %-6s %s\n" HOSTCC $@; $(HARNESS_CC) $(HARNESS_CFLAGS) -c $< -o $@

$(BUILD)/harness/common/%.o: common/%.c
	@mkdir -p $(@D)
	@printf "  %-6s %s\n" HOSTCC $@; $(HARNESS_CC) $(HARNESS_CFLAGS) -c $< -o $@

$(HARNESS_LIB): $(filter-out $(BUILD)/harness/main.o,$(HARNESS_OBJS))
	@rm -f $@
	@printf "  %-6s %s\n" AR $@; $(AR) rcs $@ $^

$(VBENCH): $(BUILD)/harness/main.o $(HARNESS_LIB)
	@mkdir -p $(@D)
	@printf "  %-6s %s\n" HOSTCC $@; $(HARNESS_CC) $(HARNESS_CFLAGS) -o $@ $^ $(HARNESS_LDLIBS)

-include $(HARNESS_OBJS:.o=.d)
