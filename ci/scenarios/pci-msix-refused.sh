# purpose: a cell wanting a function with MSI-X (bad-pci-msix: the second e1000e, 00:0d.0) passes config check but the hypervisor refuses it at create with EOPNOTSUPP and a message naming the function; the NIC and CPU 3 come back to Linux and no cell is left
# SPDX-License-Identifier: GPL-2.0-only
set -u
. /tmp/xvc-scenarios/lib-xvc.sh
nic=00:0d.0
dev=/sys/bus/pci/devices/0000:$nic

fresh_enable
[ -d $dev ] || fail "no PCI device $nic: the group must boot with 'device e1000e'"
ids="$(cat $dev/vendor) $(cat $dev/device)"
[ "$ids" = "0x8086 0x10d3" ] || fail "$nic is '$ids', not an e1000e"
before=$(cat /sys/devices/system/cpu/online)
xvcell config check $(system_config) $configs/bad-pci-msix.cell >/dev/null ||
	fail "bad-pci-msix.cell does not pass config check: only the hypervisor may refuse it"

dmesg -c >/dev/null
out=$(xvcell cell create $configs/bad-pci-msix.cell 2>&1); st=$?
echo "$out"
[ $st -eq 1 ] || fail "create bad-pci-msix: exit status $st, expected 1"
echo "$out" | grep -q 'creating cell "bad-pci-msix" failed: Operation not supported$' ||
	fail "the create did not fail with EOPNOTSUPP"
hv=$(xvcell console | grep 'cell "bad-pci-msix": PCI' | tail -n1)
echo "[hypervisor] $hv"
echo "$hv" | grep -q "cell \"bad-pci-msix\": PCI $nic has MSI-X, which xvcell does not mediate yet$" ||
	fail "the hypervisor's refusal does not name $nic and MSI-X: '$hv'"
dmesg | grep -q 'hypervisor refused cell "bad-pci-msix": -95 ' ||
	fail "the driver does not report -EOPNOTSUPP: $(dmesg | grep xvcell)"

# Everything the create took goes back.
i=0
while [ $i -lt 50 ] && [ ! -d $dev ]; do
	sleep 0.1; i=$((i + 1))
done
[ -d $dev ] || fail "$nic did not come back to Linux"
[ "$(cat $dev/vendor) $(cat $dev/device)" = "$ids" ] || fail "$nic came back as something else"
[ "$(cat /sys/devices/system/cpu/online)" = "$before" ] ||
	fail "CPU 3 not back online: $(cat /sys/devices/system/cpu/online), was $before"
[ -z "$(awk '$1 != 0' /sys/devices/xvcell/cells)" ] ||
	fail "a cell is left: $(cat /sys/devices/xvcell/cells)"
check_dmesg_clean "a create refused for MSI-X"
echo "pci-msix-refused: ok"
