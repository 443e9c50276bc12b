# purpose: a hostile inmate (the argument, from inmates/tests) in its own cell, beside a running apic-demo where the rig has the CPUs: stopped with a report naming the access, refused, or (an IPI to itself) allowed; root and apic-demo go on
# SPDX-License-Identifier: GPL-2.0-only
# Usage (group file): scenario hostile:TEST, or hostile:TEST+xapic /
# hostile:TEST+x2apic to run an APIC test from that APIC mode (checked in
# the test's start line; +x2apic needs a rig with x2APIC).  The
# expectations per test are in the table at the end.  The first hostile scenario of a boot enables
# xvcell (and on the 4-CPU QEMU rig starts apic-demo as the bystander
# cell); cells-teardown ends it.  On the 2-CPU Bochs rig the test cell
# takes CPU 1 and the root is the only bystander.  Tests run in the cell
# hostile-test unless their line names another config with cfg=NAME
# (NAME.cell, whose cell is NAME too, on the same CPU): the PCI tests run
# in pci-hostile-test, which owns the edu (the group needs 'device edu').
set -u
. /tmp/xvc-scenarios/lib-xvc.sh
arg=${1:?which hostile test?}
test_name=${arg%%+*} mode=
[ "$test_name" = "$arg" ] || mode=${arg#*+}
case $mode in
"") mode_args= mode_word= ;;
xapic) mode_args=x2apic=0 mode_word=xAPIC ;;
x2apic)
	[ "${XVC_X2APIC:-0}" = 1 ] || fail "$arg: this rig has no x2APIC (XVC_X2APIC=${XVC_X2APIC:-0})"
	mode_args=x2apic=1 mode_word=x2APIC ;;
*) fail "unknown APIC mode '$mode' in '$arg' (xapic or x2apic)" ;;
esac
case ${XVC_EXPECT_VENDOR:-svm} in
svm)
	test_cfg=$configs/hostile-test.cell test_cpu=3 bystander=apic-demo
	hv_base=0x3c000000 cell_pool=0x3c400000 extra_args= ;;
vmx)
	# xAPIC mode: Bochs cannot take a CPU back from x2APIC (cells-x2apic).
	test_cfg=$configs/bochs-hostile-test.cell test_cpu=1 bystander=
	hv_base=0x1c000000 cell_pool=0x1c400000 extra_args=x2apic=0 ;;
esac

# prepare [CONFIG]: the test cell (hostile-test, or CONFIG) and the
# hypervisor and bystander it runs beside.
prepare() {
	cell=hostile-test
	if [ -n "${1:-}" ]; then
		cell=$1 test_cfg=$configs/$1.cell
		# Where the hypervisor drives the IOMMU, devices name it.
		case ${XVC_IOMMU:-none} in
		*-hv|*-ir) [ ! -f $configs/$1-iommu.cell ] || test_cfg=$configs/$1-iommu.cell ;;
		esac
		[ -f "$test_cfg" ] || fail "no config $test_cfg"
	fi
	# Its PCI devices, as Linux names them (0000:00:0a.0).
	cell_pci=$(xvcell config show $test_cfg | sed -n 's/^ *[0-9]*: \([0-9a-f]*:[0-9a-f]*:[0-9a-f]*\.[0-7]\) .*/\1/p')
	ensure_module
	[ "$(cat /sys/devices/xvcell/enabled)" = 1 ] ||
		xvcell enable $(system_config) >/dev/null || fail "enable failed"
	# Without a bystander the test cell needs the CPU an earlier
	# scenario's cell may still hold.
	[ -n "$bystander" ] || for c in $(awk -v t=$cell '$1 != 0 && $2 != t { print $2 }' /sys/devices/xvcell/cells); do
		xvcell cell destroy $c >/dev/null || fail "cannot destroy the leftover cell $c"
	done
	# A test cell (of any config: they share the CPU) an earlier, failed
	# scenario left behind would make every later one fail at create.
	for c in $(awk '$2 ~ /(^|-)hostile-test$|^pci-msix-test$/ { print $2 }' /sys/devices/xvcell/cells); do
		echo "destroying the $c cell an earlier scenario left"
		xvcell cell destroy $c >/dev/null || fail "cannot destroy the leftover $c cell"
	done
	if [ -n "$bystander" ]; then
		[ -n "$(cell_state $bystander)" ] ||
			xvcell cell run $configs/apic-demo.cell $inmates/apic-demo.bin >/dev/null ||
			fail "apic-demo did not start"
		wait_cell_state $bystander 20 running || fail "$bystander not running"
	fi
}

# A number no earlier run in this boot had: it comes back in the test's
# start line, so only this run's lines are looked at.
run=$(($(cat /tmp/xvc-hostile-run 2>/dev/null || echo 0) + 1))
echo $run >/tmp/xvc-hostile-run

# This run's lines of the test cell's console, from its start line on.
this_run() {
	xvcell console --cell $cell | sed -n "/xvc-test: $1: start (run $run[,)]/,\$p"
}

# [cfg=CONFIG] [want=TEXT] hostile TEST EXPECT [CMDLINE]: EXPECT is
# "refused", "allowed" or a text the violation report must contain.  The
# test runs in the cell of CONFIG (default hostile-test); TEXT must be in
# one of its own lines (what it did before the verdict).  With
# stat_check=NAME, the cell's exit counter NAME must have counted at least
# one exit.
stat_check=
hostile() {
	t=$1 expect=$2 args="${3:-} $extra_args $mode_args run=$run"
	args=$(echo $args)
	prepare ${cfg:-}
	[ -z "$bystander" ] || before=$(apic_demo_ticks)
	xvcell cell create $test_cfg >/dev/null || fail "$t: create failed"
	xvcell cell load $cell $inmates/$t.bin ${args:+-s "$args"} ||
		fail "$t: load failed"
	xvcell cell start $cell || fail "$t: start failed"
	if [ "$expect" = allowed ]; then
		i=0
		while [ $i -lt 30 ] && ! this_run $t | grep -q "xvc-test: $t: ALLOWED"; do
			sleep 0.1; i=$((i + 1))
		done
		line=$(this_run $t | grep "xvc-test: $t: ALLOWED")
		[ -n "$line" ] || fail "$t: no ALLOWED verdict: $(this_run $t | tail -n3)"
		[ "$(cell_state $cell)" = running ] || fail "$t: an allowed action stopped the cell"
	elif [ "$expect" = refused ]; then
		i=0
		while [ $i -lt 30 ] && ! this_run $t | grep -q "xvc-test: $t: REFUSED"; do
			sleep 0.1; i=$((i + 1))
		done
		line=$(this_run $t | grep "xvc-test: $t: REFUSED" | tail -n1)
		[ -n "$line" ] || fail "$t: no REFUSED verdict: $(this_run $t | tail -n3)"
		[ "$(cell_state $cell)" = running ] || fail "$t: a refused hypercall must not stop the cell"
	else
		wait_cell_state $cell 30 failed ||
			fail "$t: cell is '$(cell_state $cell)', not failed: $(this_run $t | tail -n2)"
		line=$(xvcell console | grep "VIOLATION: cell \"$cell\"" | tail -n1)
		echo "$line" | grep -q "$expect" || fail "$t: report lacks '$expect': $line"
		xvcell cell list | grep -q "$cell .*failed .* $test_cpu *$test_cpu$" ||
			fail "$t: cell list does not show CPU $test_cpu failed: $(xvcell cell list)"
	fi
	this_run $t | grep -q "xvc-test: $t: NOT CONTAINED" &&
		fail "$t: the attack was not contained"
	if [ -n "${want:-}" ]; then
		this_run $t | grep -q "xvc-test: $t: .*$want" ||
			fail "$t: no line '$want' before the verdict: $(this_run $t | tail -n3)"
	fi
	if [ -n "$mode_word" ]; then
		this_run $t | grep -q "xvc-test: $t: start (run $run, $mode_word mode" ||
			fail "$t: did not run in $mode_word mode: $(this_run $t | head -n1)"
	fi
	echo "$test_name${mode_word:+ ($mode_word)}: $line"
	if [ -n "$stat_check" ]; then
		v=$(cell_stat $cell $stat_check)
		[ "${v:-0}" -ge 1 ] || fail "$t: no '$stat_check' exit counted (${v:-none})"
		echo "$t: $v '$stat_check' exit(s)"
	fi
	xvcell cell destroy $cell || fail "$t: destroy failed"
	# Its CPU goes back to Linux, whatever the test left in it.
	online=/sys/devices/system/cpu/cpu$test_cpu/online
	i=0
	while [ $i -lt 50 ] && [ "$(cat $online)" != 1 ]; do
		sleep 0.1; i=$((i + 1))
	done
	[ "$(cat $online)" = 1 ] || fail "$t: CPU $test_cpu did not come back to Linux"
	taskset -c $test_cpu md5sum /bin/busybox >/dev/null ||
		fail "$t: CPU $test_cpu does not run Linux tasks"
	# So do its PCI devices, whatever the test programmed into them.
	for d in $cell_pci; do
		i=0
		while [ $i -lt 50 ] && [ ! -e /sys/bus/pci/devices/$d ]; do
			sleep 0.1; i=$((i + 1))
		done
		[ -e /sys/bus/pci/devices/$d ] || fail "$t: PCI device $d did not come back to Linux"
	done
	# The root and the other cell go on.
	echo "$t" | md5sum >/dev/null || fail "$t: root cannot run a program afterwards"
	[ -n "$bystander" ] || return 0
	[ "$(cell_state $bystander)" = running ] || fail "$t: $bystander is '$(cell_state $bystander)'"
	# Its tick count, not its line count: the console ring (16 KiB) may
	# have wrapped, and then the number of lines it holds stays flat.
	wait_apic_demo_ticks $((${before:-0} + 1)) 50 ||
		fail "$t: $bystander stopped counting ticks (last report: ${before:-none}, now: $(apic_demo_ticks))"
}

# NMIs Linux has taken, all CPUs together.
root_nmis() {
	awk '$1 == "NMI:" { n = 0; for (i = 2; i <= NF && $i ~ /^[0-9]+$/; i++) n += $i; print n }' /proc/interrupts
}

# A cell's broadcast reaches the cell's own CPUs only: its one CPU
# receives what it addressed to itself ($1: 1 or 0), the root no NMI, the
# bystander goes on (hostile).
broadcast_within_cell() {
	nmis=$(root_nmis)
	want="this CPU received $1)" hostile ipi-broadcast allowed "$2"
	[ "$(root_nmis)" = "$nmis" ] || fail "ipi-broadcast: the root took $(( $(root_nmis) - nmis )) NMI(s)"
	return 0
}

case $test_name in
mem-read) hostile mem-read "read of guest-physical 0x200000 outside" ;;
mem-write) hostile mem-write "write of guest-physical 0x200000 outside" ;;
mem-exec) hostile mem-exec "execution of guest-physical 0x200000 outside" ;;
mem-read-hypervisor) hostile mem-read "read of guest-physical $hv_base outside" "addr=$hv_base" ;;
mem-write-cell-pool) hostile mem-write "write of guest-physical $cell_pool outside" "addr=$cell_pool" ;;
pio-in) hostile pio-in "read of 1 byte(s) at I/O port 0x3f8 not granted" ;;
pio-out) hostile pio-out "write of 1 byte(s) at I/O port 0x3f8 not granted" ;;
pio-reset) hostile pio-reset "write of 1 byte(s) at I/O port 0x64 not granted" ;;
pci-config) hostile pci-config "config register 0x4 of PCI 00:00.0, which the cell does not own" ;;
msr-read) hostile msr-read "read of MSR 0x2ff not granted" ;;
msr-write) hostile msr-write "write of MSR 0x2ff not granted" ;;
apic-base-move) hostile apic-base-move "to IA32_APIC_BASE (now 0xfee00800): only xAPIC to x2APIC" ;;
mmio-ioapic) hostile mmio-ioapic "guest-physical 0xfec00000 outside" ;;
ipi-fixed) hostile ipi-fixed "to CPU 0 (APIC ID 0) outside the cell" ;;
ipi-nmi) hostile ipi-nmi "to CPU 0 (APIC ID 0) outside the cell" ;;
ipi-init) hostile ipi-init "to CPU 0 (APIC ID 0) outside the cell" ;;
ipi-sipi) hostile ipi-sipi "to CPU 0 (APIC ID 0) outside the cell" ;;
ipi-broadcast) broadcast_within_cell 0 "" ;;
ipi-broadcast-all) broadcast_within_cell 1 "how=all" ;;
ipi-broadcast-dest) broadcast_within_cell 1 "how=dest fixed=1" ;;
ipi-logical) hostile ipi-logical "outside the cell" ;;
ipi-logical-one) hostile ipi-logical "to CPU 0 (APIC ID 0) outside the cell" "dest=1" ;;
ipi-fixed-other-cell) hostile ipi-fixed "to CPU 1 (APIC ID 1) outside the cell" "target=1" ;;
ipi-self) hostile ipi-self allowed ;;
ipi-mode-smi) hostile ipi-mode "IPI with delivery mode 2 " "mode=smi" ;;
ipi-mode-extint) hostile ipi-mode "IPI with delivery mode 7 " "mode=extint" ;;
ipi-mode-lowpri) hostile ipi-mode "IPI with delivery mode 1 " "mode=lowpri" ;;
ipi-mode-init-self) hostile ipi-mode "IPI with delivery mode 5 " "mode=init" ;;
lvt-smi) hostile lvt-mode "LVT entry 0x350 write 0x200: delivery mode refused" "mode=smi" ;;
lvt-init) hostile lvt-mode "LVT entry 0x350 write 0x500: delivery mode refused" "mode=init" ;;
lvt-extint) hostile lvt-mode "LVT entry 0x350 write 0x700: delivery mode refused" "mode=extint" ;;
lvt-timer-smi) hostile lvt-mode "LVT entry 0x320 write 0x200: delivery mode refused" "mode=smi lvt=0x320" ;;
xapic-alias) hostile xapic-alias "4-byte write at xAPIC offset 0x304: not a whole register" ;;
xapic-alias-byte) hostile xapic-alias "1-byte write at xAPIC offset 0x301: not a whole register" "how=byte" ;;
xapic-alias-word) hostile xapic-alias "2-byte write at xAPIC offset 0xb0: not a whole register" "how=word" ;;
xapic-alias-msi) hostile xapic-alias "to xAPIC register 0x0" "how=msi" ;;
ldr-write) hostile ldr-write "to its logical APIC ID register 0xd0" ;;
dfr-write) hostile ldr-write "to its logical APIC ID register 0xe0" "reg=0xe0" ;;
nmi-no-iret) hostile nmi-no-iret allowed ;;
vector-pending) hostile vector-pending allowed ;;
state-leak) hostile state-leak allowed "msrs=1" ;;
invd)
	# QEMU before 8.1 checks INVD against the WBINVD intercept (a TCG
	# bug), so its INVD never exits: only the verdict can be checked there.
	[ "${XVC_EMULATOR:-}" = qemu ] || stat_check=other
	hostile invd allowed ;;
msr-protected) hostile msr-protected "to MSR 0xc0010015 (HWCR), which the hypervisor protects" ;;
apic-id-write) hostile apic-id-write "to its APIC ID register" ;;
triple-fault) hostile triple-fault "triple fault" ;;
hc-cell-create) hostile hc-cell-create refused ;;
hc-cell-destroy) hostile hc-cell-destroy refused ;;
hc-disable) hostile hc-disable refused ;;
hc-unknown) hostile hc-unknown refused ;;
hc-console-bad-addr) hostile hc-console-bad-addr refused ;;
hc-console-huge-len) hostile hc-console-huge-len refused ;;
hc-console-straddle) hostile hc-console-straddle refused ;;
# PCI config space (issue 12), in the cell that owns the edu at 00:0a.0
# (bdf=0x50): foreign functions, its own BAR placement, MSI messages and
# registers no cell may write.
pci-foreign-write)
	cfg=pci-hostile-test want="00:1f.0 reads ID 0xffffffff" \
		hostile pci-write "write 0x7 to config register 0x4 of PCI 00:1f.0, which the cell does not own" ;;
pci-foreign-read) cfg=pci-hostile-test hostile pci-foreign-read allowed ;;
pci-bar-over-ram)
	cfg=pci-hostile-test want="writing BAR0 0x100000 with decode on" \
		hostile pci-bar "PCI 00:0a.0 BAR0 would decode memory 0x100000+0x100000, which the cell does not own" ;;
pci-bar-over-hv)
	cfg=pci-hostile-test want="writing BAR0 $hv_base with decode on" \
		hostile pci-bar "PCI 00:0a.0 BAR0 would decode memory $hv_base+0x100000, which the cell does not own" "addr=$hv_base" ;;
pci-bar-decode-after)
	cfg=pci-hostile-test want="BAR0 0x100000 written with decode off (allowed)" \
		hostile pci-bar "PCI 00:0a.0 BAR0 would decode memory 0x100000+0x100000, which the cell does not own" "how=decode-last" ;;
pci-msi-root-cpu)
	cfg=pci-hostile-test hostile pci-msi "PCI 00:0a.0: MSI address 0xfee00000 data 0x40 (1 vector(s)) refused: destination outside the cell" "dest=0" ;;
pci-msi-rewrite)
	cfg=pci-hostile-test want="rewriting the enabled message" \
		hostile pci-msi "PCI 00:0a.0: MSI address 0xfee00000 data 0x40 (1 vector(s)) refused: destination outside the cell" "dest=0 how=rewrite" ;;
pci-msi-nmi)
	cfg=pci-hostile-test hostile pci-msi "PCI 00:0a.0: MSI address 0xfee0${test_cpu}000 data 0x440 (1 vector(s)) refused: delivery mode other than fixed or lowest priority" "mode=nmi" ;;
pci-msi-smi)
	cfg=pci-hostile-test hostile pci-msi "PCI 00:0a.0: MSI address 0xfee0${test_cpu}000 data 0x240 (1 vector(s)) refused: delivery mode other than fixed or lowest priority" "mode=smi" ;;
pci-msi-init)
	cfg=pci-hostile-test hostile pci-msi "PCI 00:0a.0: MSI address 0xfee0${test_cpu}000 data 0x540 (1 vector(s)) refused: delivery mode other than fixed or lowest priority" "mode=init" ;;
pci-msi-low-vector)
	cfg=pci-hostile-test hostile pci-msi "PCI 00:0a.0: MSI address 0xfee0${test_cpu}000 data 0x2 (1 vector(s)) refused: vector below 32 or beyond 255" "vector=2" ;;
pci-msi-not-apic)
	# A DMA write of the data to pci-demo's RAM, disguised as an MSI.
	cfg=pci-hostile-test hostile pci-msi "PCI 00:0a.0: MSI address 0x3c900000 data 0x40 (1 vector(s)) refused: not an interrupt message (address outside 0xfee00000-0xfeefffff)" "addr=0x3c900000" ;;
pci-msi-remappable)
	# Remappable format (bit 4) would name a remapping entry, the
	# root's first here (index 0): only the hypervisor writes those.
	cfg=pci-hostile-test hostile pci-msi "PCI 00:0a.0: MSI address 0xfee0${test_cpu}018 data 0x40 (1 vector(s)) refused: remappable format (address bit 4)" "addr=0xfee0${test_cpu}018" ;;
pci-denied-register)
	# BIST: start the function's self test.
	cfg=pci-hostile-test want="00:0a.0 reads ID 0x11e81234" \
		hostile pci-write "PCI 00:0a.0: write 0x40 to config register 0xf, which cells may not write" "bdf=0x50 reg=0xf size=1 value=0x40" ;;
pci-rom-enable)
	# The expansion ROM BAR onto the root's RAM, enabled (a kernel may
	# size and place it only while it stays off).
	cfg=pci-hostile-test want="00:0a.0 reads ID 0x11e81234" \
		hostile pci-write "PCI 00:0a.0: write 0x100001 at 0x30 turns its expansion ROM on, which cells may not" "bdf=0x50 reg=0x30 size=4 value=0x100001" ;;
pci-bridge-write)
	# Subordinate bus 0xff: the bridge would claim every bus behind it.
	bridge=/sys/bus/pci/devices/0000:00:0e.0
	[ "$(cat $bridge/class 2>/dev/null)" = 0x060400 ] ||
		fail "no PCI-PCI bridge at 00:0e.0: the group must boot with 'device pci-bridge'"
	cfg=pci-hostile-test want="00:0e.0 reads ID 0xffffffff" \
		hostile pci-write "write 0xff0100 to config register 0x18 of PCI 00:0e.0, which the cell does not own" "bdf=0x70 reg=0x18 size=4 value=0xff0100" ;;
# IOAPIC pins (issue 12.4), in pci-hostile-test, which owns pin 22 (the
# edu's INTA): a pin it does not own, its own pin for another CPU, as an
# NMI or with a CPU exception's vector, and a register that is no pin's.
# MSI-X (issue 12.3), in pci-msix-test, which owns the second e1000e
# (00:0d.0), its table in BAR3 at 0xfeb94000.  The first delivers 100
# interrupts through entry 0 (the take left it masked).
pci-msix)
	cfg=pci-msix-test want="entry 0 control 0x1$" hostile pci-msix allowed ;;
pci-msix-root-cpu)
	cfg=pci-msix-test want="masked entry 0 holds address 0xfee00000 data 0x41; unmasking" \
		hostile pci-msix "PCI 00:0d.0: MSI-X entry 0 address 0xfee00000 data 0x41 refused: destination outside the cell" "how=unmask dest=0" ;;
pci-msix-nmi)
	cfg=pci-msix-test hostile pci-msix "PCI 00:0d.0: MSI-X entry 0 address 0xfee0${test_cpu}000 data 0x441 refused: delivery mode other than fixed or lowest priority" "how=unmask mode=nmi" ;;
pci-msix-rewrite)
	cfg=pci-msix-test want="entry 0 unmasked for APIC ID ${test_cpu} (allowed)" \
		hostile pci-msix "PCI 00:0d.0: MSI-X entry 0 address 0xfee00000 data 0x41 refused: destination outside the cell" "how=rewrite dest=0" ;;
pci-msix-byte)
	cfg=pci-msix-test hostile pci-msix "PCI 00:0d.0: 1-byte write at MSI-X table offset 0xc: entries take whole dwords or qwords" "how=byte" ;;
pci-msix-bar-move)
	cfg=pci-msix-test hostile pci-msix "PCI 00:0d.0 BAR3 would decode memory at 0xfeb40000: it holds the MSI-X table, which stays at 0xfeb94000" "how=move-bar" ;;
# INTx (issue 12), in pci-msix-test: a cell may turn on the INTx only of
# a function whose pin the config names and the cell owns.  The e1000e's
# pin is not in the configs; the edu's is 22, which the cell does not own.
pci-intx-unwired)
	cfg=pci-msix-test want="00:0d.0 reads ID 0x10d38086" \
		hostile pci-write "PCI 00:0d.0: command 0x0 turns INTx on, and the root's config does not say which pin it drives" "bdf=0x68 reg=0x4 size=2 value=0x0" ;;
pci-intx-foreign-pin)
	cfg=pci-msix-test want="00:0a.0 reads ID 0x11e81234" \
		hostile pci-write "PCI 00:0a.0: command 0x0 turns INTx on, and its pin (GSI 22) is not the cell's" "bdf=0x50 reg=0x4 size=2 value=0x0" ;;
ioapic-foreign-pin)
	cfg=pci-hostile-test want="pin 9 (the root's) reads 0x0:10000" \
		hostile ioapic-pin "IOAPIC 0xfec00000 pin 23 is not the cell's" "pin=23" ;;
ioapic-pin-root-cpu)
	cfg=pci-hostile-test want="pin 22 (the cell's, masked, allowed) reads 0x${test_cpu}000000:1a040" \
		hostile ioapic-pin "IOAPIC pin 22 entry 0x0:a040 would reach another cell" "dest=0" ;;
ioapic-pin-nmi)
	cfg=pci-hostile-test hostile ioapic-pin "IOAPIC pin 22 entry 0x${test_cpu}000000:a440 is not an interrupt" "mode=nmi" ;;
ioapic-pin-low-vector)
	cfg=pci-hostile-test hostile ioapic-pin "IOAPIC pin 22 entry 0x${test_cpu}000000:a002 has a vector below 32" "vector=2" ;;
ioapic-id-write)
	cfg=pci-hostile-test want="register 0x0 reads 0x" \
		hostile ioapic-reg "IOAPIC 0xfec00000 register 0x0 write 0xf000000: cells write only their pins" "value=0xf000000" ;;
*) fail "unknown hostile test '$test_name'" ;;
esac
echo "hostile $arg: ok"
