# purpose: the root's config accesses to a function a cell owns, and its 8-byte MMCONFIG accesses (ignored and reported, the CPU goes on); while pci-hostile-test owns the edu (00:0a.0), the root's reads through ports 0xcf8/0xcfc (xvc-pcicfg) and through MMCONFIG (xvc_poke) return all ones and its writes are dropped and reported on the hypervisor console, other functions stay the root's, and the cell keeps running with its edu unchanged; after destroy the root reads 11e81234 and the value it had written before the cell
# SPDX-License-Identifier: GPL-2.0-only
set -u
. /tmp/xvc-scenarios/lib-xvc.sh
cell=pci-hostile-test
edu=00:0a.0
dev=/sys/bus/pci/devices/0000:$edu
# The edu's cache line size register: writable in QEMU's edu, and neither
# the hypervisor nor Linux's rescan touches it when the device changes
# hands, so it shows whether a write reached the device.
line=0x0c
pcicfg() { xvc-pcicfg "$@" || fail "xvc-pcicfg $* failed"; }
# The cell's console since this run's start line.
run=$(date +%s)
this_run() {
	xvcell console --cell $cell |
		sed -n "/xvc-test: pci-foreign-read: start (run $run)/,\$p"
}
# The round of the cell's last "watch" line (its device seen again).
last_round() {
	this_run | sed -n 's/.*: watch \([0-9]*\): .*/\1/p' | tail -n1
}

# The edu's config space in q35's MMCONFIG window (0xb0000000, bus 0).
mmcfg=$((0xb0000000 + (0x0a << 15)))
insmod /xvc/kmod/xvc_poke.ko 2>/dev/null || lsmod | grep -q xvc_poke || fail "insmod xvc_poke failed"
mmcfg_read() {
	echo "$(printf %x $((mmcfg + $1))) ${2:-}" >/sys/module/xvc_poke/parameters/mmcfg ||
		fail "MMCONFIG access at $1 failed"
	dmesg | sed -n "s/.*xvc_poke: mmcfg 0x$(printf %x $((mmcfg + $1)))[ a-z,]* reads \(0x[0-9a-f]*\)$/\1/p" | tail -n1
}

fresh_enable
[ -d $dev ] || fail "no PCI device $edu: the group must boot with 'device edu'"
command -v xvc-pcicfg >/dev/null || fail "no xvc-pcicfg in the initramfs (ci/mkinitramfs)"

# Before: the root's accesses reach the device.
[ "$(pcicfg $edu 0)" = 0x11e81234 ] || fail "the root reads $edu as $(pcicfg $edu 0), not the edu"
v=$(mmcfg_read 0)
[ "$v" = 0x11e81234 ] || fail "the root reads $edu through MMCONFIG as ${v:-nothing}, not the edu"
host=$(pcicfg 00:00.0 0)
[ "$host" != 0xffffffff ] || fail "the root cannot read the host bridge 00:00.0"
saved=$(pcicfg $edu $line 1)
pcicfg $edu $line 1 0x08
[ "$(pcicfg $edu $line 1)" = 0x08 ] ||
	fail "the root's own write of $edu register $line did not take: $(pcicfg $edu $line 1)"
echo "before: $edu reads 0x11e81234, register $line set to 0x08; 00:00.0 reads $host"

# An 8-byte write, which config space does not have: ignored and reported,
# and the root CPU goes on (it used to be stopped).  It would set the cache
# line size (0x0c) to 0x30.
addr=$(printf %x $((mmcfg + 8)))
echo "$addr 3000000000" >/sys/module/xvc_poke/parameters/mmcfg64 || fail "8-byte MMCONFIG write failed"
[ "$(pcicfg $edu $line 1)" = 0x08 ] ||
	fail "an 8-byte MMCONFIG write reached $edu: register $line is $(pcicfg $edu $line 1), not 0x08"
xvcell console | grep -q "^root CPU [0-9]*: 8-byte MMCONFIG write at 0x$addr: ignored$" ||
	fail "no report of the 8-byte MMCONFIG write: $(xvcell console | tail -n3)"
echo "8-byte MMCONFIG write at 0x$addr: ignored and reported, register $line still 0x08"

xvcell cell create $configs/$cell.cell >/dev/null || fail "create $cell failed"
xvcell cell load $cell $inmates/pci-foreign-read.bin -s "watch=1 run=$run" ||
	fail "load failed"
xvcell cell start $cell || fail "start failed"
i=0
while [ $i -lt 50 ] && [ -z "$(last_round)" ]; do
	sleep 0.1; i=$((i + 1))
done
this_run | grep -q "pci-foreign-read: ALLOWED" ||
	fail "the cell did not see its edu alone: $(this_run | tail -n3)"
[ -n "$(last_round)" ] || fail "the cell does not watch its edu: $(this_run | tail -n3)"

# The root's view of the cell's function: absent, whatever the size.
for access in "0 4 0xffffffff" "0 2 0xffff" "2 2 0xffff" "$line 1 0xff"; do
	set -- $access
	v=$(pcicfg $edu $1 $2)
	[ "$v" = $3 ] || fail "the root reads $2 byte(s) at $1 of $edu (owned by $cell) as $v, not $3"
done
[ "$(pcicfg 00:00.0 0)" = "$host" ] || fail "the host bridge now reads $(pcicfg 00:00.0 0), not $host"
v=$(mmcfg_read 0)
[ "$v" = 0xffffffff ] || fail "the root reads $edu (owned by $cell) through MMCONFIG as ${v:-nothing}, not 0xffffffff"
# Its page is unmapped, so an 8-byte read exits too: all ones, reported.
echo "$addr" >/sys/module/xvc_poke/parameters/mmcfg64 || fail "8-byte MMCONFIG read failed"
dmesg | grep -q "xvc_poke: mmcfg64 0x$addr reads 0xffffffffffffffff$" ||
	fail "an 8-byte MMCONFIG read of $edu gave '$(dmesg | grep 'mmcfg64 0x[0-9a-f]* reads' | tail -n1)', not all ones"
xvcell console | grep -q "^root CPU [0-9]*: 8-byte MMCONFIG read at 0x$addr: ignored$" ||
	fail "no report of the 8-byte MMCONFIG read: $(xvcell console | tail -n3)"

# The root's writes: dropped and reported, one line each.
round=$(last_round)
pcicfg $edu $line 1 0x20
pcicfg $edu 4 2 0x0007
mmcfg_read $line 30 >/dev/null
said=$(xvcell console | grep "of PCI $edu, owned by cell \"$cell\": dropped")
echo "$said"
echo "$said" | grep -q "^root CPU [0-9]*: write 0x20 to config register 0xc of PCI $edu, owned by cell \"$cell\": dropped$" ||
	fail "no report of the dropped write to register $line: $(xvcell console | tail -n3)"
echo "$said" | grep -q "^root CPU [0-9]*: write 0x7 to config register 0x4 of PCI $edu, owned by cell \"$cell\": dropped$" ||
	fail "no report of the dropped write to the command register: $(xvcell console | tail -n3)"
echo "$said" | grep -q "^root CPU [0-9]*: write 0x30 to config register 0xc of PCI $edu, owned by cell \"$cell\": dropped$" ||
	fail "no report of the dropped MMCONFIG write to register $line: $(xvcell console | tail -n3)"

# The cell goes on and sees its edu as before: its next watch line (one
# every 10^9 TSC ticks, or at once on a change) shows the ID and the root's
# old mark.
i=0
while [ $i -lt 100 ] && [ "$(last_round)" = "$round" ]; do
	sleep 0.1; i=$((i + 1))
done
[ "$(last_round)" != "$round" ] || fail "the cell stopped watching its edu after the root's writes (round $round)"
[ "$(cell_state $cell)" = running ] || fail "$cell is '$(cell_state $cell)' after the root's writes"
after=$(this_run | sed -n "/: watch $round: /,\$p" | grep ': watch ')
echo "$after"
echo "$after" | grep -v "ID 0x11e81234 cache line 0x08$" | grep -q . &&
	fail "the cell's edu changed under the root's writes: $after"

xvcell cell destroy $cell || fail "destroy $cell failed"
i=0
while [ $i -lt 50 ] && [ ! -d $dev ]; do
	sleep 0.1; i=$((i + 1))
done
[ -d $dev ] || fail "$edu did not come back to Linux"
[ "$(pcicfg $edu 0)" = 0x11e81234 ] || fail "after destroy the root reads $edu as $(pcicfg $edu 0)"
v=$(mmcfg_read 0)
[ "$v" = 0x11e81234 ] || fail "after destroy the root reads $edu through MMCONFIG as ${v:-nothing}"
[ "$(pcicfg $edu $line 1)" = 0x08 ] ||
	fail "after destroy $edu register $line is $(pcicfg $edu $line 1), not 0x08: a dropped write reached it"
echo "after destroy: $edu reads 0x11e81234, register $line still 0x08"
pcicfg $edu $line 1 $saved
[ "$(cat /sys/devices/system/cpu/cpu3/online)" = 1 ] || fail "CPU 3 not back online"
rmmod xvc_poke
check_dmesg_clean "the root's accesses to a cell's PCI function"
echo "pci-root-foreign: ok"
