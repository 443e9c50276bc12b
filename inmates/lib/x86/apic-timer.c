/* SPDX-License-Identifier: BSD-2-Clause */
/*
 * Local APIC timer, divide-by-1.  Its frequency comes from the comm
 * region or is measured once against the TSC (itself calibrated against
 * the PM timer when the hypervisor does not tell it).
 */
#include <inmate.h>

#define APIC_LVT_TIMER		0x320
#define APIC_TIMER_INITIAL	0x380
#define APIC_TIMER_CURRENT	0x390
#define APIC_TIMER_DIVIDE	0x3e0

#define DIVIDE_BY_1		0xb
#define LVT_MASKED		(1 << 16)
#define LVT_PERIODIC		(1 << 17)

#define CALIBRATION_US		20000

uint32_t apic_timer_current(void)
{
	return apic_read(APIC_TIMER_CURRENT);
}

static void apic_timer_start(uint32_t lvt, uint32_t ticks)
{
	apic_write(APIC_TIMER_DIVIDE, DIVIDE_BY_1);
	apic_write(APIC_LVT_TIMER, lvt);
	apic_write(APIC_TIMER_INITIAL, ticks);
}

void apic_timer_oneshot(uint8_t vector, uint32_t ticks)
{
	apic_timer_start(vector, ticks);
}

void apic_timer_periodic(uint8_t vector, uint32_t ticks)
{
	apic_timer_start(LVT_PERIODIC | vector, ticks);
}

void apic_timer_stop(void)
{
	apic_write(APIC_TIMER_INITIAL, 0);
	apic_write(APIC_LVT_TIMER, LVT_MASKED);
}

/*
 * Both ends are bracketed by TSC reads and taken at the midpoint: being
 * preempted between starting the counter and reading the TSC would
 * otherwise skew the result.
 */
static uint64_t measure_apic_khz(void)
{
	uint64_t tsc_ticks = CALIBRATION_US * tsc_khz() / 1000;
	uint64_t before, after, tsc_start, tsc_end;
	uint32_t apic_ticks;

	apic_write(APIC_TIMER_DIVIDE, DIVIDE_BY_1);
	apic_write(APIC_LVT_TIMER, LVT_MASKED);
	before = tsc_read_ordered();
	apic_write(APIC_TIMER_INITIAL, 0xffffffff);
	after = tsc_read_ordered();
	tsc_start = before + (after - before) / 2;
	while (tsc_read() - tsc_start < tsc_ticks)
		cpu_relax();
	before = tsc_read_ordered();
	apic_ticks = 0xffffffff - apic_timer_current();
	after = tsc_read_ordered();
	tsc_end = before + (after - before) / 2;
	apic_timer_stop();
	return (uint64_t)apic_ticks * tsc_khz() / (tsc_end - tsc_start);
}

static uint64_t calibrate_against_tsc(void)
{
	uint64_t first = measure_apic_khz(), second = measure_apic_khz();

	return median_of_3(first, second, measure_apic_khz());
}

uint64_t apic_timer_khz(void)
{
	static uint64_t khz;
	struct xvc_comm_region *comm;

	if (!khz) {
		comm = comm_region();
		if (comm && comm->apic_khz)
			khz = comm->apic_khz;
		else
			khz = calibrate_against_tsc();
	}
	return khz;
}
