/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * bench: many independent full handshakes in one capture, for measuring
 * the dissector.  Packets are written connection by connection so memory
 * stays flat however many handshakes are asked for.
 */
#ifndef TLSEXPLAIN_BENCH_H
#define TLSEXPLAIN_BENCH_H

#include <glib.h>

#include "scenarios.h"

/* keys_path may be NULL: then no key log is kept. */
gboolean bench_run(const struct scenario_env *env, unsigned count,
                   const char *out_path, const char *keys_path,
                   GError **error);

#endif
