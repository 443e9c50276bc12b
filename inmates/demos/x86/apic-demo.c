// SPDX-License-Identifier: GPL-2.0-only
/*
 * apic-demo: periodic local APIC timer (hz=, default 1000) and the
 * latency of each of its interrupts, reported once a second.
 *
 * The TSC deadline each tick was expected at is reconstructed from the
 * timer's own current-count register, read next to the TSC: in periodic
 * mode the count says how many APIC ticks ago the counter reloaded, i.e.
 * when the interrupt was raised.  A grid "start + n * period" computed
 * from calibrated frequencies would drift by the calibration error
 * instead (an error of 1e-4 is 100 us after one second).
 *
 * Options: hz=N, x2apic=0 to stay in xAPIC mode, reports=N to stop
 * after N reports (0: run until shut down).
 */
#include <inmate.h>

#define TIMER_VECTOR	0x40

struct latency_window {
	uint64_t min_ns, max_ns, sum_ns;
	uint64_t count;
};

static uint32_t period_apic_ticks;
static uint64_t apic_khz_value, tsc_khz_value;
static uint64_t hz;
static uint64_t period_tsc;
static volatile uint64_t coalesced;

static volatile uint64_t total_ticks;
static struct latency_window window;
/* The last complete window, handed to the main loop for printing. */
static struct latency_window report;
static volatile bool report_ready;

static void window_reset(struct latency_window *w)
{
	w->min_ns = UINT64_MAX;
	w->max_ns = 0;
	w->sum_ns = 0;
	w->count = 0;
}

static void window_add(struct latency_window *w, uint64_t ns)
{
	if (ns < w->min_ns)
		w->min_ns = ns;
	if (ns > w->max_ns)
		w->max_ns = ns;
	w->sum_ns += ns;
	w->count++;
}

/*
 * TSC value at which this tick's timer expired, reconstructed from the
 * counter's progress since its reload.
 */
static uint64_t tick_expiry_tsc(uint64_t *now)
{
	uint64_t tsc_before, tsc_after;
	uint32_t elapsed_apic_ticks;

	tsc_before = tsc_read_ordered();
	elapsed_apic_ticks = period_apic_ticks - apic_timer_current();
	tsc_after = tsc_read_ordered();
	/* The counter was read somewhere between the two TSC reads. */
	*now = tsc_before + (tsc_after - tsc_before) / 2;
	return *now - (uint64_t)elapsed_apic_ticks * tsc_khz_value / apic_khz_value;
}

/*
 * An interrupt later than a whole period is merged with the next expiry
 * by the APIC: the gap between expected deadlines shows such losses.
 */
static void count_coalesced(uint64_t expected_tsc)
{
	static uint64_t last_expected_tsc;
	uint64_t gap;

	if (last_expected_tsc) {
		gap = expected_tsc - last_expected_tsc;
		if (gap > period_tsc + period_tsc / 2)
			coalesced += (gap + period_tsc / 2) / period_tsc - 1;
	}
	last_expected_tsc = expected_tsc;
}

static void timer_handler(struct irq_frame *frame)
{
	uint64_t now, expected_tsc = tick_expiry_tsc(&now);

	(void)frame;
	apic_eoi();
	total_ticks++;
	count_coalesced(expected_tsc);
	window_add(&window, tsc_to_ns(now - expected_tsc));
	if (window.count < hz)
		return;
	if (!report_ready) {
		report = window;
		report_ready = true;
	}
	window_reset(&window);
}

static void print_report(void)
{
	printk("apic-demo: latency min/avg/max %lu/%lu/%lu ns ticks %lu\n",
	       report.min_ns, report.sum_ns / report.count, report.max_ns, total_ticks);
	report_ready = false;
	if (coalesced)
		printk("apic-demo: %lu expiries coalesced so far (latency > period)\n",
		       coalesced);
}

void inmate_main(void)
{
	uint64_t reports_wanted, reports = 0;

	hz = cmdline_get_u64("hz", 1000);
	reports_wanted = cmdline_get_u64("reports", 0);
	if (!hz)
		hz = 1000;
	apic_init(cmdline_get_bool("x2apic", true));
	tsc_khz_value = tsc_khz();
	apic_khz_value = apic_timer_khz();
	period_apic_ticks = apic_khz_value * 1000 / hz;
	if (!period_apic_ticks)
		period_apic_ticks = 1;
	period_tsc = tsc_khz_value * 1000 / hz;
	printk("apic-demo: %s, APIC ID %u, TSC %lu kHz, APIC timer %lu kHz, %lu Hz\n",
	       apic_is_x2apic() ? "x2APIC" : "xAPIC", apic_id(), tsc_khz_value,
	       apic_khz_value, hz);

	window_reset(&window);
	irq_register(TIMER_VECTOR, timer_handler);
	apic_timer_periodic(TIMER_VECTOR, period_apic_ticks);
	for (;;) {
		irq_enable_and_halt();
		irq_disable();
		if (report_ready) {
			print_report();
			reports++;
		}
		if (comm_shutdown_requested() || (reports_wanted && reports >= reports_wanted))
			break;
	}
	apic_timer_stop();
	printk("apic-demo: shutting down\n");
	inmate_shutdown();
}
