# vbench: what virtualization costs on ARM Cortex-A.  `make help` lists the goals.
#
# Every option, with its default:
# 1: build the harness and every host test with ASan + UBSan + LSan, into build-san/
SANITIZE ?=
# one output folder for everything (build-san with SANITIZE=1, so objects never mix)
ifeq ($(SANITIZE),1)
BUILD ?= build-san
endif
BUILD ?= build
# 0: make test leaves out the QEMU integration tests (minutes of QEMU; default with
# SANITIZE=1: they drive the same vbench code the unit tests drive with a fake QEMU)
INTEGRATION ?= $(if $(filter 1,$(SANITIZE)),0,1)
# flags added to the harness's and the host tests' compile and link lines
HARNESS_CFLAGS_EXTRA ?=
# seconds each fuzz target runs in `make fuzz` (make test runs each FUZZ_SMOKE_SECONDS)
FUZZ_SECONDS ?= 60
FUZZ_SMOKE_SECONDS ?= 5
# default targets (bench/targets/<name>.conf)
TARGETS ?= qemu-a15 qemu-a53 qemu-a72
# virt: guest-min under hyp-min (:lean or :full, its world-switch policy); native: alone
MODES ?= virt:lean virt:full native
# targets only the tests build besides TARGETS (qemu-max: 16 KiB granules; the boards:
# zcu102 and vexpress-a15 run on QEMU's models of them, orangepi-pc natively, rpi4 builds;
# qemu-a72-uboot, qemu-a15-uboot: started by U-Boot)
TEST_TARGETS ?= qemu-max zcu102 vexpress-a15 orangepi-pc rpi4 qemu-a72-uboot qemu-a15-uboot
# where `make bench` leaves its run folders
RESULTS ?= results
# extra flags for `vbench run` in `make bench`
VBENCH_FLAGS ?= --deterministic --samples

VBENCH  := $(BUILD)/bin/vbench

.PHONY: all help deps images harness bench perf test check-format check-layers format clean

all: images harness vmm linux

help:
	@echo "make bench         install what is missing, build, run the default suite on QEMU"
	@echo "make test          build and run every test; ends with 'N passed, N failed'"
	@echo "make test SANITIZE=1  the same with ASan + UBSan + LSan, in build-san/"
	@echo "make fuzz          run each fuzz target (tests/fuzz/) for FUZZ_SECONDS"
	@echo "make all           build the images ($(BUILD)/<target>/{virt,native}.elf) and $(VBENCH)"
	@echo "make vmm           build $(BUILD)/kvm/vbench-vmm, the KVM VMM for arm64 Linux (docs/kvm.md)"
	@echo "make kvm-selftest  fetch Debian's arm64 kernel and busybox, build the nested KVM initramfs"
	@echo "make perf          benchmark vbench itself on large synthetic inputs (docs/performance.md)"
	@echo "make check-format  check the C formatting (clang-format); make format fixes it"
	@echo "make check-layers  check that harness/ folders include only folders below them"
	@echo "make clean         remove $(BUILD)/"
	@echo "options: BUILD=$(BUILD) TARGETS='$(TARGETS)' MODES='$(MODES)' RESULTS=$(RESULTS)"
	@echo "         SANITIZE=1 INTEGRATION=0|1 HARNESS_CFLAGS_EXTRA='...'"
	@echo "         FUZZ_SECONDS=$(FUZZ_SECONDS) FUZZ_SMOKE_SECONDS=$(FUZZ_SMOKE_SECONDS)"

deps:
	@scripts/install-deps.sh

# Each target is built by its own make, so its .conf variables stay its own.
images: $(addprefix image-,$(TARGETS))
image-%:
	@$(MAKE) --no-print-directory -f mk/image.mk TARGET=$* BUILD=$(BUILD)

include harness/harness.mk
include tests/tests.mk
include tests/fuzz/fuzz.mk
include vbench-vmm/vmm.mk
include vbench-linux/linux.mk

harness: $(VBENCH)

bench: deps
	@$(MAKE) --no-print-directory all
	@scripts/run-suite.sh "$(VBENCH)" "$(RESULTS)" "$(TARGETS)" "$(MODES)" $(VBENCH_FLAGS)

# The host tools' benchmark: generated logs and run folders, targets checked.
GENLOG := $(BUILD)/bin/vb-genlog

$(GENLOG): bench/harness/genlog.c
	@mkdir -p $(@D)
	@printf "  %-6s %s\n" HOSTCC $@; $(HARNESS_CC) -std=c11 -O2 -Wall -Wextra -Werror -o $@ $< -lz

perf: $(VBENCH) $(GENLOG)
	@bench/harness/perf.sh $(VBENCH) $(GENLOG)

# The fuzz smoke runs are sanitized already: SANITIZE=1 does not build them twice.
TEST_FUZZ := $(if $(filter 1,$(SANITIZE)),,fuzz-bins)

ifeq ($(INTEGRATION),1)
test: deps
	@$(MAKE) --no-print-directory all test-bins $(TEST_FUZZ) $(addprefix image-,$(TEST_TARGETS)) \
		kvm-selftest
	@scripts/check-format.sh
	@scripts/check-layers.sh
	@tests/run-tests.sh $(BUILD)
else
test: deps
	@$(MAKE) --no-print-directory harness test-bins $(TEST_FUZZ)
	@scripts/check-format.sh
	@scripts/check-layers.sh
	@echo "make test: INTEGRATION=0: the QEMU integration tests (tests/integration/) do not run"
	@tests/run-tests.sh $(BUILD)
endif

check-format:
	@scripts/check-format.sh

check-layers:
	@scripts/check-layers.sh

format:
	@scripts/check-format.sh --fix

clean:
	rm -rf $(BUILD)
