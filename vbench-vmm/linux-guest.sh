#!/bin/sh
# The Linux guest's machine for vbench-vmm --linux (docs/linux.md): writes
# OUTDIR/guest.dtb (compiled by dtc from the .dts written here) and
# OUTDIR/vmm.args, vbench-vmm's arguments with the same addresses, so the
# memory map is in this one file. IMAGE and INITRD are read for their sizes
# and named in vmm.args by their base names, at the initramfs's root.
#   usage: vbench-vmm/linux-guest.sh OUTDIR IMAGE INITRD 'BOOTARGS'
set -eu

if [ $# -ne 4 ]; then
	echo "usage: vbench-vmm/linux-guest.sh OUTDIR IMAGE INITRD 'BOOTARGS'" >&2
	exit 2
fi
out=$1 image=$2 initrd=$3 bootargs=$4
case $bootargs in *'"'* | *'\'*)
	echo "linux-guest.sh: the command line may not hold \" or \\" >&2
	exit 2
	;;
esac
command -v dtc >/dev/null || {
	echo "linux-guest.sh: no dtc (Debian's device-tree-compiler; scripts/install-deps.sh)" >&2
	exit 2
}

# 768 MiB of RAM (Linux turns THP off below 512 MiB of usable RAM); QEMU virt's device
# addresses. The Image at a 2 MiB aligned base plus its text_offset (0 since
# Linux 5.8; read from the header), the DTB and the initramfs 128 MiB up,
# past the kernel's image_size (vbench-vmm checks nothing overlaps).
ram_base=0x40000000 ram_size=0x30000000
gicd=0x08000000 gicr=0x080a0000 uart=0x09000000 vdev=0x0c000000
uart_spi=1 # INTID 33
text_offset=$(od -An -t u8 -j 8 -N 8 "$image" | tr -d ' ')
kernel=$((0x40200000 + text_offset))
dtb=$((0x48000000))
initrd_start=$((0x48200000))
initrd_end=$((initrd_start + $(wc -c <"$initrd")))
hex() { printf '0x%x' "$1"; }

mkdir -p "$out"
cat >"$out/guest.dts" <<EOF
/dts-v1/;

/ {
	compatible = "vbench,vbench-vmm";
	model = "vbench-vmm (KVM)";
	interrupt-parent = <&gic>;
	#address-cells = <2>;
	#size-cells = <2>;

	chosen {
		bootargs = "$bootargs";
		stdout-path = "/pl011@9000000";
		linux,initrd-start = <0x0 $(hex $initrd_start)>;
		linux,initrd-end = <0x0 $(hex $initrd_end)>;
	};

	memory@40000000 {
		device_type = "memory";
		reg = <0x0 $ram_base 0x0 $ram_size>;
	};

	cpus {
		#address-cells = <1>;
		#size-cells = <0>;
		cpu@0 {
			device_type = "cpu";
			compatible = "arm,arm-v8";
			reg = <0x0>;
			enable-method = "psci";
		};
	};

	/* KVM's in-kernel PSCI 0.2 and later, called with HVC: KVM sits at EL2 */
	psci {
		compatible = "arm,psci-0.2";
		method = "hvc";
	};

	gic: interrupt-controller@8000000 {
		compatible = "arm,gic-v3";
		#interrupt-cells = <3>;
		interrupt-controller;
		reg = <0x0 $gicd 0x0 0x10000>, <0x0 $gicr 0x0 0x20000>;
	};

	/* secure, non-secure physical, virtual, hypervisor: PPIs 13, 14, 11, 10 */
	timer {
		compatible = "arm,armv8-timer";
		interrupts = <1 13 4>, <1 14 4>, <1 11 4>, <1 10 4>;
	};

	/* KVM's PMU for the vCPU (vbench-vmm --pmu): PPI 7, INTID 23 */
	pmu {
		compatible = "arm,armv8-pmuv3";
		interrupts = <1 7 4>;
	};

	apb_pclk: clock {
		compatible = "fixed-clock";
		#clock-cells = <0>;
		clock-frequency = <24000000>;
		clock-output-names = "clk24mhz";
	};

	pl011@9000000 {
		compatible = "arm,pl011", "arm,primecell";
		reg = <0x0 $uart 0x0 0x1000>;
		interrupts = <0 $uart_spi 4>;
		clocks = <&apb_pclk>, <&apb_pclk>;
		clock-names = "uartclk", "apb_pclk";
	};
};
EOF
dtc -q -I dts -O dtb -o "$out/guest.dtb" "$out/guest.dts"
echo "--ram $ram_base:$ram_size --linux /$(basename "$image")@$(hex $kernel)" \
	"--dtb /guest.dtb@$(hex $dtb) --initrd /$(basename "$initrd")@$(hex $initrd_start)" \
	"--uart $uart --uart-irq $((32 + uart_spi)) --vdev $vdev --gicv3 $gicd:$gicr --pmu" \
	>"$out/vmm.args"
