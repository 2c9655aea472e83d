# Builds one target's images from its target file:
#   $(BUILD)/<target>/virt.elf    hyp-min with guest-min embedded
#   $(BUILD)/<target>/native.elf  guest-min alone
# (and .bin copies for boards that load raw binaries).
# Called by the top Makefile as: make -f mk/image.mk TARGET=<name> BUILD=<dir>

BUILD ?= build
ifeq ($(TARGET),)
$(error TARGET is not set: make -f mk/image.mk TARGET=<name>, a file in bench/targets/)
endif
CONF := bench/targets/$(TARGET).conf
ifeq ($(wildcard $(CONF)),)
$(error $(CONF): no such target file (see bench/targets/))
endif
include $(CONF)

# Checked here so a bad target file fails with its name, not deep in a compile.
REQUIRED := arch cpu ram_base ram_size test_base test_size uart uart_base gic_version emulated halt launch vdev_ipa
$(foreach k,$(REQUIRED),$(if $(strip $($(k))),,$(error $(CONF): '$(k)' is missing)))

# A GIC frame is its base and its size (docs/targets.md); one without the other is a mistake.
$(foreach g,gicd gicc gich gicv gicr,$(if $(strip $($(g)_base)),$(if $(strip $($(g)_size)),,\
	$(error $(CONF): '$(g)_base' is given but '$(g)_size' is missing)),$(if $(strip $($(g)_size)),\
	$(error $(CONF): '$(g)_size' is given but '$(g)_base' is missing))))
load_addr := $(or $(strip $(load_addr)),$(ram_base))

CROSS_armv7 := arm-none-eabi-
CROSS_armv8 := aarch64-linux-gnu-
CROSS := $(CROSS_$(arch))
ifeq ($(CROSS),)
$(error $(CONF): arch = '$(arch)': expected armv7 or armv8)
endif
UART_SRC := common/uart_$(uart).c
ifeq ($(wildcard $(UART_SRC)),)
$(error $(CONF): uart = '$(uart)': no driver $(UART_SRC))
endif
GIC_SRC := common/gic/v$(gic_version).c
ifeq ($(wildcard $(GIC_SRC)),)
$(error $(CONF): gic_version = '$(gic_version)': no driver $(GIC_SRC))
endif

# V=1 shows the commands
Q := $(if $(filter 1,$(V)),,@)
say = $(if $(Q),@printf '  %-6s %s\n' $(1) $(2);,)

CC      := $(CROSS)gcc
OBJCOPY := $(CROSS)objcopy
NM      := $(CROSS)nm
OUT     := $(BUILD)/$(TARGET)

ARCH_CFLAGS_armv7 := -mfloat-abi=soft
ARCH_CFLAGS_armv8 := -mgeneral-regs-only

DEFS := -DTARGET_NAME='"$(TARGET)"' -DTARGET_CPU='"$(cpu)"' \
	-DTARGET_RAM_BASE=$(ram_base) -DTARGET_RAM_SIZE=$(ram_size) \
	-DTARGET_TEST_BASE=$(test_base) -DTARGET_TEST_SIZE=$(test_size) \
	-DTARGET_LOAD_ADDR=$(load_addr) \
	-DTARGET_UART_BASE=$(uart_base) -DTARGET_UART_REG_SHIFT=$(or $(uart_reg_shift),0) \
	-DTARGET_UART_REG_WIDTH=$(or $(uart_reg_width),4) -DTARGET_GIC_VERSION=$(gic_version) \
	$(foreach g,gicd gicc gich gicv gicr,-DTARGET_$(shell echo $(g) | tr a-z A-Z)_BASE=$(or $($(g)_base),0) \
		-DTARGET_$(shell echo $(g) | tr a-z A-Z)_SIZE=$(or $($(g)_size),0)) \
	-DTARGET_EMULATED=$(if $(filter yes,$(emulated)),1,0) \
	-DTARGET_HALT_PSCI_OFF=$(if $(filter psci-off,$(halt)),1,0) \
	-DTARGET_VDEV_IPA=$(vdev_ipa) -DTARGET_PMU_EVENTS='"$(pmu_events)"'

CFLAGS := -std=gnu11 -O2 -g -Wall -Wextra -Werror -ffreestanding -fno-builtin \
	-fno-tree-loop-distribute-patterns -fno-pic -fno-stack-protector \
	$(ARCH_CFLAGS_$(arch)) $(cflags) $(DEFS) -MMD -MP
COMMON_INC := -Icommon/include/libc -Icommon/include -Icommon/arch/$(arch)/include -I$(OUT)
LDFLAGS := -nostdlib -static -no-pie -Wl,--build-id=none -Wl,--no-warn-rwx-segments

COMMON_SRC := common/crc32.c common/fmt.c common/record.c common/params.c common/params_rx.c \
	common/board.c common/pgtable.c common/xlat.c common/libc_string.c common/pmu.c common/halt.c \
	common/uart.c \
	$(UART_SRC) $(GIC_SRC) \
	$(wildcard common/arch/$(arch)/*.c)
GUEST_SRC := $(wildcard guest-min/*.c guest-min/arch/$(arch)/*.c guest-min/arch/$(arch)/*.S) \
	$(wildcard microbench/*.c) $(COMMON_SRC)
VGIC_SRC := hyp-min/vgic/v$(gic_version).c
HYP_SRC := $(wildcard hyp-min/*.c hyp-min/arch/$(arch)/*.c hyp-min/arch/$(arch)/*.S) \
	$(VGIC_SRC) $(COMMON_SRC)

GUEST_INC := $(COMMON_INC) -Iguest-min/include -Imicrobench
HYP_INC   := $(COMMON_INC) -Ihyp-min/include -Ihyp-min/arch/$(arch)/include

objs = $(patsubst %,$(OUT)/$(1)/%.o,$(basename $(2)))
GUEST_OBJ := $(call objs,guest,$(GUEST_SRC))
HYP_OBJ   := $(call objs,hyp,$(HYP_SRC)) $(OUT)/hyp/guest_image.o

all: $(OUT)/virt.elf $(OUT)/native.elf $(OUT)/virt.bin $(OUT)/native.bin

# The memory map is checked on the host before anything is compiled, with the
# images' own code (common/board.c): overlapping frames, a GICV whose pages
# would expose GICH, an address a listed granule cannot map stop the build here.
HOSTCC ?= cc
$(OUT)/board_check: mk/board_check.c common/board.c common/include/vb/board.h $(CONF)
	@mkdir -p $(@D)
	$(call say,HOSTCC,$@)$(HOSTCC) -std=gnu11 -Wall -Wextra -Werror $(DEFS) \
		-DTARGET_GRANULES='"$(granules)"' -DTARGET_CONF='"$(CONF)"' -Icommon/include \
		mk/board_check.c common/board.c -o $@
$(OUT)/board.ok: $(OUT)/board_check
	$(Q)$< && touch $@
$(GUEST_OBJ) $(HYP_OBJ) $(OUT)/guest.ld $(OUT)/hyp.ld: $(OUT)/board.ok

# The revision is compiled in; the header changes only when the revision does.
REV := $(shell git describe --always --dirty 2>/dev/null || echo unknown)
$(shell mkdir -p $(OUT) && echo '#define BUILD_REV "$(REV)"' > $(OUT)/build_rev.h.new && \
	(cmp -s $(OUT)/build_rev.h.new $(OUT)/build_rev.h || mv $(OUT)/build_rev.h.new $(OUT)/build_rev.h); \
	rm -f $(OUT)/build_rev.h.new)

$(OUT)/guest/%.o: %.c $(CONF)
	@mkdir -p $(@D)
	$(call say,CC,$@)$(CC) $(CFLAGS) $(GUEST_INC) -c $< -o $@
$(OUT)/guest/%.o: %.S $(CONF)
	@mkdir -p $(@D)
	$(call say,CC,$@)$(CC) $(CFLAGS) $(GUEST_INC) -c $< -o $@
$(OUT)/hyp/%.o: %.c $(CONF)
	@mkdir -p $(@D)
	$(call say,CC,$@)$(CC) $(CFLAGS) $(HYP_INC) -c $< -o $@
$(OUT)/hyp/%.o: %.S $(CONF)
	@mkdir -p $(@D)
	$(call say,CC,$@)$(CC) $(CFLAGS) $(HYP_INC) -c $< -o $@

$(OUT)/%.ld: $(CONF)
	@mkdir -p $(@D)
	$(call say,LDS,$@)$(CC) -E -P -x c -D__ASSEMBLER__ $(DEFS) $(COMMON_INC) $(LDS_$*) -o $@
LDS_guest := guest-min/guest.ld.S
LDS_hyp   := hyp-min/hyp.ld.S
$(OUT)/guest.ld: guest-min/guest.ld.S
$(OUT)/hyp.ld: hyp-min/hyp.ld.S

$(OUT)/guest.elf: $(GUEST_OBJ) $(OUT)/guest.ld
	$(call say,LD,$@)$(CC) $(CFLAGS) $(LDFLAGS) -T $(OUT)/guest.ld $(GUEST_OBJ) -lgcc -o $@
$(OUT)/guest.bin: $(OUT)/guest.elf
	$(call say,BIN,$@)$(OBJCOPY) -O binary $< $@
$(OUT)/native.elf: $(OUT)/guest.elf
	$(Q)cp $< $@

$(OUT)/hyp/guest_image.o: hyp-min/guest_image.S $(OUT)/guest.bin
	@mkdir -p $(@D)
	$(call say,AS,$@)$(CC) $(CFLAGS) -DGUEST_BIN='"$(OUT)/guest.bin"' -c $< -o $@
$(OUT)/virt.elf: $(HYP_OBJ) $(OUT)/hyp.ld $(OUT)/hyp_layout.h
	$(call say,LD,$@)$(CC) $(CFLAGS) $(LDFLAGS) -T $(OUT)/hyp.ld $(HYP_OBJ) -lgcc -o $@
	$(Q)$(call hyp_layout,$@) | cmp -s - $(OUT)/hyp_layout.h || \
		{ echo "$@: hyp-min's addresses moved with the guest image (hyp_layout.h)" >&2; \
		  rm -f $@; exit 1; }

# Where hyp-min keeps its stack and tables, for the isolation probes (microbench/probe_isolation.c)
# to aim at: read from hyp-min linked without the guest, which lies above it and moves nothing.
hyp_layout = $(NM) $(1) | awk '$$3 == "hyp_stack_top" { s = $$1 } $$3 == "hyp_pool_mem" { h = $$1 } \
	$$3 == "s2_pool_mem" { t = $$1 } END { if (!s || !h || !t) exit 1; \
	print "\#define HYP_LAYOUT_STACK_TOP 0x" s; print "\#define HYP_LAYOUT_HYP_TABLES 0x" h; \
	print "\#define HYP_LAYOUT_S2_TABLES 0x" t }'
$(OUT)/hyp-alone.elf: $(filter-out $(OUT)/hyp/guest_image.o,$(HYP_OBJ)) $(OUT)/hyp.ld
	$(call say,LD,$@)$(CC) $(CFLAGS) $(LDFLAGS) -T $(OUT)/hyp.ld $(filter %.o,$^) -lgcc -o $@
$(OUT)/hyp_layout.h: $(OUT)/hyp-alone.elf
	$(call say,GEN,$@)$(call hyp_layout,$<) > $@.new && mv $@.new $@
$(OUT)/guest/microbench/probe_isolation.o: $(OUT)/hyp_layout.h

$(OUT)/%.bin: $(OUT)/%.elf
	$(call say,BIN,$@)$(OBJCOPY) -O binary $< $@

.PHONY: all
-include $(GUEST_OBJ:.o=.d) $(HYP_OBJ:.o=.d)
