# purpose: the rig's memmap reservations (the hypervisor's and its cells', and the Linux cell's pool right below on QEMU) are in /proc/iomem as one range that ends below the firmware's reserved top of RAM
# SPDX-License-Identifier: GPL-2.0-only
set -u
fail() { echo "FAIL: $*"; exit 1; }

base=${XVC_RESERVE_BASE:?XVC_RESERVE_BASE not set by the rig}
size=${XVC_RESERVE_SIZE:?}
grep -q "memmap=$size\\\$$base" /proc/cmdline ||
	fail "kernel command line lacks memmap=$size\$$base: $(cat /proc/cmdline)"
to_bytes() {
	case $1 in
	*M) echo $(( ${1%M} * 1024 * 1024 )) ;;
	*) echo $(($1)) ;;
	esac
}
start=$((base))
end=$((start + $(to_bytes $size) - 1))
# The Linux cell's pool ends where the reservation above starts: Linux
# merges the two into one reserved range.
lbase=${XVC_LINUX_RESERVE_BASE:-} lsize=${XVC_LINUX_RESERVE_SIZE:-}
if [ -n "$lbase" ]; then
	grep -q "memmap=$lsize\\\$$lbase" /proc/cmdline ||
		fail "kernel command line lacks memmap=$lsize\$$lbase: $(cat /proc/cmdline)"
	[ $((lbase + $(to_bytes $lsize))) -eq $start ] ||
		fail "the Linux cell's pool $lsize at $lbase does not end at $base"
	start=$((lbase))
fi
want=$(printf '%08x-%08x : Reserved' $start $end)
grep -q "^$want\$" /proc/iomem || { grep -v '^ ' /proc/iomem; fail "/proc/iomem has no top-level '$want'"; }
echo "reserved: $want"

# The range above must be ordinary RAM again before the firmware's reserved
# top of RAM, i.e. the reservation did not swallow firmware memory.
next=$(grep -v '^ ' /proc/iomem | grep -A1 "^$want\$" | tail -n1)
echo "next: $next"
nstart=$((0x${next%%-*}))
[ $nstart -eq $((end + 1)) ] || fail "range after the reservation does not start at its end: $next"
echo "$next" | grep -q 'System RAM$' || fail "range after the reservation is not System RAM: $next"
# And against the firmware's own map (e820, /sys/firmware/memmap): the
# whole reservation lies inside one range the firmware calls usable RAM.
if [ -d /sys/firmware/memmap ]; then
	inside=
	for d in /sys/firmware/memmap/*; do
		t=$(cat $d/type); s=$(($(cat $d/start))); e=$(($(cat $d/end)))
		printf 'e820: %#010x-%#010x %s\n' $s $e "$t"
		[ "$t" = "System RAM" ] && [ $s -le $start ] && [ $end -le $e ] && inside=$d
	done
	[ -n "$inside" ] || fail "reservation $want is not inside one usable e820 range"
	echo "inside usable e820 range $(cat $inside/start)-$(cat $inside/end)"
else
	echo "note: no /sys/firmware/memmap, e820 check skipped"
fi
echo "rig-memmap: ok"
