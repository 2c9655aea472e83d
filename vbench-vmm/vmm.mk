# vbench-vmm, the KVM VMM for arm64 Linux (static), and the nested KVM self-test's
# boot files. Included by the top Makefile.
#   $(BUILD)/kvm/vbench-vmm          the VMM (make all)
#   $(BUILD)/kvm/vmlinuz, busybox    Debian's arm64 kernel and busybox (scripts/fetch-kvm.sh)
#   $(BUILD)/kvm/selftest.cpio.gz    initramfs: the VMM running vbench-vmm/selftest.S

VMM_CC     ?= aarch64-linux-gnu-gcc
VMM_OBJCOPY ?= aarch64-linux-gnu-objcopy
VMM_CFLAGS := -std=c11 -D_GNU_SOURCE -O2 -Wall -Wextra -Werror -static -Icommon/include
VMM_SRCS   := vbench-vmm/main.c vbench-vmm/dev.c vbench-vmm/stats.c vbench-vmm/row.c \
              vbench-vmm/boot.c \
              vbench-vmm/memslot.c
VMM        := $(BUILD)/kvm/vbench-vmm
KVM_DIR    := $(BUILD)/kvm

.PHONY: vmm kvm-selftest
vmm: $(VMM)
kvm-selftest: $(KVM_DIR)/selftest.cpio.gz

$(VMM): $(VMM_SRCS) $(wildcard vbench-vmm/*.h) common/include/vb/vdev.h \
		common/include/vb/kvmdev.h
	@mkdir -p $(@D)
	@printf "  %-6s %s\n" VMMCC $@; $(VMM_CC) $(VMM_CFLAGS) -o $@ $(VMM_SRCS)

$(KVM_DIR)/selftest.bin: vbench-vmm/selftest.S
	@mkdir -p $(@D)
	@printf "  %-6s %s\n" AS $@
	@$(VMM_CC) -nostdlib -static -Wl,-Ttext=0x40080000 -Wl,--build-id=none -o $@.elf $<
	@$(VMM_OBJCOPY) -O binary $@.elf $@

# Downloads once (about 35 MB); the script does nothing when the files are there.
$(KVM_DIR)/kernel-release:
	@printf "  %-6s %s\n" FETCH "$(KVM_DIR) (Debian linux-image-arm64, busybox-static)"
	@scripts/fetch-kvm.sh $(KVM_DIR) >/dev/null

$(KVM_DIR)/vmm.args: vbench-vmm/selftest.args
	@cp $< $@

$(KVM_DIR)/selftest.cpio.gz: vbench-vmm/initramfs.sh vbench-vmm/init.sh $(VMM) \
		$(KVM_DIR)/selftest.bin $(KVM_DIR)/vmm.args $(KVM_DIR)/kernel-release
	@printf "  %-6s %s\n" CPIO $@
	@vbench-vmm/initramfs.sh $@ $(KVM_DIR)/busybox vbench-vmm/init.sh $(VMM) \
		$(KVM_DIR)/selftest.bin $(KVM_DIR)/vmm.args
