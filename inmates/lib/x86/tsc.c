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

/* Returns 0 if the PM timer does not run (no ACPI I/O, wrong port). */
static uint64_t calibrate_with_pm_timer(void)
{
	uint32_t pm_ticks = CALIBRATION_US * PM_TIMER_HZ / 1000000;
	uint32_t pm_start, pm_now, pm_elapsed, reads = 0;
	uint64_t tsc_start, tsc_end;

	/* Start right after a PM timer edge, so that both clocks start together. */
	pm_start = pm_timer_read();
	while ((pm_now = pm_timer_read()) == pm_start)
		if (++reads == PM_TIMER_DEAD_READS)
			return 0;
	tsc_start = tsc_read_ordered();
	do {
		pm_elapsed = (pm_timer_read() - pm_now) & 0xffffff;
	} while (pm_elapsed < pm_ticks);
	tsc_end = tsc_read_ordered();
	return (tsc_end - tsc_start) * PM_TIMER_HZ / (pm_elapsed * 1000ULL);
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
