/* SPDX-License-Identifier: BSD-2-Clause */
/*
 * IDT: every vector goes to irq_dispatch().  Exceptions without a
 * registered handler print what happened and stop the CPU, so that a
 * fault in an inmate is visible on its console rather than a silent hang.
 */
#include <inmate.h>

#define NUM_VECTORS		256
#define NUM_EXCEPTIONS		32
#define STUB_SIZE		16
#define GATE_INTERRUPT		0x8e	/* present, DPL 0, 64-bit interrupt gate */
#define VECTOR_GP		13
#define VECTOR_PAGE_FAULT	14
#define SELECTOR_ERROR_IDT	(1 << 1)

struct idt_gate {
	uint16_t offset_low;
	uint16_t selector;
	uint8_t ist;
	uint8_t type;
	uint16_t offset_mid;
	uint32_t offset_high;
	uint32_t reserved;
} __attribute__((packed));

struct idt_pointer {
	uint16_t limit;
	uint64_t base;
} __attribute__((packed));

extern const char irq_stubs[NUM_VECTORS * STUB_SIZE];

void irq_dispatch(struct irq_frame *frame);

static struct idt_gate idt[NUM_VECTORS] __attribute__((aligned(16)));
static irq_handler_t handlers[NUM_VECTORS];

static const char *const exception_names[NUM_EXCEPTIONS] = {
	"#DE", "#DB", "NMI", "#BP", "#OF", "#BR", "#UD", "#NM",
	"#DF", "#MF(old)", "#TS", "#NP", "#SS", "#GP", "#PF", "#15",
	"#MF", "#AC", "#MC", "#XM", "#VE", "#CP", "#22", "#23",
	"#24", "#25", "#26", "#27", "#HV", "#VC", "#SX", "#31",
};

static void set_gate(unsigned int vector, uintptr_t target)
{
	struct idt_gate *gate = &idt[vector];

	gate->offset_low = target & 0xffff;
	gate->selector = GDT_CODE64;
	gate->ist = 0;
	gate->type = GATE_INTERRUPT;
	gate->offset_mid = (target >> 16) & 0xffff;
	gate->offset_high = target >> 32;
	gate->reserved = 0;
}

void idt_load(void)
{
	struct idt_pointer pointer = {
		.limit = sizeof(idt) - 1,
		.base = (uintptr_t)idt,
	};

	asm volatile("lidt %0" : : "m"(pointer));
}

void idt_init(void)
{
	unsigned int vector;

	for (vector = 0; vector < NUM_VECTORS; vector++)
		set_gate(vector, (uintptr_t)&irq_stubs[vector * STUB_SIZE]);
	idt_load();
}

void irq_register(uint8_t vector, irq_handler_t handler)
{
	handlers[vector] = handler;
}

static uint64_t read_cr2(void)
{
	uint64_t cr2;

	asm volatile("mov %%cr2, %0" : "=r"(cr2));
	return cr2;
}

static void __attribute__((noreturn)) report_fatal(struct irq_frame *frame)
{
	const char *name = frame->vector < NUM_EXCEPTIONS ?
		exception_names[frame->vector] : "unexpected interrupt";

	/* The fault may have hit inside printk: do not wait for its lock. */
	printk_break_lock();
	printk("\nFATAL: %s vector %lu error 0x%lx at RIP 0x%lx RSP 0x%lx CPU %u\n",
	       name, frame->vector, frame->error_code, frame->rip, frame->rsp,
	       this_cpu_index());
	if (frame->vector == VECTOR_PAGE_FAULT)
		printk("FATAL: page fault address 0x%lx\n", read_cr2());
	printk("FATAL: RAX 0x%lx RBX 0x%lx RCX 0x%lx RDX 0x%lx\n",
	       frame->rax, frame->rbx, frame->rcx, frame->rdx);
	printk("FATAL: RSI 0x%lx RDI 0x%lx RBP 0x%lx\n",
	       frame->rsi, frame->rdi, frame->rbp);
	cpu_stop();
}

/*
 * QEMU 7.2 TCG with several CPUs sometimes raises an external interrupt
 * whose vector it then cannot name and delivers "vector -1": that turns
 * into a #GP citing an IDT entry far beyond 255.  No real CPU can do
 * that, so such a #GP is taken for a spurious interrupt: the interrupted
 * code simply continues.
 */
static bool is_bogus_vector_gp(const struct irq_frame *frame)
{
	uint32_t index = (frame->error_code & 0xffff) >> 3;

	return frame->vector == VECTOR_GP && (frame->error_code & SELECTOR_ERROR_IDT) &&
	       index >= NUM_VECTORS;
}

void irq_dispatch(struct irq_frame *frame)
{
	irq_handler_t handler = handlers[frame->vector];

	if (is_bogus_vector_gp(frame))
		return;
	if (handler)
		handler(frame);
	else if (frame->vector == APIC_SPURIOUS_VECTOR)
		return;	/* no EOI for spurious interrupts */
	else
		report_fatal(frame);
}
