# purpose: bad input to enable/disable/rmmod gets a specific error and changes nothing (twice, not enabled, rmmod, malformed, wrong board, MMIO debug UART, too small, root without Linux's RAM)
# SPDX-License-Identifier: GPL-2.0-only
set -u
. /tmp/xvc-scenarios/lib-xvc.sh
ensure_module
dmesg -c >/dev/null
sys=$(system_config)

# expect_refusal WHAT EXPECTED-TEXT COMMAND...: exit status 1, the text in
# the tool's output or the kernel log, and the hypervisor state unchanged.
expect_refusal() {
	what=$1 text=$2; shift 2
	before=$(cat /sys/devices/xvcell/enabled)
	dmesg -c >/dev/null
	out=$("$@" 2>&1); st=$?
	msgs="$out
$(dmesg)"
	echo "[$what] status $st: $(echo "$msgs" | grep -i -m1 "$text")"
	[ $st -eq 1 ] || fail "$what: exit status $st, expected 1: $out"
	echo "$msgs" | grep -qi "$text" || fail "$what: no message matching '$text': $msgs"
	[ "$(cat /sys/devices/xvcell/enabled)" = "$before" ] || fail "$what changed the enabled state"
}

# Patch LEN little-endian bytes at OFFSET of a copy of the system config.
patched() {
	cp $sys /tmp/p.cell
	printf "$3" | dd of=/tmp/p.cell bs=1 seek=$1 conv=notrunc 2>/dev/null
	echo /tmp/p.cell
}

expect_refusal "disable while disabled" "not enabled" xvcell disable
head -c 100 $sys > /tmp/trunc.cell
expect_refusal "truncated config" "trunc\|size" xvcell enable /tmp/trunc.cell
dd if=/dev/urandom of=/tmp/garbage.cell bs=512 count=2 2>/dev/null
expect_refusal "garbage config" "magic" xvcell enable /tmp/garbage.cell
expect_refusal "cell config as system" "magic\|kind\|system" xvcell enable $configs/tiny-demo.cell

case ${XVC_EXPECT_VENDOR:-svm} in
svm) other=$configs/bochs-vmx.cell ;;
vmx) other=$configs/qemu-svm.cell ;;
esac
expect_refusal "config of the other board" "not entirely reserved\|no memory region of the root\|CPU" xvcell enable $other

# The debug console (offset 48: address, size, type) as an MMIO UART at
# 0xfed40000, which no root region covers: the hypervisor prints from its
# first instant, before it maps device memory, so it is refused.
expect_refusal "MMIO debug UART" "MMIO UART" \
	xvcell enable $(patched 48 13 '\0\0\324\376\0\0\0\0\40\0\0\0\2')

# hypervisor_memory.size (offset 32) = 64 MiB: more than the 32 MiB memmap=.
expect_refusal "reservation too small" "reserved\|hypervisor" xvcell enable $(patched 32 8 '\0\0\0\4\0\0\0\0')

# Hypervisor memory where image, config and per-CPU areas fit but the page
# pool has 2 pages: the failure comes from inside the hypervisor, after
# every CPU entered.  All CPUs must come back to Linux, and the
# hypervisor's last words must stay readable.  Sizes from the image header
# (core_size at offset 32, percpu_size at 136) and the config's size.
core=$(od -An -tu8 -j32 -N8 /lib/firmware/xvcell.bin | tr -d ' ')
percpu=$(od -An -tu4 -j136 -N4 /lib/firmware/xvcell.bin | tr -d ' ')
ncpu=$(grep -c ^processor /proc/cpuinfo)
cfg=$(( (core + 7) / 8 * 8 + $(wc -c < $sys) ))
size=$(( (cfg + percpu - 1) / percpu * percpu + ncpu * percpu + 2 * 4096 + 16 * 4096 ))
hex=$(printf '%016x' $size)
bytes=""
for i in 14 12 10 8 6 4 2 0; do bytes="$bytes\\$(printf '%o' 0x${hex:$i:2})"; done
expect_refusal "hypervisor memory too small" "enable failed" xvcell enable $(patched 32 8 "$bytes")
xvcell console | grep -q "page pool exhausted" ||
	fail "the hypervisor's reason for the failed enable is not readable: $(xvcell console | tail -n 3)"
[ "$(cat /sys/devices/system/cpu/online)" = "0-$(($(grep -c ^processor /proc/cpuinfo) - 1))" ] ||
	fail "CPUs lost after a failed enable"
workload 5

# Root memory region 4 (low RAM up to the hypervisor) cut to 16 MiB: Linux
# keeps using RAM the root would not map.  Offset: header 16 + system 432 +
# CPU set 8 + 4 regions of 32 + size field 16 = 600.
if [ ${XVC_EXPECT_VENDOR:-svm} = svm ]; then
	[ "$(od -An -tx8 -j600 -N8 $sys | tr -d ' ')" = 000000003bf00000 ] ||
		fail "qemu-svm.cell layout changed: region 4 size not at offset 600"
	expect_refusal "root without Linux's RAM" "no memory region of the root" \
		xvcell enable $(patched 600 8 '\0\0\0\1\0\0\0\0')
fi

xvcell enable $sys || fail "enable with the good config failed after the refusals"
expect_refusal "enable twice" "already enabled" xvcell enable $sys
rmmod xvcell 2>/tmp/rmmod.err && fail "rmmod succeeded while enabled"
echo "[rmmod while enabled] $(cat /tmp/rmmod.err)"
lsmod | grep -q '^xvcell ' || fail "module gone after a refused rmmod"
[ "$(cat /sys/devices/xvcell/enabled)" = 1 ] || fail "not enabled any more after rmmod attempt"
workload 10
xvcell disable || fail "disable failed"
rmmod xvcell || fail "rmmod after disable failed"
check_dmesg_clean "during bad input"
echo "enable-bad-input: ok"
