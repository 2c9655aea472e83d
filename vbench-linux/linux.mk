# vbench-linux, the Linux rows through perf_event_open (docs/linux.md): static,
# for arm64 and armhf with Debian's cross toolchains. Included by the top Makefile.
#   $(BUILD)/linux/vbench-linux-arm64, vbench-linux-armhf   (make all, make linux)
#   $(BUILD)/linux/init.sh                                  the initramfs's /init

LINUX_CC_arm64 ?= aarch64-linux-gnu-gcc
LINUX_CC_armhf ?= arm-linux-gnueabihf-gcc
LINUX_DIR      := $(BUILD)/linux
LINUX_SRCS     := $(wildcard vbench-linux/*.c) common/record.c common/crc32.c common/fmt.c \
                  microbench/summary.c
LINUX_REV      := $(shell git describe --always --dirty 2>/dev/null || echo unknown)
LINUX_CFLAGS   := -std=c11 -D_GNU_SOURCE -O2 -Wall -Wextra -Werror -static -Icommon/include \
                  -Imicrobench -DBUILD_REV='"$(LINUX_REV)"'
LINUX_BINS     := $(LINUX_DIR)/vbench-linux-arm64 $(LINUX_DIR)/vbench-linux-armhf

.PHONY: linux
linux: $(LINUX_BINS)

$(LINUX_DIR)/vbench-linux-%: $(LINUX_SRCS) $(wildcard vbench-linux/*.h) common/include/vb/record.h
	@mkdir -p $(@D)
	@printf "  %-6s %s\n" LINUXCC $@; $(LINUX_CC_$*) $(LINUX_CFLAGS) -o $@ $(LINUX_SRCS)
