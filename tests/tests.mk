# Tests (cmocka), built by `make test-bins` and run by tests/run-tests.sh:
#   build/tests/unit/<name>         one per tests/unit/<name>.c, with helpers.c
#   build/tests/integration/<name>  one per tests/integration/test_*.c, with the
#                                   folder's other .c files; they run the images

TEST_CFLAGS  := $(HARNESS_CFLAGS) -Itests/unit -DVB_SRC_ROOT='"$(CURDIR)"'
TEST_LDLIBS  := -lcmocka $(HARNESS_LDLIBS)

# tests/unit/<folder>/test_*.c test harness/<folder>/; tests/unit/common/test_common_<x>.c
# checks common/<x>.c, code of the images, built for the host.
TEST_SRCS    := $(wildcard tests/unit/*/test_*.c)
TEST_BINS    := $(patsubst tests/unit/%.c,$(BUILD)/tests/unit/%,$(TEST_SRCS))
TEST_HELPERS := $(BUILD)/tests/unit/helpers.o

IT_SRCS      := $(if $(filter 1,$(INTEGRATION)),$(wildcard tests/integration/test_*.c))
IT_BINS      := $(patsubst tests/integration/%.c,$(BUILD)/tests/integration/%,$(IT_SRCS))
IT_HELPERS   := $(patsubst tests/integration/%.c,$(BUILD)/tests/integration/%.o, \
                  $(filter-out $(IT_SRCS),$(wildcard tests/integration/*.c)))

# tests/make/test_*.sh check the build itself; each runs from a wrapper under $(BUILD)/tests/make/
MAKE_TESTS   := $(patsubst tests/make/test_%.sh,$(BUILD)/tests/make/%,$(wildcard tests/make/test_*.sh))

.PHONY: test-bins
test-bins: $(TEST_BINS) $(IT_BINS) $(MAKE_TESTS)

$(BUILD)/tests/make/%: tests/make/test_%.sh
	@mkdir -p $(@D)
	@printf '#!/bin/sh\nexec "%s/%s" "%s"\n' "$(CURDIR)" $< "$(CURDIR)" > $@
	@chmod +x $@

# Objects are kept, so an edit rebuilds one binary and not all of them.
.PRECIOUS: $(BUILD)/tests/unit/%.o $(BUILD)/tests/integration/%.o

$(BUILD)/tests/unit/%.o: tests/unit/%.c
	@mkdir -p $(@D)
	@printf "  %-6s %s\n" HOSTCC $@; $(HARNESS_CC) $(TEST_CFLAGS) -c $< -o $@

$(BUILD)/tests/common/%.o: common/%.c
	@mkdir -p $(@D)
	@printf "  %-6s %s\n" HOSTCC $@; $(HARNESS_CC) $(TEST_CFLAGS) -c $< -o $@

$(BUILD)/tests/unit/common/test_common_crc32: $(BUILD)/tests/common/crc32.o
$(BUILD)/tests/unit/common/test_common_params: $(BUILD)/tests/common/params.o \
	$(BUILD)/tests/common/crc32.o
$(BUILD)/tests/vmm/%.o: vbench-vmm/%.c
	@mkdir -p $(@D)
	@printf "  %-6s %s\n" HOSTCC $@; $(HARNESS_CC) $(TEST_CFLAGS) -c $< -o $@

# vbench-vmm's device models, built for the host
$(BUILD)/tests/unit/vmm/test_vmm_dev: $(BUILD)/tests/vmm/dev.o
$(BUILD)/tests/unit/vmm/test_vmm_boot: $(BUILD)/tests/vmm/boot.o
# vbench-linux's event and mapping code, built for the host
$(BUILD)/tests/linux/%.o: vbench-linux/%.c
	@mkdir -p $(@D)
	@printf "  %-6s %s\n" HOSTCC $@; $(HARNESS_CC) $(TEST_CFLAGS) -c $< -o $@
$(BUILD)/tests/unit/linux/test_vl: $(BUILD)/tests/linux/events.o $(BUILD)/tests/linux/mapping.o
$(BUILD)/tests/unit/linux/test_guest: $(BUILD)/tests/linux/guest.o
# test_common_pgtable: common/pgtable.c comes with libvbench.a (vbench checks configurations with it)

# The cli tests run the vbench program itself.
$(BUILD)/tests/unit/cli/test_cli $(BUILD)/tests/unit/cli/test_compare_cli \
	$(BUILD)/tests/unit/cli/test_charts_cli $(BUILD)/tests/unit/cli/test_cli_launch \
	$(BUILD)/tests/unit/cli/test_parse_stream $(BUILD)/tests/unit/cli/test_docs \
	$(BUILD)/tests/unit/cli/test_perf_ingest $(BUILD)/tests/unit/cli/test_linux_pair_cli \
	$(BUILD)/tests/unit/cli/test_linux_charts_cli: | $(VBENCH)

$(BUILD)/tests/integration/%.o: tests/integration/%.c
	@mkdir -p $(@D)
	@printf "  %-6s %s\n" HOSTCC $@; $(HARNESS_CC) $(TEST_CFLAGS) -Itests/integration -c $< -o $@

$(BUILD)/tests/integration/%: $(BUILD)/tests/integration/%.o $(IT_HELPERS) $(HARNESS_LIB) \
		| $(VBENCH)
	@printf "  %-6s %s\n" HOSTCC $@; $(HARNESS_CC) $(TEST_CFLAGS) -o $@ $(filter %.o %.a,$^) $(TEST_LDLIBS)

$(BUILD)/tests/unit/%: $(BUILD)/tests/unit/%.o $(TEST_HELPERS) $(HARNESS_LIB)
	@printf "  %-6s %s\n" HOSTCC $@; $(HARNESS_CC) $(TEST_CFLAGS) -o $@ $^ $(TEST_LDLIBS)

-include $(TEST_BINS:=.d) $(TEST_HELPERS:.o=.d) $(IT_BINS:=.d) $(IT_HELPERS:.o=.d) \
	$(wildcard $(BUILD)/tests/common/*.d) $(wildcard $(BUILD)/tests/vmm/*.d) \
	$(wildcard $(BUILD)/tests/linux/*.d)

# vbench-linux built for the host: test_linux_remote runs it through a target's `remote`
$(BUILD)/tests/linux/vbench-linux-host: $(LINUX_SRCS) $(wildcard vbench-linux/*.h)
	@mkdir -p $(@D)
	@printf "  %-6s %s\n" HOSTCC $@; $(HARNESS_CC) -std=c11 -D_GNU_SOURCE -O2 -Wall -Wextra \
		-Werror -Icommon/include -Imicrobench -o $@ $(LINUX_SRCS)
$(BUILD)/tests/unit/cli/test_linux_remote: | $(VBENCH) $(BUILD)/tests/linux/vbench-linux-host
