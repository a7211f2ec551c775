/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * determinism: makes regenerated captures byte-identical.
 *
 * GnuTLS 3.7 has no public hook for its random generator
 * (gnutls_crypto_rnd_register is gone), so this module defines
 * getrandom() and clock_gettime() in the executable.  The dynamic linker
 * binds libgnutls's calls to these definitions (ordinary ELF symbol
 * interposition), which feeds GnuTLS's DRBG a fixed seed stream and
 * lets its clock follow the simulated capture time.
 *
 * None of this is secure; it is only meant for test captures.
 */
#ifndef TLSEXPLAIN_DETERMINISM_H
#define TLSEXPLAIN_DETERMINISM_H

#include <stdint.h>

/* 2026-01-01T09:00:00Z, the start of every capture. */
#define DET_EPOCH_NS (INT64_C(1767258000) * 1000000000)

/* Installs gnutls_global_set_time_function; call once at start-up. */
void det_install(void);
/* Restarts the random stream from a seed derived from name. */
void det_reseed(const char *name);
/* Sets the simulated wall clock (ns since the Unix epoch). */
void det_clock_set(int64_t ns);
int64_t det_clock_get(void);
/* Real monotonic time, for the benchmark's own timing. */
double det_monotonic_seconds(void);

#endif
