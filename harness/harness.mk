# vbench, the host-side harness: build/bin/vbench. Included by the top Makefile.
# Everything but main.o also goes into libvbench.a, which the unit tests link.

HARNESS_CC      ?= cc
# SANITIZE=1: errors stop the program (a test then fails), leaks fail it at exit
HARNESS_SAN_FLAGS := -fsanitize=address,undefined -fno-sanitize-recover=all \
                     -fno-omit-frame-pointer
HARNESS_SANITIZE  := $(if $(filter 1,$(SANITIZE)),$(HARNESS_SAN_FLAGS))
HARNESS_CFLAGS  := -std=c11 -D_GNU_SOURCE -O2 -g -Wall -Wextra -Werror -MMD -MP \
                   -Iharness -Icommon/include -I$(BUILD)/harness/gen \
                   $(HARNESS_SANITIZE) $(HARNESS_CFLAGS_EXTRA)
HARNESS_LDLIBS  := -lcsv -lyaml -lisal -lz -lm

HARNESS_SRCS    := harness/main.c $(wildcard harness/*/*.c)
# code of the images vbench shares: configurations are checked as the images check them
HARNESS_COMMON  := common/xlat.c common/pgtable.c common/board.c
HARNESS_OBJS    := $(patsubst harness/%.c,$(BUILD)/harness/%.o,$(HARNESS_SRCS)) \
                   $(patsubst common/%.c,$(BUILD)/harness/common/%.o,$(HARNESS_COMMON))
HARNESS_LIB     := $(BUILD)/harness/libvbench.a

# The benchmark names vbench checks --only against: microbench/table.c's own rows,
# one '.name = "x"' or 'PROBE(x' each, so the list is never written twice by hand.
HARNESS_GEN     := $(BUILD)/harness/gen/vb_bench_names.h
$(HARNESS_GEN): microbench/table.c
	@mkdir -p $(@D)
	@printf "  %-6s %s\n" GEN $@
	@rows=$$(grep -c -e '\.name = "' -e '^[[:space:]]*PROBE(' $<); \
	sed -n -e 's/.*\.name = "\([a-z0-9_]*\)".*/"\1",/p' \
		-e 's/^[[:space:]]*PROBE(\([a-z0-9_]*\)[,)].*/"\1",/p' $< > $@.tmp; \
	if [ "$$rows" -eq 0 ] || [ "$$(wc -l < $@.tmp)" -ne "$$rows" ]; then \
		echo "$<: expected one '.name = \"name\"' (a-z, 0-9, _) per row" >&2; \
		rm -f $@.tmp; exit 1; fi; \
	mv $@.tmp $@
# launch/params.c includes it: made before the first compile, then tracked by -MMD
$(BUILD)/harness/launch/params.o: | $(HARNESS_GEN)

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
