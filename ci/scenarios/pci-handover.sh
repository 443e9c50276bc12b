# purpose: PCI hand-over with the edu device (00:0a.0): creating pci-demo unbinds its Linux driver (pci-stub) and removes it from Linux's view; a second cell wanting it is refused and it stays the cell's; destroying pci-demo gives it back with the same IDs and BAR0; a create the hypervisor refuses gives it back too; the CPUs come back each time
# SPDX-License-Identifier: GPL-2.0-only
set -u
. /tmp/xvc-scenarios/lib-xvc.sh
edu=0000:00:0a.0
dev=/sys/bus/pci/devices/$edu
online() { cat /sys/devices/system/cpu/online; }
driver_of() { basename "$(readlink $dev/driver 2>/dev/null)"; }
# The driver's hand-over messages since the last step, for the log.
said() { dmesg | grep 'xvcell: cell "pci-demo"' | sed "s/^/[$1] /"; }
# next_step AFTER: dmesg clean after AFTER, then cleared for the next step.
next_step() { check_dmesg_clean "$1"; dmesg -c >/dev/null; }

# edu_back WHEN: the edu is Linux's again, as it was before the cell.
edu_back() {
	[ -d $dev ] || fail "$edu not back in Linux $1"
	ids="$(cat $dev/vendor) $(cat $dev/device)"
	[ "$ids" = "0x1234 0x11e8" ] || fail "$edu is '$ids' $1, expected '0x1234 0x11e8'"
	[ "$(head -n 1 $dev/resource)" = "$bar0" ] ||
		fail "$edu BAR0 is '$(head -n 1 $dev/resource)' $1, was '$bar0'"
}

# A copy of a cell config with bytes patched: patched FILE OFFSET BYTES COPY.
patched() {
	cp $1 $4
	printf "$3" | dd of=$4 bs=1 seek=$2 conv=notrunc 2>/dev/null
	echo $4
}

fresh_enable
[ -d $dev ] || fail "no PCI device $edu: the group must boot with 'device edu'"
edu_ids="$(cat $dev/vendor) $(cat $dev/device)"
[ "$edu_ids" = "0x1234 0x11e8" ] || fail "$edu is '$edu_ids', not the edu"
bar0=$(head -n 1 $dev/resource)
echo "edu at $edu, BAR0: $bar0"

# A Linux driver holds the device: the create must unbind it.  Stock
# kernels have no edu driver, so pci-stub binds it by override.
modprobe pci-stub || fail "modprobe pci-stub failed"
echo pci-stub >$dev/driver_override
echo $edu >/sys/bus/pci/drivers_probe
[ "$(driver_of)" = pci-stub ] || fail "pci-stub did not bind $edu: '$(driver_of)'"

next_step "binding pci-stub"
xvcell cell create $configs/pci-demo.cell >/dev/null || fail "create pci-demo failed"
said create
[ "$(cell_state pci-demo)" = created ] || fail "pci-demo is '$(cell_state pci-demo)'"
[ ! -e $dev ] || fail "$edu still in Linux's view while pci-demo owns it"
dmesg | grep -q "pci-demo.*$edu: unbound driver pci-stub" ||
	fail "no message naming the unbound driver: $(dmesg | grep xvcell)"
[ "$(online)" = 0-2 ] || fail "CPU 3 still online: $(online)"

# pci-demo with CPU 1: the device is the first cell's, Linux has none to
# give; the first cell keeps it (the failure gives back only what it took).
cpu1=$(patched $configs/pci-demo.cell 112 '\2' /tmp/pci-cpu1.cell)
next_step "creating pci-demo"
xvcell cell create $cpu1 >/dev/null 2>&1 && fail "a second cell got $edu"
dmesg | grep -q "$edu is not present" || fail "the refusal does not name $edu: $(dmesg | grep xvcell)"
[ ! -e $dev ] || fail "a refused create gave $edu, which pci-demo owns, back to Linux"
[ "$(online)" = 0-2 ] || fail "CPU 1 not back after the refused create: $(online)"

next_step "refusing a second cell"
xvcell cell destroy pci-demo || fail "destroy pci-demo failed"
said destroy
edu_back "after destroy"
# The edu has neither FLR nor a PM capability, and sits on the root bus.
dmesg | grep -q "pci-demo.*$edu has no reset Linux can use: given back quiesced, not reset" ||
	fail "the give-back does not say that $edu could not be reset: $(dmesg | grep xvcell)"
[ -z "$(driver_of)" ] || fail "$edu came back bound to '$(driver_of)'"
[ "$(online)" = 0-3 ] || fail "CPU 3 not back: $(online)"

# The driver takes the device, then the hypervisor refuses the cell: here
# its RAM moved onto tiny-demo's (0x3c500000, phys at 120).  The device
# and CPU 1 must come back.
xvcell cell create $configs/tiny-demo.cell >/dev/null || fail "create tiny-demo failed"
overlap=$(patched $cpu1 120 '\0\0\120\74' /tmp/pci-overlap.cell)
next_step "destroying pci-demo"
xvcell cell create $overlap >/dev/null 2>&1 && fail "pci-demo on tiny-demo's RAM was created"
said refused
dmesg | grep -q "hypervisor refused cell \"pci-demo\"" ||
	fail "the hypervisor did not refuse: $(dmesg | grep xvcell)"
dmesg | grep -q "pci-demo.*took PCI device $edu" || fail "the device was not taken before the refusal"
edu_back "after the hypervisor refused"
[ "$(online)" = 0-1,3 ] || fail "CPU 1 not back after the refused create: $(online)"
[ -z "$(cell_state pci-demo)" ] || fail "a refused pci-demo is listed"
xvcell cell destroy tiny-demo || fail "destroy tiny-demo failed"

check_dmesg_clean "the hypervisor refusing pci-demo"
xvcell disable || fail "disable failed"
rmmod pci_stub || fail "rmmod pci_stub failed"
echo "pci-handover: ok"
