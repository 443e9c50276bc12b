// SPDX-License-Identifier: GPL-2.0-only
/*
 * xvc-cyclic LOOPS INTERVAL_US: timer latency, as cyclictest measures it.
 * A SCHED_FIFO thread (priority 90, memory locked) sleeps until absolute
 * times INTERVAL_US apart on CLOCK_MONOTONIC and records how late each
 * wake-up is.  Prints "cyclic: LOOPS loops of INTERVAL_US us, latency us
 * min/avg/max MIN/AVG/MAX".  Static, for the rig's root and Linux cell
 * (ci/mkcellinitrd), where there is no rt-tests.
 */
#include <sched.h>
#include <stdio.h>
#include <stdlib.h>
#include <sys/mman.h>
#include <time.h>

#define NSEC_PER_SEC	1000000000LL

static long long ns(const struct timespec *t)
{
	return t->tv_sec * NSEC_PER_SEC + t->tv_nsec;
}

int main(int argc, char **argv)
{
	struct sched_param prio = { .sched_priority = 90 };
	long long interval, late, min = -1, max = 0, sum = 0;
	struct timespec next, now;
	long loops, n;

	if (argc != 3 || (loops = atol(argv[1])) <= 0 ||
	    (interval = atoll(argv[2]) * 1000) <= 0) {
		fprintf(stderr, "usage: xvc-cyclic LOOPS INTERVAL_US\n");
		return 2;
	}
	if (sched_setscheduler(0, SCHED_FIFO, &prio))
		perror("xvc-cyclic: SCHED_FIFO (measuring without it)");
	mlockall(MCL_CURRENT | MCL_FUTURE);
	clock_gettime(CLOCK_MONOTONIC, &next);
	for (n = 0; n < loops; n++) {
		next.tv_nsec += interval;
		while (next.tv_nsec >= NSEC_PER_SEC) {
			next.tv_nsec -= NSEC_PER_SEC;
			next.tv_sec++;
		}
		clock_nanosleep(CLOCK_MONOTONIC, TIMER_ABSTIME, &next, NULL);
		clock_gettime(CLOCK_MONOTONIC, &now);
		late = ns(&now) - ns(&next);
		sum += late;
		if (min < 0 || late < min)
			min = late;
		if (late > max)
			max = late;
	}
	printf("cyclic: %ld loops of %lld us, latency us min/avg/max %lld/%lld/%lld\n",
	       loops, interval / 1000, min / 1000, sum / loops / 1000, max / 1000);
	return 0;
}
