# purpose: the hypervisor's page pool one page short of creating and starting a cell (the root's large page around the cell's RAM cannot be split): that step fails with -ENOMEM naming the region, the RAM stays the root's, every pool page comes back, the CPUs go back to Linux
# SPDX-License-Identifier: GPL-2.0-only
# Two enables: the first measures what tiny-demo's create and start take
# from the pool; the second gives the hypervisor exactly one page less
# than both need (its memory shrunk in a copy of the system config).
set -u
. /tmp/xvc-scenarios/lib-xvc.sh
tiny=$configs/tiny-demo.cell
tiny_ram=0x3c500000
used() { cat /sys/devices/xvcell/mem_pool_used; }
# u64 FILE OFFSET / set_u64 FILE OFFSET VALUE: little-endian fields.
u64() { od -A n -t u8 -j $2 -N 8 $1 | tr -d ' '; }
set_u64() {
	v=$3 bytes=
	for _ in 1 2 3 4 5 6 7 8; do
		bytes="$bytes\\$(printf %03o $((v & 255)))"
		v=$((v >> 8))
	done
	printf "$bytes" | dd of=$1 bs=1 seek=$2 conv=notrunc 2>/dev/null
}

fresh_enable
base=$(used) pages=$(cat /sys/devices/xvcell/mem_pool_pages)
xvcell cell create $tiny >/dev/null || fail "create failed"
after_create=$(used)
xvcell cell load tiny-demo $inmates/tiny-demo.bin >/dev/null || fail "load failed"
xvcell cell start tiny-demo || fail "start failed"
after_start=$(used)
xvcell cell destroy tiny-demo || fail "destroy failed"
[ "$(used)" = "$base" ] || fail "pool pages in use: $(used) after destroy, $base before"
need_create=$((after_create - base)) need_start=$((after_start - after_create))
need=$((need_create + need_start))
echo "pool: $pages pages, $base in use after enable; tiny-demo takes $need_create at create, $need_start at start"
xvcell disable >/dev/null || fail "disable failed"

# The hypervisor's memory: header (16 bytes), then its region, size at +16.
cp $(system_config) /tmp/tight.cell
size=$(u64 /tmp/tight.cell 32)
# The pool shrinks with the memory, but what enable takes from it may
# shift by a page (tables sized by the memory): adjust and enable again.
short=$((pages - base - need + 1)) try=0
while :; do
	set_u64 /tmp/tight.cell 32 $((size - short * 4096))
	xvcell enable /tmp/tight.cell >/dev/null || fail "enable with $short pages less failed"
	free=$(($(cat /sys/devices/xvcell/mem_pool_pages) - $(used)))
	echo "tight pool ($short pages less): $free pages free, create and start need $need"
	[ "$free" = $((need - 1)) ] && break
	try=$((try + 1))
	[ $try -lt 3 ] || fail "$free pages free, not $((need - 1))"
	xvcell disable >/dev/null || fail "disable failed"
	short=$((short + free - need + 1))
done
base=$(used)
# The last page either step takes splits the root's large page around the
# cell's RAM (the split stays after load): that step must fail.
if [ "$need_start" = 0 ]; then
	out=$(xvcell cell create $tiny 2>&1) && fail "create succeeded one page short: $(xvcell cell list)"
	step=create
else
	xvcell cell create $tiny >/dev/null || fail "create failed with enough pages for it"
	xvcell cell load tiny-demo $inmates/tiny-demo.bin >/dev/null || fail "load failed"
	out=$(xvcell cell start tiny-demo 2>&1) && fail "start succeeded one page short: $(xvcell cell list)"
	step=start
fi
echo "$step refused: $(echo "$out" | head -n1)"
xvcell console | grep -q 'cell "tiny-demo": memory region 0 cannot be taken from the root: ENOMEM' ||
	fail "the hypervisor did not name the region: $(xvcell console | tail -n 3)"
[ "$(cell_state tiny-demo)" != running ] || fail "tiny-demo runs after a failed $step"
# Its RAM is still the root's: a read from Linux works (a violation would
# stop this CPU instead).
insmod /xvc/kmod/xvc_poke.ko 2>/dev/null || lsmod | grep -q xvc_poke || fail "insmod xvc_poke failed"
echo $tiny_ram > /sys/module/xvc_poke/parameters/read || fail "the root cannot read the cell's RAM"
dmesg | grep -A1 "xvc_poke: reading $tiny_ram" | grep -q "xvc_poke: read 0x" || fail "no read result"
rmmod xvc_poke
if [ $step = start ]; then
	[ "$(used)" = $((base + need_create)) ] ||
		fail "pool pages in use: $(used), expected $((base + need_create)) (the failed start kept pages)"
	xvcell cell destroy tiny-demo || fail "destroy after the failed start failed"
else
	[ -z "$(cell_state tiny-demo)" ] || fail "a cell is left after the failed create: $(xvcell cell list)"
fi
[ "$(used)" = "$base" ] || fail "pool pages in use: $(used) after the failed $step, $base before"
[ "$(cat /sys/devices/system/cpu/online)" = 0-3 ] || fail "CPUs not all back: $(cat /sys/devices/system/cpu/online)"
xvcell disable >/dev/null || fail "disable failed"
workload 10
check_dmesg_clean "with a pool one page short"
echo "cells-pool-short: ok"
