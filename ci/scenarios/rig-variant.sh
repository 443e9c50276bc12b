# purpose: the machine is the variant the group asked for (XVC_X2APIC, XVC_IOMMU, XVC_DEVICES): x2APIC in CPUID, the root's APIC mode (x2APIC only with interrupt remapping in extended mode), the IOMMU, each test device at its fixed PCI address (igb's VFs where rig.md says), NIC pairs joined by their hub; and COM3 (0x3e8) reaches cell.log (host checker)
# SPDX-License-Identifier: GPL-2.0-only
set -u
fail() { echo "FAIL: $*"; exit 1; }
x2apic=${XVC_X2APIC:-0} iommu=${XVC_IOMMU:-none} devices=$(echo "${XVC_DEVICES:-}" | tr , ' ')
echo "rig $XVC_RIG: x2apic=$x2apic iommu=$iommu devices='$devices' modules='${XVC_MODULES:-}'"

# --- x2APIC: CPUID, and the mode Linux chose for its APICs ------------------
if grep -m1 '^flags' /proc/cpuinfo | grep -qw x2apic; then has=1; else has=0; fi
[ $has = $x2apic ] || fail "x2apic in /proc/cpuinfo flags: $has, the rig asked for $x2apic"
# Linux 6.1 turns x2APIC on only with interrupt remapping in extended mode.
want_mode=xAPIC
[ $x2apic = 1 ] && [ "$iommu" != none ] && want_mode=x2APIC
if modprobe msr 2>/dev/null && [ -e /dev/cpu/0/msr ]; then
	base=$(dd if=/dev/cpu/0/msr bs=8 count=1 iflag=skip_bytes skip=$((0x1b)) 2>/dev/null |
		od -An -tx8 | tr -d ' ')
	[ -n "$base" ] || fail "cannot read IA32_APIC_BASE through /dev/cpu/0/msr"
	mode=xAPIC; [ $(( (0x$base >> 10) & 1 )) = 1 ] && mode=x2APIC
	echo "CPU 0 IA32_APIC_BASE 0x$base: $mode"
	[ $mode = $want_mode ] || fail "Linux runs CPU 0's APIC in $mode mode, expected $want_mode"
else
	echo "no msr module in this initramfs (group line 'modules msr'): APIC mode from dmesg only"
	if dmesg | grep -q "x2apic enabled"; then mode=x2APIC; else mode=xAPIC; fi
	[ $mode = $want_mode ] || fail "dmesg says $mode, expected $want_mode"
fi

# --- IOMMU ----------------------------------------------------------------------
units=$(ls /sys/class/iommu 2>/dev/null | tr '\n' ' ')
echo "IOMMU units: ${units:-none}"
case $iommu in
none) [ -z "$units" ] || fail "an IOMMU ($units) on a rig without one" ;;
intel)
	[ -e /sys/class/iommu/dmar0 ] || fail "no VT-d unit (/sys/class/iommu/dmar0)"
	dmesg | grep -q "DMAR-IR: Enabled IRQ remapping in $(echo $want_mode | tr A-Z a-z) mode" ||
		fail "no 'DMAR-IR: Enabled IRQ remapping in $want_mode mode': $(dmesg | grep DMAR-IR)" ;;
intel-hv)
	# the unit is there for the hypervisor, and Linux left it alone
	[ -e /sys/firmware/acpi/tables/DMAR ] || fail "no DMAR table: no VT-d unit"
	[ -z "$units" ] || fail "Linux drives an IOMMU ($units) that is the hypervisor's"
	! dmesg | grep -q "DMAR-IR: Enabled IRQ remapping" ||
		fail "Linux turned on VT-d interrupt remapping: $(dmesg | grep DMAR-IR)" ;;
intel-ir)
	# Linux remaps interrupts (for the hypervisor to take over), no DMA
	[ -e /sys/firmware/acpi/tables/DMAR ] || fail "no DMAR table: no VT-d unit"
	dmesg | grep -q "DMAR-IR: Enabled IRQ remapping in $(echo $want_mode | tr A-Z a-z) mode" ||
		fail "no 'DMAR-IR: Enabled IRQ remapping in $want_mode mode': $(dmesg | grep DMAR-IR)"
	! dmesg | grep -q "DMAR: Intel(R) Virtualization Technology for Directed I/O" ||
		fail "Linux turned on VT-d DMA remapping" ;;
amd)
	ls /sys/class/iommu | grep -q ivhd || fail "no AMD-Vi unit (/sys/class/iommu/ivhd*)"
	dmesg | grep -q "AMD-Vi: Interrupt remapping enabled" ||
		fail "AMD-Vi without interrupt remapping: $(dmesg | grep AMD-Vi | head -n 3)"
	# It is a PCI function of its own; where QEMU put it, for rig.md.
	for d in /sys/bus/pci/devices/*; do
		[ "$(cat $d/class)" = 0x080600 ] && echo "AMD-Vi PCI function: $(basename $d)"
	done ;;
amd-hv)
	# the unit is there for the hypervisor, and Linux left it alone
	[ -e /sys/firmware/acpi/tables/IVRS ] || fail "no IVRS table: no AMD-Vi unit"
	[ -z "$units" ] || fail "Linux drives an IOMMU ($units) that is the hypervisor's"
	! dmesg | grep -q "AMD-Vi: Interrupt remapping enabled" ||
		fail "Linux turned on AMD-Vi interrupt remapping" ;;
amd-ir)
	# Linux remaps interrupts (for the hypervisor to take over), its
	# devices' DMA in the identity (passthrough) domain
	ls /sys/class/iommu | grep -q ivhd || fail "no AMD-Vi unit (/sys/class/iommu/ivhd*)"
	dmesg | grep -q "AMD-Vi: Interrupt remapping enabled" ||
		fail "AMD-Vi without interrupt remapping: $(dmesg | grep AMD-Vi | head -n 3)"
	if [ $x2apic = 1 ]; then
		dmesg | grep -q "AMD-Vi: X2APIC enabled" ||
			fail "AMD-Vi remapping without x2APIC (xtsup): $(dmesg | grep AMD-Vi | head -n 3)"
	fi
	for g in /sys/kernel/iommu_groups/*/type; do
		[ "$(cat $g)" = identity ] || fail "IOMMU group $g is $(cat $g), not identity: Linux translates DMA (iommu=pt missing)"
	done ;;
esac

# --- test devices at their fixed addresses ------------------------------------
# slot:vendor:device per device name; the rig's promise (rig.md).
expect() {
	case $1 in
	edu) echo "0a.0:0x1234:0x11e8" ;;
	ivshmem) echo "0b.0:0x1af4:0x1110" ;;
	e1000e) echo "0c.0:0x8086:0x10d3 0d.0:0x8086:0x10d3" ;;
	igb) echo "06.0:0x8086:0x10c9 08.0:0x8086:0x10c9" ;;
	esac
}
for d in edu ivshmem e1000e igb; do
	for e in $(expect $d); do
		p=/sys/bus/pci/devices/0000:00:${e%%:*}
		want=${e#*:}
		if echo " $devices " | grep -q " $d "; then
			[ -d $p ] || fail "$d: nothing at 00:${e%%:*}"
			got=$(cat $p/vendor):$(cat $p/device)
			[ "$got" = "$want" ] || fail "$d: 00:${e%%:*} is $got, not $want"
			echo "$d at 00:${e%%:*} ($got)"
		else
			[ ! -d $p ] || [ "$(cat $p/vendor):$(cat $p/device)" != "$want" ] ||
				fail "$d at 00:${e%%:*} although the rig did not ask for it"
		fi
	done
done
if echo " $devices " | grep -q " igb "; then
	for pf in 06.0 08.0; do
		p=/sys/bus/pci/devices/0000:00:$pf
		off=$(cat $p/sriov_offset) stride=$(cat $p/sriov_stride) total=$(cat $p/sriov_totalvfs)
		echo "igb 00:$pf: $total VFs at devfn + $off, stride $stride"
		[ "$off/$stride/$total" = 128/2/8 ] || fail "igb 00:$pf SR-IOV layout $off/$stride/$total, rig.md says 128/2/8"
	done
fi
[ -z "$(echo " $devices " | grep " ivshmem ")" ] ||
	[ "$(stat -c %s /sys/bus/pci/devices/0000:00:0b.0/resource2)" = 1048576 ] ||
	fail "ivshmem's shared memory BAR is not 1 MiB"

# --- NIC pairs: what one sends, the other receives ---------------------------
for d in e1000e igb; do
	echo " $devices " | grep -q " $d " || continue
	modprobe $d 2>/dev/null || { echo "no $d module in this initramfs: link test skipped"; continue; }
	set -- $(expect $d)
	a=$(ls /sys/bus/pci/devices/0000:00:${1%%:*}/net 2>/dev/null) b=$(ls /sys/bus/pci/devices/0000:00:${2%%:*}/net 2>/dev/null)
	[ -n "$a" ] && [ -n "$b" ] || fail "$d: no network interfaces for its two NICs"
	ip link set $a up && ip link set $b up || fail "$d: cannot bring $a and $b up"
	# IPv6 neighbour/router solicitations start by themselves once up.
	i=0
	while [ $i -lt 100 ] && [ "$(cat /sys/class/net/$b/statistics/rx_packets)" = 0 ]; do
		sleep 0.1; i=$((i + 1))
	done
	tx=$(cat /sys/class/net/$a/statistics/tx_packets) rx=$(cat /sys/class/net/$b/statistics/rx_packets)
	echo "$d: $a sent $tx packets, $b received $rx"
	[ "$rx" -gt 0 ] || fail "$d: $b received nothing from $a in 10 s (hub?)"
	ip link set $a down; ip link set $b down
done

# --- COM3 ------------------------------------------------------------------------
# Linux drives only ttyS0 (8250.nr_uarts=1); write to COM3's transmit
# register directly, one byte at a time once it is empty (LSR bit 5).
grep -q "^0: uart:16550A port:000003F8" /proc/tty/driver/serial ||
	fail "ttyS0 is not the UART at 0x3f8: $(cat /proc/tty/driver/serial)"
grep -q "^1:" /proc/tty/driver/serial && fail "Linux has a second serial port: $(cat /proc/tty/driver/serial)"
port=$((0x3e8))
msg="XVC-COM3-$XVC_RIG"
# 8 data bits, no parity, 1 stop bit (LCR = 3): after reset the word
# length is 5 bits, and Bochs sends only those (QEMU ignores it).
printf '\003' | dd of=/dev/port bs=1 count=1 oflag=seek_bytes seek=$((port + 3)) conv=notrunc 2>/dev/null
i=0
while [ $i -lt ${#msg} ]; do
	n=0
	while [ $(( $(dd if=/dev/port bs=1 count=1 iflag=skip_bytes skip=$((port + 5)) 2>/dev/null |
			od -An -tu1) & 0x20 )) = 0 ]; do
		n=$((n + 1)); [ $n -lt 1000 ] || fail "COM3's transmitter never got empty"
	done
	printf '%s' "$(echo "$msg" | cut -c$((i + 1)))" |
		dd of=/dev/port bs=1 count=1 oflag=seek_bytes seek=$port conv=notrunc 2>/dev/null
	i=$((i + 1))
done
printf '\n' | dd of=/dev/port bs=1 count=1 oflag=seek_bytes seek=$port conv=notrunc 2>/dev/null
echo "wrote '$msg' to COM3 (0x3e8)"
echo "rig-variant: ok"
