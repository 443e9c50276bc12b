/* SPDX-License-Identifier: BSD-2-Clause */
/*
 * ACPI PM timer: a 3.579545 MHz counter on an I/O port, the reference
 * the TSC and APIC timer are calibrated against.  The port comes from
 * "pm_timer=" on the command line, else the comm region; booted bare
 * without either, QEMU q35's 0x608 is assumed.
 */
#include <inmate.h>

#define PM_TIMER_MASK		0xffffff
#define BARE_DEFAULT_PORT	0x608

uint16_t pm_timer_port(void)
{
	static uint16_t port;
	static bool known;
	struct xvc_comm_region *comm;

	if (!known) {
		comm = comm_region();
		port = comm ? comm->pm_timer_port : BARE_DEFAULT_PORT;
		port = cmdline_get_u64("pm_timer", port);
		known = true;
	}
	return port;
}

uint32_t pm_timer_read(void)
{
	return inl(pm_timer_port()) & PM_TIMER_MASK;
}

static uint32_t pm_timer_elapsed(uint32_t start)
{
	return (pm_timer_read() - start) & PM_TIMER_MASK;
}

/* Must stay below the 4.7 s wrap-around of the 24-bit counter. */
void pm_timer_delay_us(uint64_t us)
{
	uint32_t ticks = us * PM_TIMER_HZ / 1000000;
	uint32_t start = pm_timer_read();

	while (pm_timer_elapsed(start) < ticks)
		cpu_relax();
}
