# purpose: with VT-d or AMD-Vi interrupt remapping taken over from Linux (intel-ir, amd-ir), 20 enable/disable cycles while Linux moves a NIC's remapped MSI-X interrupt between CPUs 1 and 2 without pause (each move a remapping-entry change Linux announces through its invalidation queue or command buffer): every cycle succeeds, the hypervisor reports nothing, Linux's queue still completes its moves afterwards, Linux healthy
# SPDX-License-Identifier: GPL-2.0-only
set -u
. /tmp/xvc-scenarios/lib-xvc.sh
case ${XVC_IOMMU:-} in
intel-ir|amd-ir) ;;
*) fail "the group must boot with 'iommu intel-ir' or 'amd-ir'" ;;
esac
# What Linux says when its unit does not answer (VT-d, AMD-Vi).
remap_trouble='DMAR.*\(fault\|error\|time-out\|timeout\)\|AMD-Vi.*\(timed out\|timeout\|Event logged\)\|iommu.*\(timed out\|timeout\)'

nic=0000:00:0c.0
mover=
trap '[ -z "$mover" ] || kill $mover 2>/dev/null' EXIT

fresh_enable
xvcell disable >/dev/null || fail "disable failed"
lsmod | grep -q '^e1000e ' || modprobe e1000e || fail "modprobe e1000e failed"
i=0
while [ $i -lt 50 ] && [ -z "$(iface_of $nic)" ]; do sleep 0.1; i=$((i + 1)); done
ifc=$(iface_of $nic)
[ -n "$ifc" ] || fail "no interface for $nic: the group must boot with 'device e1000e'"
ip link set $ifc up || fail "cannot bring $ifc up"
irq=$(awk -v n="$ifc" '$NF == n { sub(":", "", $1); print $1 }' /proc/interrupts)
[ -n "$irq" ] || fail "no interrupt named $ifc: $(grep $ifc /proc/interrupts)"
grep "^ *$irq:" /proc/interrupts

# Linux rewrites the entry and queues an invalidation at every move.
( while :; do
	echo 1 >/proc/irq/$irq/smp_affinity_list
	echo 2 >/proc/irq/$irq/smp_affinity_list
done ) 2>/dev/null &
mover=$!

n=1
while [ $n -le 20 ]; do
	xvcell enable $(system_config) >/dev/null || fail "enable failed in cycle $n"
	sleep 0.2
	xvcell disable >/dev/null || fail "disable failed in cycle $n"
	n=$((n + 1))
done
kill $mover; wait $mover 2>/dev/null; mover=
echo "20 enable/disable cycles with IRQ $irq moving between CPUs 1 and 2"
dmesg | grep -i "$remap_trouble" && fail "Linux's remapping reported a problem"

# Linux's queue is its own again, where it left it: more moves complete
# (with the unit elsewhere in the queue, Linux would wait for a status
# write that never comes, and report an invalidation time-out).
for c in 1 2 1 2; do
	echo $c >/proc/irq/$irq/smp_affinity_list || fail "moving IRQ $irq to CPU $c failed"
done
dmesg | grep -i "$remap_trouble" && fail "Linux's remapping reported a problem"
ip link set $ifc down
check_dmesg_clean "after enable/disable cycles with the interrupt moving"
echo "ir-affinity-cycles: ok"
