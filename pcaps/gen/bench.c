/* SPDX-License-Identifier: GPL-2.0-or-later */
#include "bench.h"

#include <stdio.h>

#include "determinism.h"

/* Client ports cycle through the IANA dynamic range. */
#define FIRST_PORT 49152
#define PORT_COUNT 16384
#define BETWEEN_CONNECTIONS_NS INT64_C(10000000)

static gboolean one_connection(const struct scenario_env *env,
                               struct scenario_output *out, unsigned i,
                               int64_t *clock, GError **error)
{
    const struct tls_profile *profile = (i % 2 == 0) ? &profile_tls12
                                                      : &profile_tls13;
    struct tcpflow flow;
    gboolean ok;

    tcpflow_init(&flow, env->path, out->packets,
                 (uint16_t)(FIRST_PORT + i % PORT_COUNT), *clock);
    ok = scenario_http_connection(env, out, profile, &flow, "/", NULL,
                                  NULL, error);
    *clock = MAX(flow.now[SIDE_CLIENT], flow.now[SIDE_SERVER]) +
             BETWEEN_CONNECTIONS_NS;
    return ok;
}

static gboolean write_connections(const struct scenario_env *env,
                                  struct capture_writer *w, unsigned count,
                                  GString *keylog, GError **error)
{
    struct scenario_output out = { packet_list_new(), keylog, NULL };
    int64_t clock = DET_EPOCH_NS;
    gboolean ok = TRUE;

    for (unsigned i = 0; ok && i < count; i++) {
        ok = one_connection(env, &out, i, &clock, error);
        packet_list_sort(out.packets);
        ok = ok && capture_writer_write(w, out.packets, error);
        packet_list_clear(out.packets);
    }
    packet_list_free(out.packets);
    return ok;
}

gboolean bench_run(const struct scenario_env *env, unsigned count,
                   const char *out_path, const char *keys_path,
                   GError **error)
{
    GString *keylog = keys_path ? g_string_new(NULL) : NULL;
    struct capture_writer *w = capture_writer_open(out_path, NULL, error);
    gboolean ok = w != NULL;

    ok = ok && write_connections(env, w, count, keylog, error);
    if (w)
        ok = capture_writer_close(w, ok ? error : NULL) && ok;
    if (ok && keylog)
        ok = g_file_set_contents(keys_path, keylog->str,
                                 (gssize)keylog->len, error);
    if (keylog)
        g_string_free(keylog, TRUE);
    return ok;
}
