/* NSS key log files: the secrets a TLS library wrote out while it talked,
 * looked up by what they are for and the ClientHello.random they belong to.
 * SPDX-License-Identifier: GPL-2.0-or-later
 *
 * Format: https://firefox-source-docs.mozilla.org/security/nss/legacy/key_log_format/
 * One "<LABEL> <client random hex> <secret hex>" per line.
 */
#ifndef TLSX_KEYLOG_H
#define TLSX_KEYLOG_H

#include <glib.h>

#define KEYLOG_RANDOM_LEN 32
#define KEYLOG_SECRET_MAX 64  /* SHA-512 sized; real secrets are 48 at most */

enum keylog_label {
    KEYLOG_CLIENT_RANDOM,                   /* TLS <= 1.2 master secret (48 bytes) */
    KEYLOG_CLIENT_EARLY_TRAFFIC_SECRET,
    KEYLOG_CLIENT_HANDSHAKE_TRAFFIC_SECRET,
    KEYLOG_SERVER_HANDSHAKE_TRAFFIC_SECRET,
    KEYLOG_CLIENT_TRAFFIC_SECRET_0,
    KEYLOG_SERVER_TRAFFIC_SECRET_0,
    KEYLOG_EXPORTER_SECRET,
    KEYLOG_EARLY_EXPORTER_SECRET,
    KEYLOG_N_LABELS
};

struct keylog;

struct keylog *keylog_new(void);
void keylog_free(struct keylog *kl);

/* Replace the whole table by what text holds. Comments, blank lines and
 * lines we do not understand are skipped; the bad ones are counted.
 * Returns the number of secrets now in the table. */
guint keylog_load_buffer(struct keylog *kl, const char *text, gsize len);
/* Same from a file. On a read error the old table is kept and FALSE is
 * returned, so a reload that fails does not lose keys already in use. */
gboolean keylog_load_file(struct keylog *kl, const char *path, GError **error);

/* The secret for (label, client_random), or NULL; *len gets its length.
 * The bytes stay owned by the table until the next load or free. */
const guint8 *keylog_lookup(const struct keylog *kl, enum keylog_label label,
                            const guint8 client_random[KEYLOG_RANDOM_LEN], gsize *len);

guint keylog_count(const struct keylog *kl);
/* Non-comment, non-blank lines that were not usable in the last load,
 * and the number (from 1) of the first of them, 0 when none. */
guint keylog_bad_lines(const struct keylog *kl);
guint keylog_first_bad_line(const struct keylog *kl);
/* Whether any secret is there for this client random. */
gboolean keylog_knows(const struct keylog *kl, const guint8 client_random[KEYLOG_RANDOM_LEN]);


#endif
