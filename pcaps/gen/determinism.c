/* SPDX-License-Identifier: GPL-2.0-or-later */
#define _GNU_SOURCE
#include "determinism.h"

#include <gnutls/gnutls.h>
#include <sys/random.h>
#include <sys/syscall.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

/* Statically initialised: GnuTLS seeds itself from a library
 * constructor, before main() runs. */
static uint64_t rng_state = UINT64_C(0x746c736578706c61); /* "tlsexpla" */
static int64_t clock_ns = DET_EPOCH_NS;

/* splitmix64: tiny, good enough to seed a DRBG reproducibly. */
static uint64_t next_random(void)
{
    uint64_t z = (rng_state += UINT64_C(0x9e3779b97f4a7c15));

    z = (z ^ (z >> 30)) * UINT64_C(0xbf58476d1ce4e5b9);
    z = (z ^ (z >> 27)) * UINT64_C(0x94d049bb133111eb);
    return z ^ (z >> 31);
}

ssize_t getrandom(void *buf, size_t len, unsigned int flags)
{
    unsigned char *p = buf;

    (void)flags;
    for (size_t i = 0; i < len; i += 8) {
        uint64_t r = next_random();
        memcpy(p + i, &r, len - i < 8 ? len - i : 8);
    }
    return (ssize_t)len;
}

int clock_gettime(clockid_t id, struct timespec *ts)
{
    if (id != CLOCK_REALTIME)
        return (int)syscall(SYS_clock_gettime, id, ts);
    ts->tv_sec = (time_t)(clock_ns / 1000000000);
    ts->tv_nsec = (long)(clock_ns % 1000000000);
    return 0;
}

static time_t simulated_time(time_t *t)
{
    time_t now = (time_t)(clock_ns / 1000000000);

    if (t)
        *t = now;
    return now;
}

void det_install(void)
{
    gnutls_global_set_time_function(simulated_time);
}

void det_reseed(const char *name)
{
    /* FNV-1a: any stable string hash will do. */
    uint64_t h = UINT64_C(0xcbf29ce484222325);

    for (const unsigned char *p = (const unsigned char *)name; *p; p++)
        h = (h ^ *p) * UINT64_C(0x100000001b3);
    rng_state = h;
}

void det_clock_set(int64_t ns)
{
    clock_ns = ns;
}

int64_t det_clock_get(void)
{
    return clock_ns;
}

double det_monotonic_seconds(void)
{
    struct timespec ts;

    syscall(SYS_clock_gettime, CLOCK_MONOTONIC, &ts);
    return (double)ts.tv_sec + (double)ts.tv_nsec / 1e9;
}
