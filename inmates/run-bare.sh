#!/bin/bash
# SPDX-License-Identifier: GPL-2.0-only
#
# Boot one inmate bare (no hypervisor) in QEMU and print its serial output.
#
#   run-bare.sh DEMO [extra QEMU args...]
#
# DEMO is a demo or test name (tiny-demo, apic-demo, smp-demo, mem-read, ...)
# or a path to an .elf/.bin inmate image.  Environment:
#   APPEND    inmate command line          (default: pm_timer=0x608)
#   TIMEOUT   seconds before QEMU is killed (default: 30)
#   EXPECT    extended regex; stop as soon as a serial line matches it, and
#             exit 1 if none did before the timeout
#   GIVE_UP   extended regex; stop at once when a line matches it
#             (default: ^FATAL:, the library's exception report)
#   SMP       number of CPUs               (default: 2 for smp-demo, else 1)
#   ACCEL     QEMU accelerator             (default: tcg)
#   CPU       QEMU CPU model               (default: EPYC-Rome,+svm,+npt)
#   QEMU      the emulator to run          (default: qemu-system-x86_64;
#             ci/fetch-qemu10 --print-cmd names QEMU 10)
#   OUTPUT    keep the serial output in this file
#   BOOT      multiboot (default): QEMU -kernel with SeaBIOS, multiboot entry
#             reset: no BIOS; reset-rom.S starts the image in real mode at
#             0:0 from CPU reset state, as xvcell does, with the command
#             line written into the image's page at 0x1000 like its loader
#
# Only one QEMU runs at a time; it is killed by its PID when done.

set -u

here=$(cd "$(dirname "$0")" && pwd)

usage() {
	sed -n '3,28p' "$0" | sed 's/^# \{0,1\}//'
	exit 2
}

[ $# -ge 1 ] || usage
demo=$1
shift

find_image() {
	local name=$1 candidate

	for candidate in "$name" "$here/demos/x86/$name.elf" "$here/tests/$name.elf"; do
		if [ -f "$candidate" ]; then
			echo "$candidate"
			return 0
		fi
	done
	return 1
}

image=$(find_image "$demo") || {
	make -s -C "$here" >&2 || exit 2
	image=$(find_image "$demo") || { echo "run-bare: no inmate '$demo'" >&2; exit 2; }
}

append=${APPEND-pm_timer=0x608}
timeout=${TIMEOUT:-30}
expect=${EXPECT:-}
give_up=${GIVE_UP-^FATAL:}
accel=${ACCEL:-tcg}
cpu=${CPU:-EPYC-Rome,+svm,+npt}
qemu=${QEMU:-qemu-system-x86_64}
case "$(basename "$image")" in
smp-demo*) smp=${SMP:-2} ;;
*) smp=${SMP:-1} ;;
esac

workdir=$(mktemp -d)
serial=${OUTPUT:-$workdir/serial.txt}
: > "$serial"

# A 128 KiB ROM: image with command line at 0, reset-rom.bin at 0x1f000.
make_reset_rom() {
	local flat=${image%.elf}.bin rom=$workdir/rom.bin stub=$here/reset-rom.bin

	[ -f "$stub" ] || make -s -C "$here" reset-rom.bin >&2 || return 1
	[ -f "$flat" ] || { echo "run-bare: BOOT=reset needs $flat" >&2; return 1; }
	if [ "$(stat -c %s "$flat")" -gt 65536 ]; then
		echo "run-bare: BOOT=reset copies only 64 KiB; $flat is larger" >&2
		return 1
	fi
	cp "$flat" "$rom"
	printf '%s\0' "${append:0:4095}" | dd of="$rom" bs=1 seek=4096 conv=notrunc status=none
	truncate -s $((0x1f000)) "$rom"
	cat "$stub" >> "$rom"
	echo "$rom"
}

case "${BOOT:-multiboot}" in
multiboot)
	boot_args=(-kernel "$image" -append "$append")
	;;
reset)
	rom=$(make_reset_rom) || exit 2
	boot_args=(-bios "$rom")
	;;
*)
	echo "run-bare: BOOT must be multiboot or reset" >&2
	exit 2
	;;
esac

"$qemu" -machine q35 -accel "$accel" -cpu "$cpu" -smp "$smp" -m 128M \
	-display none -no-reboot -serial "file:$serial" -monitor none \
	"${boot_args[@]}" "$@" \
	</dev/null >"$workdir/qemu.log" 2>&1 &
qemu_pid=$!

cleanup() {
	kill "$qemu_pid" 2>/dev/null
	wait "$qemu_pid" 2>/dev/null
	rm -rf "$workdir"
}
trap cleanup EXIT

matched=1
deadline=$((SECONDS + timeout))
while [ $SECONDS -lt $deadline ] && kill -0 "$qemu_pid" 2>/dev/null; do
	if [ -n "$expect" ] && tr -d '\r' < "$serial" | grep -qE "$expect"; then
		matched=0
		break
	fi
	if [ -n "$give_up" ] && tr -d '\r' < "$serial" | grep -qE "$give_up"; then
		# Let the rest of the report arrive.
		sleep 0.5
		break
	fi
	sleep 0.2
done
# A last look: the line may have arrived just before QEMU exited.
if [ -n "$expect" ] && [ $matched -ne 0 ] && tr -d '\r' < "$serial" | grep -qE "$expect"; then
	matched=0
fi

tr -d '\r' < "$serial"
if ! kill -0 "$qemu_pid" 2>/dev/null && grep -qv "TCG doesn't support" "$workdir/qemu.log"; then
	echo "run-bare: QEMU exited:" >&2
	grep -v "TCG doesn't support" "$workdir/qemu.log" >&2
fi
if [ -n "$expect" ]; then
	exit $matched
fi
exit 0
