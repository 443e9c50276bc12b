# purpose: the guest booted as the group asked: CPU count, kernel release, virtualization flags in /proc/cpuinfo
# SPDX-License-Identifier: GPL-2.0-only
set -u
fail() { echo "FAIL: $*"; exit 1; }
n=$(grep -c '^processor' /proc/cpuinfo)
echo "cpus: $n (want ${XVC_SMP:?})"
[ "$n" = "$XVC_SMP" ] || fail "guest has $n CPUs, the group asked for $XVC_SMP"
echo "kernel: $(uname -r) (want ${XVC_KREL:?})"
[ "$(uname -r)" = "$XVC_KREL" ] || fail "guest runs $(uname -r), expected $XVC_KREL"
flags=$(grep -m1 '^flags' /proc/cpuinfo)
for w in ${XVC_EXPECT_VENDOR:?}; do
	echo "$flags " | grep -q " $w " || fail "/proc/cpuinfo flags lack '$w'"
done
echo "guest-basics: ok"
