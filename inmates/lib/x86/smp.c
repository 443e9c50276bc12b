/* SPDX-License-Identifier: BSD-2-Clause */
/*
 * Starting further CPUs: INIT, then SIPI with the vector of the AP
 * trampoline page (entry.S), which brings the CPU to long mode on its own
 * stack and into ap_startup().  One CPU is started at a time, so a few
 * plain variables carry its parameters.
 */
#include <inmate.h>

#define SIPI_VECTOR		(AP_TRAMPOLINE_ADDRESS >> 12)
#define INIT_SETTLE_US		10000
#define SIPI_WAIT_US		10000

extern char cpu_stacks[MAX_CPUS * STACK_SIZE];

void ap_startup(void);

/* Read by entry.S: the stack of the CPU being started. */
uint64_t ap_stack_top;

static volatile bool ap_running;
static ap_function_t ap_function;
static void *ap_argument;
static unsigned int cpus_started = 1;

static uint32_t cpu_apic_ids[MAX_CPUS];

unsigned int this_cpu_index(void)
{
	unsigned int index;
	uint32_t id;

	/* Before the APIC is set up, only the first CPU runs. */
	if (cpus_started == 1)
		return 0;
	id = apic_id();
	for (index = 0; index < cpus_started; index++)
		if (cpu_apic_ids[index] == id)
			return index;
	return 0;
}

void ap_startup(void)
{
	ap_function_t fn = ap_function;
	void *arg = ap_argument;

	idt_load();
	apic_init_this_cpu();
	/* From here on the starter may reuse the parameters above. */
	__atomic_store_n(&ap_running, true, __ATOMIC_RELEASE);
	fn(arg);
	for (;;)
		irq_enable_and_halt();
}

static bool wait_for_ap(uint64_t us)
{
	uint64_t end = tsc_read() + us * tsc_khz() / 1000;

	while (tsc_read() < end)
		if (__atomic_load_n(&ap_running, __ATOMIC_ACQUIRE))
			return true;
	return false;
}

/* The first CPU's APIC must be set up (apic_init()) before. */
int smp_start_cpu(uint32_t target, ap_function_t fn, void *arg)
{
	unsigned int index = cpus_started;

	if (index >= MAX_CPUS)
		return -1;
	if (index == 1)
		cpu_apic_ids[0] = apic_id();
	ap_function = fn;
	ap_argument = arg;
	ap_stack_top = (uintptr_t)&cpu_stacks[(index + 1) * STACK_SIZE];
	ap_running = false;
	cpu_apic_ids[index] = target;
	cpus_started++;

	apic_send_init(target);
	delay_us(INIT_SETTLE_US);
	apic_send_sipi(target, SIPI_VECTOR);
	/* The second SIPI only if the first one got lost. */
	if (wait_for_ap(SIPI_WAIT_US))
		return 0;
	apic_send_sipi(target, SIPI_VECTOR);
	if (wait_for_ap(SIPI_WAIT_US * 10))
		return 0;
	cpus_started--;
	return -1;
}
