// SPDX-License-Identifier: GPL-2.0-only
/*
 * pci-demo: drives QEMU's "edu" teaching device (PCI 1234:11e8), which
 * the cell owns.  It places the edu's BAR0 in the cell's device window,
 * checks that the device answers, aims its MSI at this CPU, measures how
 * long MSIs take from the register write that raises one to the handler,
 * and runs a DMA round trip RAM -> edu -> RAM.  Then, with MSI off, the
 * same through the edu's INTx line and the IOAPIC pin it is wired to.
 * It ends with
 *
 *   pci-demo: INTx pin 22: N of N, latency ns min/avg/max A/B/C
 *   pci-demo: done, N MSIs of N raised, latency ns min/avg/max A/B/C,
 *             DMA 2048 bytes ok
 *
 * (the second one line), then waits for shutdown and leaves the device
 * quiet.
 *
 * Config space goes through ports 0xcf8/0xcfc, which the hypervisor
 * mediates: the cell sees only its own functions, BAR0 may decode only
 * inside the cell's device memory, and the MSI must be for its own CPUs.
 * The IOAPIC too: the cell may program only the pins its config grants,
 * as interrupts for its own CPUs.
 *
 * The edu, as QEMU's hw/misc/edu.c implements it: BAR0 is 1 MiB of
 * registers, 32-bit accesses (64-bit also at 0x80 and above); 0x00 reads
 * 0xMMmm00ed (version major, minor); 0x04 reads back the complement of
 * what was written; 0x24 is the interrupt status, 0x60 ORs a value into
 * it and raises the interrupt, 0x64 clears the bits written.  DMA: source
 * 0x80, destination 0x88, count 0x90, command 0x98 (bit 0 start, bit 1
 * edu -> RAM, bit 2 raise status bit 0x100 when done); the edu's side is
 * its 4 KiB buffer at 0x40000, the transfer runs 100 ms after the command.
 *
 * The edu's DMA addresses are host-physical (no IOMMU on the rig): the
 * buffers must lie where the cell maps RAM 1:1 (dma=), and below 4 GiB
 * (the address registers are written 32 bits wide).  QEMU clamps DMA
 * addresses to 28 bits unless the device is created with a wider
 * dma_mask, which the rig does (ci/run-guest); a clamped write would land
 * in someone else's memory.
 *
 * INTx: the edu holds its line asserted while the status register is not
 * zero (and MSI is off and the command register's INTx disable clear).
 * On the q35 rigs its INTA goes to IOAPIC pin 22 (GSI 22, PCI-style:
 * level-triggered, active low).  The handler acknowledges the edu, which
 * releases the line, before the EOI: the local APIC passes the EOI of a
 * level-triggered vector on to the IOAPIC, which would deliver again at
 * once if the line were still asserted.  The EOI also goes to the IOAPIC
 * directly (ioapic_eoi()): behind QEMU's AMD-Vi remapping the message
 * arrives edge-triggered and the local APIC passes nothing on.
 *
 * Options: bar0= (0x40000000), dma= (0x3c900000, 4 KiB used), irqs=
 * (1000), intx= (200 interrupts through INTx, 0: none), pin= (22, the
 * IOAPIC pin of the edu's INTA), x2apic=0 to stay in xAPIC mode,
 * dma_to=ADDR (none): after the "done" line, one edu -> RAM transfer of
 * 2048 bytes to ADDR, memory the cell does not own (behind an IOMMU it
 * must not land there), its completion polled with MSI and INTx off;
 * dma_word=W (none): the edu's buffer holds the 32-bit word W in every
 * dword for dma_to= (through the cell's RAM at dma=): aimed at the
 * interrupt window (0xfee00000), that is 512 messages with data W which
 * the device forges, not programs;
 * dma_from=ADDR (none): then one RAM -> edu transfer of 2048 bytes from
 * ADDR and the edu's buffer written to the cell's own RAM (dma=), whose
 * first 8 bytes are printed (behind an IOMMU nothing of ADDR may show).
 */
#include <inmate.h>

#define EDU_VENDOR		0x1234
#define EDU_DEVICE		0x11e8

#define EDU_ID			0x00
#define EDU_LIVENESS		0x04
#define EDU_IRQ_STATUS		0x24
#define EDU_IRQ_RAISE		0x60
#define EDU_IRQ_ACK		0x64
#define EDU_DMA_SRC		0x80
#define EDU_DMA_DST		0x88
#define EDU_DMA_COUNT		0x90
#define EDU_DMA_CMD		0x98

#define EDU_ID_SIGNATURE	0xed
#define EDU_DMA_START		(1 << 0)
#define EDU_DMA_TO_RAM		(1 << 1)
#define EDU_DMA_IRQ		(1 << 2)
/* Status bit of a finished DMA; ours is one the edu never sets itself. */
#define EDU_IRQ_DMA		0x100
#define EDU_IRQ_TEST		0x10000

/*
 * The edu's buffer is 4 KiB at 0x40000 of its DMA space, but QEMU 7.2
 * wants a transfer to end strictly inside it and otherwise stops the
 * whole emulator (hw_error); QEMU 10 allows the full 4 KiB.  Half the
 * buffer suits both.
 */
#define EDU_BUFFER		0x40000
#define DMA_SIZE		2048

#define DEFAULT_BAR0		0x40000000
#define DEFAULT_DMA		0x3c900000
#define NO_DMA_ADDR		UINT64_MAX
#define DEFAULT_INTX_PIN	22
#define MSI_VECTOR		0x50
#define INTX_VECTOR		0x51

/* Generous for a loaded TCG host; real hardware takes microseconds. */
#define MSI_TIMEOUT_NS		1000000000ULL
/* The edu starts a transfer 100 ms after the command. */
#define DMA_TIMEOUT_NS		3000000000ULL

struct latency {
	uint64_t min_ns, max_ns, sum_ns, count;
};

static uint16_t edu_bdf;
static uintptr_t edu;
static bool edu_taken;
static uint32_t found_bar0;
static uint16_t found_command;
/* The IOAPIC pin the INTx phase programmed, -1 before. */
static int intx_pin = -1;

static volatile uint64_t irq_tsc;
static volatile uint64_t test_irqs, intx_irqs, dma_irqs, empty_irqs;

static void edu_write(unsigned int reg, uint32_t value)
{
	mmio_write32(edu + reg, value);
}

static uint32_t edu_read(unsigned int reg)
{
	return mmio_read32(edu + reg);
}

/*
 * Takes the status: acknowledges and counts what it says (@now: when the
 * interrupt came, @intx: through INTx).  Acknowledging is not needed for
 * the next MSI (the edu sends one per raise), but keeps the status
 * register telling what is still pending; through INTx it releases the
 * line.
 */
static uint32_t edu_take_status(uint64_t now, bool intx)
{
	uint32_t status = edu_read(EDU_IRQ_STATUS);

	edu_write(EDU_IRQ_ACK, status);
	if (status & EDU_IRQ_TEST) {
		irq_tsc = now;
		if (intx)
			intx_irqs++;
		else
			test_irqs++;
	}
	if (status & EDU_IRQ_DMA)
		dma_irqs++;
	return status;
}

/* The time stamp comes first: the latency is up to here. */
static void edu_irq_handler(struct irq_frame *frame)
{
	uint64_t now = tsc_read();

	if (!edu_take_status(now, frame->vector == INTX_VECTOR))
		empty_irqs++;
	apic_eoi();
	if (frame->vector == INTX_VECTOR)
		ioapic_eoi(INTX_VECTOR);
}

static bool edu_place(uint32_t bar0)
{
	uint32_t size = pci_bar_size(edu_bdf, 0);

	printk("pci-demo: edu at 00:%02x.%x, BAR0 %u KiB at 0x%lx, command 0x%x\n",
	       edu_bdf >> 3, edu_bdf & 7, size >> 10,
	       pci_bar_address(edu_bdf, 0), found_command);
	if (!size) {
		printk("pci-demo: FAILED: BAR0 is not a 32-bit memory BAR\n");
		return false;
	}
	if (pci_bar_program(edu_bdf, 0, bar0)) {
		printk("pci-demo: FAILED: BAR0 does not take 0x%x\n", bar0);
		return false;
	}
	pci_enable_device(edu_bdf);
	edu = bar0;
	printk("pci-demo: BAR0 now at 0x%lx, memory decode and bus mastering on\n",
	       pci_bar_address(edu_bdf, 0));
	return true;
}

static bool edu_take(uint64_t bar0)
{
	int bdf = pci_find_device(EDU_VENDOR, EDU_DEVICE, 0);

	if (bdf < 0) {
		printk("pci-demo: FAILED: no edu (%04x:%04x) on bus 0\n",
		       EDU_VENDOR, EDU_DEVICE);
		return false;
	}
	if (bar0 >> 32) {
		printk("pci-demo: FAILED: bar0=0x%lx is above 4 GiB\n", bar0);
		return false;
	}
	edu_bdf = bdf;
	found_bar0 = pci_read_config(edu_bdf, PCI_CFG_BAR0, 4);
	found_command = pci_read_config(edu_bdf, PCI_CFG_COMMAND, 2);
	edu_taken = true;
	return edu_place(bar0);
}

/*
 * Quiet once the cell has agreed to shut down: no MSI, no DMA, no
 * decoding, and BAR0 back where it was found (allowed with decoding off).
 * Under xvcell the hypervisor also gives the root its own settings back
 * at destroy; booted bare, nobody else would.
 */
static void edu_release(void)
{
	if (!edu_taken)
		return;
	pci_msi_disable(edu_bdf);
	pci_write_config(edu_bdf, PCI_CFG_COMMAND,
			 found_command & ~(PCI_CMD_MEMORY | PCI_CMD_MASTER), 2);
	pci_write_config(edu_bdf, PCI_CFG_BAR0, found_bar0, 4);
}

static bool edu_answers(void)
{
	uint32_t id = edu_read(EDU_ID);
	uint32_t probe = (uint32_t)tsc_read();

	if ((id & 0xff) != EDU_ID_SIGNATURE) {
		printk("pci-demo: FAILED: identification reads 0x%08x\n", id);
		return false;
	}
	edu_write(EDU_LIVENESS, probe);
	if (edu_read(EDU_LIVENESS) != ~probe) {
		printk("pci-demo: FAILED: liveness 0x%08x read back 0x%08x\n",
		       probe, edu_read(EDU_LIVENESS));
		return false;
	}
	printk("pci-demo: edu version %u.%u (0x%08x), liveness check ok\n",
	       id >> 24, (id >> 16) & 0xff, id);
	return true;
}

static bool edu_msi_on(void)
{
	if (pci_msi_setup(edu_bdf, apic_id(), MSI_VECTOR)) {
		printk("pci-demo: FAILED: no MSI to APIC ID %u\n", apic_id());
		return false;
	}
	printk("pci-demo: MSI capability at 0x%x: vector 0x%x to APIC ID %u\n",
	       pci_find_cap(edu_bdf, PCI_CAP_ID_MSI), MSI_VECTOR, apic_id());
	return true;
}

static void latency_add(struct latency *lat, uint64_t ns)
{
	if (ns < lat->min_ns)
		lat->min_ns = ns;
	if (ns > lat->max_ns)
		lat->max_ns = ns;
	lat->sum_ns += ns;
	lat->count++;
}

/*
 * Spins until *counter moves past seen; false on timeout.  With @poll the
 * edu raises no interrupt (MSI and INTx off): its status is taken here.
 */
static bool wait_for_irq(volatile uint64_t *counter, uint64_t seen,
			 uint64_t timeout_ns, bool poll)
{
	uint64_t deadline = tsc_read() + ns_to_tsc(timeout_ns);

	while (*counter == seen) {
		if (tsc_read() > deadline)
			return false;
		if (poll)
			edu_take_status(tsc_read(), false);
		cpu_relax();
	}
	return true;
}

/* One raise; false if its interrupt (counted in *counter) did not come. */
static bool irq_round(struct latency *lat, volatile uint64_t *counter)
{
	uint64_t seen = *counter, start;

	start = tsc_read_ordered();
	edu_write(EDU_IRQ_RAISE, EDU_IRQ_TEST);
	if (!wait_for_irq(counter, seen, MSI_TIMEOUT_NS, false))
		return false;
	latency_add(lat, tsc_to_ns(irq_tsc - start));
	return true;
}

/*
 * Raises up to count interrupts of one kind ("MSI", "INTx"), stopping at
 * the first lost one; returns how many were raised.
 */
static uint64_t irq_test(uint64_t count, struct latency *lat, const char *kind,
			 volatile uint64_t *counter)
{
	uint64_t raised;

	printk("pci-demo: raising %lu %s interrupts\n", count, kind);
	irq_enable();
	for (raised = 0; raised < count; raised++) {
		if (!irq_round(lat, counter)) {
			printk("pci-demo: %s interrupt %lu did not arrive within %u ms\n",
			       kind, raised + 1, (unsigned int)(MSI_TIMEOUT_NS / 1000000));
			raised++;
			break;
		}
	}
	irq_disable();
	return raised;
}

static uint64_t latency_avg(struct latency *lat)
{
	if (!lat->count) {
		lat->min_ns = 0;
		return 0;
	}
	return lat->sum_ns / lat->count;
}

static void edu_intx_disable(void)
{
	uint16_t command = pci_read_config(edu_bdf, PCI_CFG_COMMAND, 2);

	pci_write_config(edu_bdf, PCI_CFG_COMMAND, command | PCI_CMD_INTX_DISABLE, 2);
}

/* INTx disabled again and the pin masked: the line is quiet either way. */
static void edu_intx_off(unsigned int pin)
{
	ioapic_pin_mask(pin);
	edu_intx_disable();
}

/*
 * The edu's INTx on IOAPIC @pin: MSI off, INTx disable clear, the pin a
 * level-triggered, active-low interrupt for this CPU.  False (and the pin
 * masked) if the entry does not read back as written.
 */
static bool edu_intx_on(unsigned int pin)
{
	uint32_t flags = IOAPIC_LEVEL | IOAPIC_ACTIVE_LOW;
	uint64_t want = (uint64_t)apic_id() << 56 | flags | INTX_VECTOR, entry;
	uint16_t command;

	if (pin >= ioapic_pins()) {
		printk("pci-demo: FAILED: the IOAPIC has no pin %u\n", pin);
		return false;
	}
	pci_msi_disable(edu_bdf);
	edu_write(EDU_IRQ_ACK, edu_read(EDU_IRQ_STATUS));
	command = pci_read_config(edu_bdf, PCI_CFG_COMMAND, 2);
	pci_write_config(edu_bdf, PCI_CFG_COMMAND, command & ~PCI_CMD_INTX_DISABLE, 2);
	ioapic_pin_setup(pin, apic_id(), INTX_VECTOR, flags);
	entry = ioapic_redir_read(pin);
	printk("pci-demo: IOAPIC pin %u: entry 0x%lx, vector 0x%x to APIC ID %u\n",
	       pin, entry, INTX_VECTOR, apic_id());
	if ((entry & ~(uint64_t)IOAPIC_REMOTE_IRR) != want) {
		edu_intx_off(pin);
		printk("pci-demo: FAILED: IOAPIC pin %u reads 0x%lx, not 0x%lx\n",
		       pin, entry, want);
		return false;
	}
	intx_pin = pin;
	return true;
}

static void intx_test(uint64_t count, unsigned int pin)
{
	struct latency lat = { .min_ns = UINT64_MAX };
	uint64_t raised = 0, avg_ns, empty = empty_irqs;

	if (edu_intx_on(pin)) {
		raised = irq_test(count, &lat, "INTx", &intx_irqs);
		edu_intx_off(pin);
	}
	avg_ns = latency_avg(&lat);
	if (empty_irqs != empty)
		printk("pci-demo: %lu INTx interrupts with an empty status\n",
		       empty_irqs - empty);
	printk("pci-demo: INTx pin %u: %lu of %lu, latency ns min/avg/max %lu/%lu/%lu\n",
	       pin, lat.count, raised, lat.min_ns, avg_ns, lat.max_ns);
}

/*
 * One transfer of DMA_SIZE bytes, waiting for its completion interrupt,
 * or with @poll (the edu's interrupts off) for its status bit.
 */
static bool edu_dma(uint32_t src, uint32_t dst, uint32_t direction, bool poll)
{
	uint64_t seen = dma_irqs, start = tsc_read();
	bool done;

	edu_write(EDU_DMA_SRC, src);
	edu_write(EDU_DMA_DST, dst);
	edu_write(EDU_DMA_COUNT, DMA_SIZE);
	irq_enable();
	edu_write(EDU_DMA_CMD, EDU_DMA_START | EDU_DMA_IRQ | direction);
	done = wait_for_irq(&dma_irqs, seen, DMA_TIMEOUT_NS, poll);
	irq_disable();
	if (!done || (edu_read(EDU_DMA_CMD) & EDU_DMA_START)) {
		printk("pci-demo: DMA 0x%x -> 0x%x did not complete\n", src, dst);
		return false;
	}
	printk("pci-demo: DMA 0x%x -> 0x%x done in %lu us\n", src, dst,
	       tsc_to_ns(tsc_read() - start) / 1000);
	return true;
}

/*
 * Random bytes out, their complement where they come back: every byte
 * must have been written by the edu for the two to match.
 */
static void fill_buffers(uint8_t *out, uint8_t *back)
{
	uint64_t x = tsc_read() | 1;
	size_t i;

	for (i = 0; i < DMA_SIZE; i++) {
		x ^= x << 13;
		x ^= x >> 7;
		x ^= x << 17;
		out[i] = x;
		back[i] = ~x;
	}
}

static const char *dma_test(uint64_t dma)
{
	uint8_t *out = (uint8_t *)(uintptr_t)dma;
	uint8_t *back = out + DMA_SIZE;

	if (dma + 2 * DMA_SIZE > (1ULL << 32))
		return "not tried (dma= above 4 GiB)";
	fill_buffers(out, back);
	if (!edu_dma(dma, EDU_BUFFER, 0, false) ||
	    !edu_dma(EDU_BUFFER, dma + DMA_SIZE, EDU_DMA_TO_RAM, false))
		return "timeout";
	return memcmp(out, back, DMA_SIZE) ? "MISMATCH" : "ok";
}

static void run_tests(uint64_t irqs, uint64_t dma, uint64_t intx,
		      unsigned int pin)
{
	struct latency lat = { .min_ns = UINT64_MAX };
	uint64_t raised = irq_test(irqs, &lat, "MSI", &test_irqs), avg_ns;
	const char *dma_result;

	avg_ns = latency_avg(&lat);
	printk("pci-demo: %lu MSIs of %lu raised, latency ns min/avg/max %lu/%lu/%lu\n",
	       lat.count, raised, lat.min_ns, avg_ns, lat.max_ns);
	dma_result = dma_test(dma);
	if (empty_irqs)
		printk("pci-demo: %lu MSIs with an empty status\n", empty_irqs);
	if (intx)
		intx_test(intx, pin);
	printk("pci-demo: done, %lu MSIs of %lu raised, latency ns min/avg/max %lu/%lu/%lu, DMA %u bytes %s\n",
	       lat.count, raised, lat.min_ns, avg_ns, lat.max_ns, DMA_SIZE,
	       dma_result);
}

/*
 * dma_to=: the edu's buffer written to @addr, which is not the cell's.
 * Without an IOMMU it lands there; with one that translates the edu's
 * DMA for this cell it must not (the root can look: tests/kmod's
 * xvc_poke dmabuf).  The edu finishes either way.
 */
static void dma_to_test(uint64_t addr, uint64_t word, uint64_t dma)
{
	uint32_t *fill = (uint32_t *)(uintptr_t)dma;
	unsigned int n;

	printk("pci-demo: DMA of %u bytes to 0x%lx, memory that is not the cell's\n",
	       DMA_SIZE, addr);
	if (addr > (1ULL << 32) - DMA_SIZE || dma > (1ULL << 32) - DMA_SIZE) {
		printk("pci-demo: not tried: dma_to= and dma= must end below 4 GiB\n");
		return;
	}
	pci_msi_disable(edu_bdf);
	edu_intx_disable();
	if (word != NO_DMA_ADDR) {
		for (n = 0; n < DMA_SIZE / 4; n++)
			fill[n] = word;
		if (!edu_dma(dma, EDU_BUFFER, 0, true))
			return;
		printk("pci-demo: edu buffer filled with 0x%08x\n", (uint32_t)word);
	}
	if (edu_dma(EDU_BUFFER, addr, EDU_DMA_TO_RAM, true))
		printk("pci-demo: DMA to 0x%lx finished\n", addr);
}

/*
 * dma_from=: @addr, which is not the cell's, read into the edu's buffer,
 * and the buffer written into the cell's own RAM at @dma.  Without an
 * IOMMU what is at @addr shows; with one, nothing of it may (the scenario
 * knows what is there).  A unit that logs no fault for a blocked access
 * can be checked this way.
 */
static void dma_from_test(uint64_t addr, uint64_t dma)
{
	uint32_t *seen = (uint32_t *)(uintptr_t)dma;

	printk("pci-demo: DMA of %u bytes from 0x%lx, memory that is not the cell's\n",
	       DMA_SIZE, addr);
	if (addr > (1ULL << 32) - DMA_SIZE || dma > (1ULL << 32) - DMA_SIZE) {
		printk("pci-demo: not tried: dma_from= and dma= must end below 4 GiB\n");
		return;
	}
	pci_msi_disable(edu_bdf);
	edu_intx_disable();
	memset(seen, 0, DMA_SIZE);
	if (edu_dma(addr, EDU_BUFFER, 0, true) &&
	    edu_dma(EDU_BUFFER, dma, EDU_DMA_TO_RAM, true))
		printk("pci-demo: DMA from 0x%lx read 0x%08x 0x%08x\n", addr,
		       seen[0], seen[1]);
}

void inmate_main(void)
{
	uint64_t bar0 = cmdline_get_u64("bar0", DEFAULT_BAR0);
	uint64_t dma = cmdline_get_u64("dma", DEFAULT_DMA);
	uint64_t irqs = cmdline_get_u64("irqs", 1000);
	uint64_t intx = cmdline_get_u64("intx", 200);
	unsigned int pin = cmdline_get_u64("pin", DEFAULT_INTX_PIN);
	uint64_t dma_to = cmdline_get_u64("dma_to", NO_DMA_ADDR);
	uint64_t dma_from = cmdline_get_u64("dma_from", NO_DMA_ADDR);
	uint64_t dma_word = cmdline_get_u64("dma_word", NO_DMA_ADDR);

	apic_init(cmdline_get_bool("x2apic", true));
	printk("pci-demo: %s, APIC ID %u, TSC %lu kHz, bar0=0x%lx dma=0x%lx irqs=%lu intx=%lu pin=%u\n",
	       apic_is_x2apic() ? "x2APIC" : "xAPIC", apic_id(), tsc_khz(),
	       bar0, dma, irqs, intx, pin);
	irq_register(MSI_VECTOR, edu_irq_handler);
	irq_register(INTX_VECTOR, edu_irq_handler);
	if (edu_take(bar0) && edu_answers() && edu_msi_on()) {
		run_tests(irqs, dma, intx, pin);
		if (dma_to != NO_DMA_ADDR)
			dma_to_test(dma_to, dma_word, dma);
		if (dma_from != NO_DMA_ADDR)
			dma_from_test(dma_from, dma);
	}
	inmate_wait_shutdown_request();
	/* Whether anyone else changed it meanwhile (masked since the test). */
	if (intx_pin >= 0)
		printk("pci-demo: IOAPIC pin %d at shutdown: entry 0x%lx\n", intx_pin,
		       ioapic_redir_read(intx_pin) & ~(uint64_t)IOAPIC_REMOTE_IRR);
	edu_release();
	printk("pci-demo: shutting down\n");
	inmate_shutdown();
}
