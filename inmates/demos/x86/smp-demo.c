// SPDX-License-Identifier: GPL-2.0-only
/*
 * smp-demo: the first CPU starts a second one (INIT/SIPI) and the two
 * play IPI ping-pong: each ping from the first CPU must come back as a
 * pong before the next one is sent.
 *
 * Options: cpu=APIC ID of the second CPU (default: own ID + 1),
 * count=number of round trips (default 1000), x2apic=0.
 */
#include <inmate.h>

#define PING_VECTOR		0x41
#define PONG_VECTOR		0x42
#define ROUND_TRIP_TIMEOUT_US	1000000

static uint32_t first_cpu_id;
static volatile uint32_t second_cpu_id;
static volatile uint64_t pings_received, pongs_received;

/* Runs on the second CPU. */
static void ping_handler(struct irq_frame *frame)
{
	(void)frame;
	pings_received++;
	apic_eoi();
	apic_send_ipi(first_cpu_id, PONG_VECTOR);
}

/* Runs on the first CPU. */
static void pong_handler(struct irq_frame *frame)
{
	(void)frame;
	pongs_received++;
	apic_eoi();
}

static void second_cpu_main(void *arg)
{
	(void)arg;
	second_cpu_id = apic_id();
	printk("smp-demo: CPU %u (APIC ID %u) is up\n", this_cpu_index(), second_cpu_id);
}

static bool wait_for_pongs(uint64_t expected)
{
	uint64_t deadline = tsc_read() + ns_to_tsc(ROUND_TRIP_TIMEOUT_US * 1000ULL);

	while (pongs_received < expected)
		if (tsc_read() > deadline)
			return false;
	return true;
}

static int ping_pong(uint32_t target, uint64_t count)
{
	uint64_t i, start, elapsed;

	start = tsc_read();
	for (i = 0; i < count; i++) {
		apic_send_ipi(target, PING_VECTOR);
		if (!wait_for_pongs(i + 1)) {
			printk("smp-demo: FAILED: round trip %lu timed out (pings %lu pongs %lu)\n",
			       i, pings_received, pongs_received);
			return -1;
		}
	}
	elapsed = tsc_read() - start;
	printk("smp-demo: CPU 0 sent %lu pings, CPU 1 received %lu, CPU 0 received %lu pongs\n",
	       count, pings_received, pongs_received);
	printk("smp-demo: average round trip %lu ns\n", tsc_to_ns(elapsed / count));
	return 0;
}

void inmate_main(void)
{
	uint64_t count = cmdline_get_u64("count", 1000);
	uint32_t target;

	apic_init(cmdline_get_bool("x2apic", true));
	first_cpu_id = apic_id();
	target = cmdline_get_u64("cpu", first_cpu_id + 1);
	printk("smp-demo: CPU 0 (APIC ID %u, %s) starting APIC ID %u\n", first_cpu_id,
	       apic_is_x2apic() ? "x2APIC" : "xAPIC", target);

	irq_register(PING_VECTOR, ping_handler);
	irq_register(PONG_VECTOR, pong_handler);
	if (smp_start_cpu(target, second_cpu_main, NULL)) {
		printk("smp-demo: FAILED: APIC ID %u did not start\n", target);
		inmate_halt();
	}
	irq_enable();
	if (!count || ping_pong(target, count) == 0)
		printk("smp-demo: %lu IPIs round-trip OK\n", count);
	inmate_wait_shutdown_request();
	printk("smp-demo: shutting down\n");
	inmate_shutdown();
}
