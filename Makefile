# vbench: what virtualization costs on ARM Cortex-A.  `make help` lists the goals.
#
# Every option, with its default:
# one output folder for everything
BUILD ?= build
# default targets (bench/targets/<name>.conf)
TARGETS ?= qemu-a15 qemu-a53 qemu-a72
# virt: guest-min under hyp-min (:lean or :full, its world-switch policy); native: alone
MODES ?= virt:lean virt:full native
# targets only the tests build besides TARGETS (qemu-max: 16 KiB granules; the boards:
# zcu102 and vexpress-a15 run on QEMU's models of them, orangepi-pc natively, rpi4 builds)
TEST_TARGETS ?= qemu-max zcu102 vexpress-a15 orangepi-pc rpi4
# where `make bench` leaves its run folders
RESULTS ?= results
# extra flags for `vbench run` in `make bench`
VBENCH_FLAGS ?= --deterministic --samples

VBENCH  := $(BUILD)/bin/vbench

.PHONY: all help deps images harness bench test check-format check-layers format clean

all: images harness

help:
	@echo "make bench         install what is missing, build, run the default suite on QEMU"
	@echo "make test          build and run every test; ends with 'N passed, N failed'"
	@echo "make all           build the images ($(BUILD)/<target>/{virt,native}.elf) and $(VBENCH)"
	@echo "make check-format  check the C formatting (clang-format); make format fixes it"
	@echo "make check-layers  check that harness/ folders include only folders below them"
	@echo "make clean         remove $(BUILD)/"
	@echo "options: BUILD=$(BUILD) TARGETS='$(TARGETS)' MODES='$(MODES)' RESULTS=$(RESULTS)"

deps:
	@scripts/install-deps.sh

# Each target is built by its own make, so its .conf variables stay its own.
images: $(addprefix image-,$(TARGETS))
image-%:
	@$(MAKE) --no-print-directory -f mk/image.mk TARGET=$* BUILD=$(BUILD)

include harness/harness.mk
include tests/tests.mk

harness: $(VBENCH)

bench: deps
	@$(MAKE) --no-print-directory all
	@scripts/run-suite.sh "$(VBENCH)" "$(RESULTS)" "$(TARGETS)" "$(MODES)" $(VBENCH_FLAGS)

test: deps
	@$(MAKE) --no-print-directory all test-bins $(addprefix image-,$(TEST_TARGETS))
	@scripts/check-format.sh
	@scripts/check-layers.sh
	@tests/run-tests.sh $(BUILD)

check-format:
	@scripts/check-format.sh

check-layers:
	@scripts/check-layers.sh

format:
	@scripts/check-format.sh --fix

clean:
	rm -rf $(BUILD)
