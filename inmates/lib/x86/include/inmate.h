/* SPDX-License-Identifier: BSD-2-Clause */
/*
 * The xvcell inmate library: everything a bare-metal program in a cell
 * (or booted bare by QEMU) needs.  An inmate defines inmate_main(); the
 * library has already set up long mode, stacks, BSS, the IDT and the
 * console when it is called.
 */
#ifndef INMATE_H
#define INMATE_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <stdarg.h>

#include <inmate-layout.h>
#include <xvcell/comm-region.h>
#include <xvcell/hypercall.h>

#define ARRAY_SIZE(a)	(sizeof(a) / sizeof((a)[0]))

/* For calibrations: the median shrugs off one disturbed measurement. */
static inline uint64_t median_of_3(uint64_t a, uint64_t b, uint64_t c)
{
	if ((a <= b && b <= c) || (c <= b && b <= a))
		return b;
	if ((b <= a && a <= c) || (c <= a && a <= b))
		return a;
	return c;
}

/* --- provided by the inmate ----------------------------------------------- */

void inmate_main(void);

/* --- CPU helpers ------------------------------------------------------------ */

static inline void cpu_relax(void)
{
	asm volatile("pause" ::: "memory");
}

static inline void irq_enable(void)
{
	asm volatile("sti" ::: "memory");
}

static inline void irq_disable(void)
{
	asm volatile("cli" ::: "memory");
}

/* Disables interrupts; returns the previous RFLAGS for irq_restore(). */
static inline uint64_t irq_save(void)
{
	uint64_t flags;

	asm volatile("pushfq; popq %0; cli" : "=r"(flags) : : "memory");
	return flags;
}

static inline void irq_restore(uint64_t flags)
{
	asm volatile("pushq %0; popfq" : : "r"(flags) : "memory", "cc");
}

/* Enable interrupts and wait for one, without a window between the two. */
static inline void irq_enable_and_halt(void)
{
	asm volatile("sti; hlt" ::: "memory");
}

static inline void outb(uint16_t port, uint8_t value)
{
	asm volatile("outb %0, %1" : : "a"(value), "Nd"(port));
}

static inline void outw(uint16_t port, uint16_t value)
{
	asm volatile("outw %0, %1" : : "a"(value), "Nd"(port));
}

static inline void outl(uint16_t port, uint32_t value)
{
	asm volatile("outl %0, %1" : : "a"(value), "Nd"(port));
}

static inline uint8_t inb(uint16_t port)
{
	uint8_t value;

	asm volatile("inb %1, %0" : "=a"(value) : "Nd"(port));
	return value;
}

static inline uint16_t inw(uint16_t port)
{
	uint16_t value;

	asm volatile("inw %1, %0" : "=a"(value) : "Nd"(port));
	return value;
}

static inline uint32_t inl(uint16_t port)
{
	uint32_t value;

	asm volatile("inl %1, %0" : "=a"(value) : "Nd"(port));
	return value;
}

static inline uint64_t rdmsr(uint32_t msr)
{
	uint32_t lo, hi;

	asm volatile("rdmsr" : "=a"(lo), "=d"(hi) : "c"(msr));
	return ((uint64_t)hi << 32) | lo;
}

static inline void wrmsr(uint32_t msr, uint64_t value)
{
	asm volatile("wrmsr" : : "c"(msr), "a"((uint32_t)value),
		     "d"((uint32_t)(value >> 32)) : "memory");
}

static inline void cpuid(uint32_t leaf, uint32_t subleaf, uint32_t regs[4])
{
	asm volatile("cpuid"
		     : "=a"(regs[0]), "=b"(regs[1]), "=c"(regs[2]), "=d"(regs[3])
		     : "a"(leaf), "c"(subleaf));
}

/*
 * MMIO as one plain 32-bit MOV through a register: a hypervisor emulating
 * a trapped access has to decode the instruction, and xvcell's decoder
 * takes MOV (8B/89/C7) forms, not the "movabs" moffs forms the compiler
 * picks for constant addresses above 2 GiB, such as the xAPIC's.
 */
static inline uint32_t mmio_read32(uintptr_t address)
{
	uint32_t value;

	asm volatile("movl (%1), %0" : "=r"(value) : "r"(address) : "memory");
	return value;
}

static inline void mmio_write32(uintptr_t address, uint32_t value)
{
	asm volatile("movl %0, (%1)" : : "r"(value), "r"(address) : "memory");
}

/* Stop this CPU for good: interrupts off, halt forever. */
void __attribute__((noreturn)) cpu_stop(void);

/* --- spinlock --------------------------------------------------------------- */

struct spinlock {
	volatile uint32_t locked;
};

void spin_lock(struct spinlock *lock);
void spin_unlock(struct spinlock *lock);

/* --- strings ---------------------------------------------------------------- */

void *memset(void *dest, int c, size_t n);
void *memcpy(void *dest, const void *src, size_t n);
void *memmove(void *dest, const void *src, size_t n);
int memcmp(const void *a, const void *b, size_t n);
size_t strlen(const char *s);
int strcmp(const char *a, const char *b);
int strncmp(const char *a, const char *b, size_t n);
/* Parses decimal or 0x-hex; *end points behind the digits. */
uint64_t strtou64(const char *s, const char **end);

/* --- command line ----------------------------------------------------------- */

/* The loader's command line: "name=value name2=value2 flag". */
const char *cmdline(void);
/* Value of name=, or default_value if absent or not a number. */
uint64_t cmdline_get_u64(const char *name, uint64_t default_value);
/* Copies the value of name= (NUL-terminated, truncated); false if absent. */
bool cmdline_get_str(const char *name, char *buf, size_t size);
/* name=1/0/yes/no/on/off, or a bare "name" meaning true. */
bool cmdline_get_bool(const char *name, bool default_value);
/* Called once at startup: takes a multiboot command line if bare. */
void cmdline_init(void);

/* --- console and printk ----------------------------------------------------- */

void uart_init_pio(uint16_t port, uint32_t divider);
void uart_init_mmio(uintptr_t address, uint32_t divider);
void uart_write(const char *buf, size_t len);

enum console_kind {
	CONSOLE_NONE,
	CONSOLE_UART_PIO,
	CONSOLE_UART_MMIO,
	CONSOLE_HYPERCALL,
};

void console_init(void);
void console_write(const char *buf, size_t len);
enum console_kind console_kind(void);

int printk(const char *fmt, ...) __attribute__((format(printf, 1, 2)));
int vprintk(const char *fmt, va_list ap);
/* Formats into buf (always NUL-terminated); returns the full length. */
int snprintk(char *buf, size_t size, const char *fmt, ...)
	__attribute__((format(printf, 3, 4)));
int vsnprintk(char *buf, size_t size, const char *fmt, va_list ap);
/* After a fatal fault: never wait for another CPU's printk. */
void printk_break_lock(void);

/* --- comm region and hypervisor --------------------------------------------- */

/* The comm region, or NULL when not running under xvcell (bare boot). */
struct xvc_comm_region *comm_region(void);
bool running_under_xvcell(void);
bool comm_shutdown_requested(void);
void comm_reply_shutdown(bool approve);
void comm_set_state(uint32_t state);

/* VMMCALL on AMD, VMCALL on Intel; returns RAX. */
long hypercall(unsigned long number, unsigned long arg1, unsigned long arg2);
long hypercall_console_write(const char *buf, size_t len);

/*
 * Idle until the hypervisor asks this cell to shut down; returns then,
 * without answering.  Keeps interrupts as they are.
 */
void inmate_wait_shutdown_request(void);
/* Approve the pending shutdown request and stop this CPU. */
void __attribute__((noreturn)) inmate_shutdown(void);
/* Idle forever, approving any shutdown request. */
void __attribute__((noreturn)) inmate_halt(void);

/* --- timers ----------------------------------------------------------------- */

#define PM_TIMER_HZ	3579545ULL

static inline uint64_t tsc_read(void)
{
	uint32_t lo, hi;

	asm volatile("rdtsc" : "=a"(lo), "=d"(hi));
	return ((uint64_t)hi << 32) | lo;
}

/* Ordered against earlier loads and stores, for measurements. */
static inline uint64_t tsc_read_ordered(void)
{
	asm volatile("mfence; lfence" ::: "memory");
	return tsc_read();
}

/* 0 when there is no PM timer. */
uint16_t pm_timer_port(void);
/* 24-bit counter value (upper bits of a 32-bit timer are ignored). */
uint32_t pm_timer_read(void);
void pm_timer_delay_us(uint64_t us);

/* From the comm region, else calibrated once against the PM timer. */
uint64_t tsc_khz(void);
uint64_t tsc_to_ns(uint64_t ticks);
uint64_t ns_to_tsc(uint64_t ns);
void delay_us(uint64_t us);

/* --- local APIC ------------------------------------------------------------- */

#define APIC_SPURIOUS_VECTOR	0xff

#define APIC_DM_FIXED		(0 << 8)
#define APIC_DM_NMI		(4 << 8)
#define APIC_DM_INIT		(5 << 8)
#define APIC_DM_STARTUP		(6 << 8)
#define APIC_DEST_LOGICAL	(1 << 11)
#define APIC_LEVEL_ASSERT	(1 << 14)
#define APIC_SHORTHAND_SELF	(1 << 18)
#define APIC_SHORTHAND_ALL	(2 << 18)
#define APIC_SHORTHAND_OTHERS	(3 << 18)

/* x2APIC if wanted and offered by CPUID, else xAPIC; enables this CPU's APIC. */
void apic_init(bool want_x2apic);
/* Enables this CPU's APIC in the mode the first CPU chose (APs). */
void apic_init_this_cpu(void);
bool apic_is_x2apic(void);
bool cpu_has_x2apic(void);
/* From the APIC registers (apic_init() first) ... */
uint32_t apic_id(void);
/* ... or from CPUID, without touching the APIC at all. */
uint32_t cpuid_apic_id(void);
uint32_t apic_read(unsigned int reg);
void apic_write(unsigned int reg, uint32_t value);
void apic_eoi(void);
/* Raw ICR write: delivery mode and flags as APIC_* above. */
void apic_send_ipi_raw(uint32_t dest, uint32_t icr_low);
void apic_send_ipi(uint32_t dest, uint8_t vector);
void apic_send_nmi(uint32_t dest);
void apic_send_init(uint32_t dest);
void apic_send_sipi(uint32_t dest, uint8_t page);

/* APIC timer frequency: from the comm region, else calibrated. */
uint64_t apic_timer_khz(void);
void apic_timer_oneshot(uint8_t vector, uint32_t ticks);
void apic_timer_periodic(uint8_t vector, uint32_t ticks);
void apic_timer_stop(void);
uint32_t apic_timer_current(void);

/* --- interrupts ------------------------------------------------------------- */

struct irq_frame {
	uint64_t r15, r14, r13, r12, r11, r10, r9, r8;
	uint64_t rbp, rdi, rsi, rdx, rcx, rbx, rax;
	uint64_t vector, error_code;
	uint64_t rip, cs, rflags, rsp, ss;
};

typedef void (*irq_handler_t)(struct irq_frame *frame);

/* Installs the IDT on this CPU; exceptions print and stop the CPU. */
void idt_init(void);
void idt_load(void);
/* Handlers call apic_eoi() themselves for APIC interrupts. */
void irq_register(uint8_t vector, irq_handler_t handler);

/* --- SMP -------------------------------------------------------------------- */

typedef void (*ap_function_t)(void *arg);

/*
 * Starts the CPU with the given APIC ID (INIT, SIPI, SIPI) and runs
 * fn(arg) on it with interrupts off; the CPU then idles with interrupts
 * on.  Returns 0, or -1 if the CPU did not come up.
 */
int smp_start_cpu(uint32_t apic_id, ap_function_t fn, void *arg);
/* 0 on the first CPU, 1.. on APs in start order. */
unsigned int this_cpu_index(void);

/* --- PCI (bus 0, config mechanism #1: ports 0xcf8/0xcfc) -------------------- */

#define PCI_BDF(bus, dev, fn)	((uint16_t)((bus) << 8 | (dev) << 3 | (fn)))

#define PCI_CFG_VENDOR_ID	0x00
#define PCI_CFG_DEVICE_ID	0x02
#define PCI_CFG_COMMAND		0x04
#define PCI_CFG_STATUS		0x06
#define PCI_CFG_BAR0		0x10
#define PCI_CFG_CAP_PTR		0x34

#define PCI_CMD_MEMORY		(1 << 1)
#define PCI_CMD_MASTER		(1 << 2)
#define PCI_CMD_INTX_DISABLE	(1 << 10)
#define PCI_STS_CAP_LIST	(1 << 4)

#define PCI_CAP_ID_MSI		0x05

/* Naturally aligned 1, 2 or 4 bytes below 0x100; others read all ones. */
uint32_t pci_read_config(uint16_t bdf, unsigned int reg, unsigned int size);
void pci_write_config(uint16_t bdf, unsigned int reg, uint32_t value,
		      unsigned int size);
/* BDF of the first match on bus 0 at or after start_bdf, or -1. */
int pci_find_device(uint16_t vendor, uint16_t device, unsigned int start_bdf);
/* Address a BAR decodes (I/O or memory, 64-bit pairs joined). */
uint64_t pci_bar_address(uint16_t bdf, unsigned int bar);
/* 32-bit memory BARs only: size (0: not one) and placement (0 or -1). */
uint32_t pci_bar_size(uint16_t bdf, unsigned int bar);
int pci_bar_program(uint16_t bdf, unsigned int bar, uint32_t address);
/* Memory decode and bus mastering on. */
void pci_enable_device(uint16_t bdf);
/* Config offset of capability id, 0 if absent. */
unsigned int pci_find_cap(uint16_t bdf, uint8_t id);
/* One fixed, edge-triggered MSI to apic_id (< 256) with vector; 0 or -1. */
int pci_msi_setup(uint16_t bdf, uint32_t apic_id, uint8_t vector);
void pci_msi_disable(uint16_t bdf);

/* --- I/O APIC (the one at 0xfec00000) --------------------------------------- */

#define IOAPIC_BASE		0xfec00000UL

#define IOAPIC_REG_ID		0x00
#define IOAPIC_REG_VERSION	0x01
#define IOAPIC_REDIR_LOW(pin)	(0x10 + 2 * (pin))
#define IOAPIC_REDIR_HIGH(pin)	(0x11 + 2 * (pin))

/* Low half of a redirection entry (delivery modes: APIC_DM_*). */
#define IOAPIC_DEST_LOGICAL	(1 << 11)
#define IOAPIC_ACTIVE_LOW	(1 << 13)
#define IOAPIC_REMOTE_IRR	(1 << 14)
#define IOAPIC_LEVEL		(1 << 15)
#define IOAPIC_MASKED		(1 << 16)

/* One register through the index and the window. */
uint32_t ioapic_read(unsigned int reg);
void ioapic_write(unsigned int reg, uint32_t value);
unsigned int ioapic_pins(void);
/* Whole entries, high half in bits 32-63; written masked until complete. */
uint64_t ioapic_redir_read(unsigned int pin);
void ioapic_redir_write(unsigned int pin, uint64_t entry);
/* Fixed @vector to @apic_id (physical); flags IOAPIC_LEVEL, _ACTIVE_LOW, _MASKED. */
void ioapic_pin_setup(unsigned int pin, uint32_t apic_id, uint8_t vector,
		      uint32_t flags);
void ioapic_pin_mask(unsigned int pin);
/* A level-triggered @vector's EOI, written to the IOAPIC itself. */
void ioapic_eoi(uint8_t vector);
void ioapic_pin_unmask(unsigned int pin);

#endif /* INMATE_H */
