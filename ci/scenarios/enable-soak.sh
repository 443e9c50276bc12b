# purpose: enable, a workload on every CPU, disable, many rounds (the argument, 100 by default): no round ends with a violation, a lost CPU or a hang, and Linux stays healthy
# SPDX-License-Identifier: GPL-2.0-only
set -u
. /tmp/xvc-scenarios/lib-xvc.sh
rounds=${1:-100}
ensure_module
[ "$(cat /sys/devices/xvcell/enabled)" = 0 ] || xvcell disable >/dev/null
dmesg -c >/dev/null
ncpu=$(grep -c ^processor /proc/cpuinfo)
cpus_online=$(cat /sys/devices/system/cpu/online)

# A little fork/exec and checksumming on CPU $1, $2 times.
load_cpu() {
	i=0
	while [ $i -lt $2 ]; do
		echo "$1 $i" | taskset -c $1 md5sum >/dev/null || return 1
		i=$((i + 1))
	done
}

n=1
while [ $n -le $rounds ]; do
	xvcell enable $(system_config) >/dev/null || fail "round $n: enable failed"
	pids=
	c=0
	while [ $c -lt $ncpu ]; do
		load_cpu $c 5 & pids="$pids $!"
		c=$((c + 1))
	done
	for p in $pids; do
		wait $p || fail "round $n: the workload failed"
	done
	if xvcell console | grep -q "VIOLATION\|FATAL"; then
		fail "round $n: $(xvcell console | grep 'VIOLATION\|FATAL' | tail -n 2)"
	fi
	xvcell disable >/dev/null || fail "round $n: disable failed"
	[ "$(cat /sys/devices/system/cpu/online)" = "$cpus_online" ] ||
		fail "round $n: CPUs online $(cat /sys/devices/system/cpu/online), $cpus_online before"
	[ $((n % 25)) = 0 ] && echo "[round $n] ok"
	n=$((n + 1))
done
check_dmesg_clean "after $rounds enable/disable rounds"
echo "enable-soak: $rounds rounds on $ncpu CPUs: ok"
