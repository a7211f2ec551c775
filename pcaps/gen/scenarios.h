/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * scenarios: the table of teaching captures.  Each scenario drives one or
 * more connections and leaves their packets and key log in its output.
 * To add one, write a scenario_fn and add a row to the table.
 */
#ifndef TLSEXPLAIN_SCENARIOS_H
#define TLSEXPLAIN_SCENARIOS_H

#include <glib.h>

#include "capture.h"
#include "credentials.h"
#include "tcpflow.h"
#include "tlsconn.h"

struct scenario_env {
    const struct tls_credentials *creds;
    const struct flow_path *path;
};

struct scenario_output {
    struct packet_list *packets;
    GString *keylog;
    /* Optional trust anchor to publish beside the capture (NAME.ca.pem),
     * for captures whose server does not send its root. */
    GString *ca_pem;
};

typedef gboolean (*scenario_fn)(const struct scenario_env *env,
                                struct scenario_output *out, GError **error);

struct scenario {
    const char *name;
    const char *summary;
    scenario_fn run;
    /* Load tls_credentials_load_extras() first.  FALSE only for the
     * captures that predate the extras, whose bytes must not change. */
    gboolean extra_credentials;
    /* Load tls_credentials_load_flawed() first: the servers with a
     * classic flaw (expired, wrong name, self-signed, weak keys). */
    gboolean flawed_credentials;
};

extern const struct tls_profile profile_tls12;
extern const struct tls_profile profile_tls13;

const struct scenario *scenario_table(size_t *count);
const struct scenario *scenario_find(const char *name);

/* One connection: full handshake (or resumption), one HTTP request and
 * response, orderly close.  Used by the scenarios and the benchmark. */
gboolean scenario_http_connection(const struct scenario_env *env,
                                  struct scenario_output *out,
                                  const struct tls_profile *profile,
                                  struct tcpflow *flow, const char *path,
                                  const gnutls_datum_t *resume,
                                  gnutls_datum_t *session_out,
                                  GError **error);

#endif
