/* SPDX-License-Identifier: BSD-2-Clause */
/*
 * TSC frequency: the hypervisor may tell it in the comm region; otherwise
 * it is measured once against the PM timer.
 */
#include <inmate.h>

#define CALIBRATION_US		20000
#define FALLBACK_TSC_KHZ	1000000
/* A live PM timer advances every 279 ns; this many reads without change mean none. */
#define PM_TIMER_DEAD_READS	1000000

/* A PM timer value and the TSC value at the same moment. */
struct clock_pair {
	uint32_t pm;
	uint64_t tsc;
};

/*
 * The PM timer read bracketed by TSC reads, best of a few tries: a CPU
 * preempted (by the host of a VM) between the two reads would pair
 * values milliseconds apart.
 */
static struct clock_pair read_clock_pair(void)
{
	uint64_t before, after, width, best_width = UINT64_MAX;
	struct clock_pair best = { 0, 0 };
	unsigned int try;
	uint32_t pm;

	for (try = 0; try < 8; try++) {
		before = tsc_read_ordered();
		pm = pm_timer_read();
		after = tsc_read_ordered();
		width = after - before;
		if (width < best_width) {
			best_width = width;
			best.pm = pm;
			best.tsc = before + width / 2;
		}
	}
	return best;
}

static bool pm_timer_runs(void)
{
	uint32_t start = pm_timer_read(), reads;

	for (reads = 0; reads < PM_TIMER_DEAD_READS; reads++)
		if (pm_timer_read() != start)
			return true;
	return false;
}

static uint64_t measure_tsc_khz(void)
{
	uint32_t pm_ticks = CALIBRATION_US * PM_TIMER_HZ / 1000000;
	struct clock_pair start, end;
	uint32_t pm_elapsed;

	start = read_clock_pair();
	while (((pm_timer_read() - start.pm) & 0xffffff) < pm_ticks)
		cpu_relax();
	end = read_clock_pair();
	pm_elapsed = (end.pm - start.pm) & 0xffffff;
	return (end.tsc - start.tsc) * PM_TIMER_HZ / (pm_elapsed * 1000ULL);
}

/* Returns 0 if the PM timer does not run (no ACPI I/O, wrong port). */
static uint64_t calibrate_with_pm_timer(void)
{
	uint64_t first, second;

	if (!pm_timer_runs())
		return 0;
	first = measure_tsc_khz();
	second = measure_tsc_khz();
	return median_of_3(first, second, measure_tsc_khz());
}

uint64_t tsc_khz(void)
{
	static uint64_t khz;
	struct xvc_comm_region *comm;

	if (khz)
		return khz;
	comm = comm_region();
	if (comm && comm->tsc_khz)
		khz = comm->tsc_khz;
	else if (pm_timer_port())
		khz = calibrate_with_pm_timer();
	if (!khz) {
		printk("inmate: no TSC frequency and no working PM timer, assuming 1 GHz\n");
		khz = FALLBACK_TSC_KHZ;
	}
	return khz;
}

uint64_t tsc_to_ns(uint64_t ticks)
{
	return ticks * 1000000 / tsc_khz();
}

uint64_t ns_to_tsc(uint64_t ns)
{
	return ns * tsc_khz() / 1000000;
}

void delay_us(uint64_t us)
{
	uint64_t end = tsc_read() + us * tsc_khz() / 1000;

	while (tsc_read() < end)
		cpu_relax();
}
