# Fuzz targets (tests/fuzz/fuzz_<name>.c) with clang's libFuzzer, ASan and UBSan:
#   $(BUILD)/fuzz/fuzz_<name>    the fuzzer, over the harness built again with clang
#   $(BUILD)/tests/fuzz/<name>   a smoke run of FUZZ_SMOKE_SECONDS from the seed corpus
#                                (tests/fuzz/corpus/<name>/): make test runs it as a test
# `make fuzz` runs each for FUZZ_SECONDS, keeping what it finds in $(BUILD)/fuzz/<name>/.

FUZZ_CC      ?= clang-14
FUZZ_SAN     := -fsanitize=address,undefined -fno-sanitize-recover=all -fno-omit-frame-pointer
FUZZ_CFLAGS  := -std=c11 -D_GNU_SOURCE -O1 -g -Wall -Wextra -Werror -MMD -MP \
                -Iharness -Icommon/include -I$(BUILD)/harness/gen -Itests/fuzz \
                $(FUZZ_SAN) $(HARNESS_CFLAGS_EXTRA)
FUZZ_NAMES   := $(patsubst tests/fuzz/fuzz_%.c,%,$(filter tests/fuzz/fuzz_%.c, \
                  $(filter-out tests/fuzz/fuzz_common.c,$(wildcard tests/fuzz/fuzz_*.c))))
FUZZ_BINS    := $(patsubst %,$(BUILD)/fuzz/fuzz_%,$(FUZZ_NAMES))
FUZZ_SMOKES  := $(patsubst %,$(BUILD)/tests/fuzz/%,$(FUZZ_NAMES))
# the harness again, instrumented for coverage: libFuzzer steers by it
FUZZ_OBJS    := $(patsubst harness/%.c,$(BUILD)/fuzz/obj/harness/%.o, \
                  $(filter-out harness/main.c,$(HARNESS_SRCS))) \
                $(patsubst common/%.c,$(BUILD)/fuzz/obj/common/%.o,$(HARNESS_COMMON)) \
                $(BUILD)/fuzz/obj/tests/fuzz/fuzz_common.o

.PHONY: fuzz fuzz-bins
# objects are kept: an edit rebuilds one, not the whole harness
.SECONDARY: $(FUZZ_OBJS) $(patsubst %,$(BUILD)/fuzz/obj/tests/fuzz/fuzz_%.o,$(FUZZ_NAMES))
fuzz-bins: $(FUZZ_BINS) $(FUZZ_SMOKES)

$(BUILD)/fuzz/obj/%.o: %.c
	@mkdir -p $(@D)
	@printf "  %-6s %s\n" FUZZCC $@; $(FUZZ_CC) $(FUZZ_CFLAGS) -fsanitize=fuzzer-no-link -c $< -o $@
$(BUILD)/fuzz/obj/harness/launch/params.o: | $(HARNESS_GEN)

$(BUILD)/fuzz/fuzz_%: $(BUILD)/fuzz/obj/tests/fuzz/fuzz_%.o $(FUZZ_OBJS)
	@printf "  %-6s %s\n" FUZZLD $@; $(FUZZ_CC) $(FUZZ_SAN) -fsanitize=fuzzer -o $@ $^ \
		$(HARNESS_LDLIBS) $(HARNESS_CFLAGS_EXTRA)

# The smoke test: a script, so tests/run-tests.sh counts its exit status as one test.
$(BUILD)/tests/fuzz/%: $(BUILD)/fuzz/fuzz_% tests/fuzz/run.sh
	@mkdir -p $(@D)
	@printf '#!/bin/sh\nexec "%s/tests/fuzz/run.sh" "%s" "%s/tests/fuzz/corpus/%s" "$${FUZZ_SMOKE_SECONDS:-%s}"\n' \
		"$(CURDIR)" "$(abspath $<)" "$(CURDIR)" $* $(FUZZ_SMOKE_SECONDS) > $@
	@chmod +x $@

# every target runs, whatever an earlier one found; the goal fails if any did
fuzz: $(FUZZ_BINS)
	@status=0; for n in $(FUZZ_NAMES); do \
		tests/fuzz/run.sh $(BUILD)/fuzz/fuzz_$$n tests/fuzz/corpus/$$n $(FUZZ_SECONDS) \
			$(BUILD)/fuzz/$$n || status=1; \
	done; exit $$status

-include $(FUZZ_OBJS:.o=.d) $(patsubst %,$(BUILD)/fuzz/obj/tests/fuzz/fuzz_%.d,$(FUZZ_NAMES))
