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

static uint64_t calibrate_against_tsc(void)
{
	uint64_t tsc_ticks = CALIBRATION_US * tsc_khz() / 1000;
	uint64_t tsc_start, tsc_elapsed;
	uint32_t apic_ticks;

	apic_timer_start(LVT_MASKED, 0xffffffff);
	tsc_start = tsc_read_ordered();
	do {
		tsc_elapsed = tsc_read_ordered() - tsc_start;
	} while (tsc_elapsed < tsc_ticks);
	apic_ticks = 0xffffffff - apic_timer_current();
	apic_timer_stop();
	return (uint64_t)apic_ticks * tsc_khz() / tsc_elapsed;
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
