/* Entry points only the unit tests and the fuzzer call. They are compiled
 * only with TLSX_TESTING (the tests' and the fuzzer's own build of core),
 * so the plugin carries none of them.
 * SPDX-License-Identifier: GPL-2.0-or-later
 */
#ifndef TLSX_TESTING_H
#define TLSX_TESTING_H

#ifdef TLSX_TESTING
#include <glib.h>
#include "catalog.h"
#include "keylog.h"
#include "keys.h"
#include "registry.h"
#include "verify.h"

/* Derive-Secret(secret, label, messages) given Transcript-Hash(messages). */
gboolean keys_derive_secret(enum keys_hash h, const guint8 *secret, const char *label,
                            const guint8 *transcript_hash, guint8 *out);

/* The whole TLS 1.3 schedule from its inputs (RFC 8446 §7.1), to check
 * the HKDF steps the plugin uses against published vectors. The plugin
 * itself starts from the key log's traffic secrets. */
struct keys_schedule13 {
    enum keys_hash hash;
    gsize hash_len;
    guint8 early_secret[KEYS_HASH_MAX];
    guint8 handshake_secret[KEYS_HASH_MAX];
    guint8 master_secret[KEYS_HASH_MAX];
};
/* Early secret from a PSK (NULL: no PSK, zeros as RFC 8446 §7.1 says). */
gboolean keys_schedule13_init(struct keys_schedule13 *ks, enum keys_hash h,
                              const guint8 *psk, gsize psk_len);
/* Handshake secret from the (EC)DHE shared secret (NULL: psk_ke, zeros),
 * then the master secret. */
gboolean keys_schedule13_shared(struct keys_schedule13 *ks,
                                const guint8 *shared, gsize shared_len);

/* Hashes from now on are refused rather than wrong, as after a gap. */
void transcript_mark_broken(struct transcript *t);
guint transcript_count(const struct transcript *t);

const char *verify_verdict_name(enum verify_verdict verdict);
/* "CLIENT_RANDOM", ... as written in the file; NULL when out of range. */
const char *keylog_label_name(enum keylog_label label);

/* Lists problems with the default catalog itself (keys missing a language,
 * placeholders that differ between languages); NULL when there are none. */
char *catalog_check_parity(const struct catalog *c);

/* Whether core knows the data layout of this extension type (else its
 * data is shown as bytes under a text saying so). */
gboolean hs_extension_parsed(guint16 type);

/* Whole registry tables; *n receives the row count. */
const struct reg_suite *reg_suite_table(gsize *n);
const struct reg_extension *reg_extension_table(gsize *n);
const struct reg_group *reg_group_table(gsize *n);
const struct reg_sigscheme *reg_sigscheme_table(gsize *n);
const struct reg_alpn *reg_alpn_table(gsize *n);
const struct reg_name *reg_name_table(enum reg_table table, gsize *n);
#endif

#endif
