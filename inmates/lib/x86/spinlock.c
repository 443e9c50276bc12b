/* SPDX-License-Identifier: BSD-2-Clause */
/* A test-and-test-and-set lock: enough for a handful of CPUs. */
#include <inmate.h>

void spin_lock(struct spinlock *lock)
{
	while (__atomic_exchange_n(&lock->locked, 1, __ATOMIC_ACQUIRE))
		while (lock->locked)
			cpu_relax();
}

void spin_unlock(struct spinlock *lock)
{
	__atomic_store_n(&lock->locked, 0, __ATOMIC_RELEASE);
}
