/* Registered fields, subtrees, expert infos and preferences.
 * SPDX-License-Identifier: GPL-2.0-or-later
 */
#ifndef TLSX_FIELDS_H
#define TLSX_FIELDS_H

#include <epan/packet.h>
#include <epan/expert.h>
#include "compat.h"

extern int proto_tlsexplain;

extern int hf_tlsx_message;
extern int hf_tlsx_sender;
extern int hf_tlsx_handshake;
extern int hf_tlsx_step;
extern int hf_tlsx_explanation;
extern int hf_tlsx_encrypted;
extern int hf_tlsx_version;
extern int hf_tlsx_alert_level;
extern int hf_tlsx_alert_description;
extern int hf_tlsx_field;
extern int hf_tlsx_cipher_kx;
extern int hf_tlsx_cipher_auth;
extern int hf_tlsx_cipher_enc;
extern int hf_tlsx_cipher_mac;
extern int hf_tlsx_cipher_prf;
extern int hf_tlsx_offered_in;
extern int hf_tlsx_choice;
extern int hf_tlsx_resumed;
extern int hf_tlsx_resumption;
extern int hf_tlsx_resumed_from;
extern int hf_tlsx_note;
extern int hf_tlsx_ticket_lifetime;
extern int hf_tlsx_ticket_issued_in;
extern int hf_tlsx_ticket_used_in;
extern int hf_tlsx_later;
extern int hf_tlsx_ticket_age;
extern int hf_tlsx_ticket_elapsed;
extern int hf_tlsx_flow;
extern int hf_tlsx_outcome;
extern int hf_tlsx_history;
extern int hf_tlsx_summary;
extern int hf_tlsx_sum_version;
extern int hf_tlsx_sum_suite;
extern int hf_tlsx_sum_auth;
extern int hf_tlsx_sum_group;
extern int hf_tlsx_sum_sni;
extern int hf_tlsx_sum_alpn;
extern int hf_tlsx_sum_chain;
extern int hf_tlsx_sum_client_auth;
extern int hf_tlsx_sum_fs;
extern int hf_tlsx_sum_early_data;
extern int hf_tlsx_sum_rtt;
extern int hf_tlsx_sum_duration;
extern int hf_tlsx_chain_valid;
extern int hf_tlsx_hostname_match;
extern int hf_tlsx_signature_valid;
extern int hf_tlsx_finished_valid;
extern int hf_tlsx_check;
extern int hf_tlsx_cert;
extern int hf_tlsx_secret;

extern gint ett_tlsexplain;
extern gint ett_tlsx_fields;
extern gint ett_tlsx_field;
extern gint ett_tlsx_summary;
extern gint ett_tlsx_later;
/* Each kind of subtree has its own, so that opening one kind in a packet
 * (the wrapped lines of a text, the key schedule, a certificate) opens
 * no other kind, here or in the next packet. */
extern gint ett_tlsx_text;
extern gint ett_tlsx_schedule;
extern gint ett_tlsx_cert;

extern expert_field ei_tlsx_malformed;
extern expert_field ei_tlsx_encrypted;
extern expert_field ei_tlsx_alert;
extern expert_field ei_tlsx_check_failed;
extern expert_field ei_tlsx_chain_failed;
extern expert_field ei_tlsx_not_offered;

enum tlsx_language { TLSX_LANG_AUTO, TLSX_LANG_EN, TLSX_LANG_ZH_CN };
enum tlsx_detail { TLSX_DETAIL_BRIEF, TLSX_DETAIL_FULL, TLSX_DETAIL_AUTO };

/* Lines are wrapped at tlsexplain.wrap_columns columns (a wide character
 * is two): 140 by default, fewer for a projector, within these bounds. */
#define TLSX_LINE_COLUMNS 140
#define TLSX_LINE_COLUMNS_MIN 40
#define TLSX_LINE_COLUMNS_MAX 200

struct tlsx_prefs {
    gint language;                /* enum tlsx_language */
    gint detail;                  /* enum tlsx_detail */
    const char *catalog;          /* a teacher's override file, or "" */
    const char *keylog;           /* our own key log, used instead of tls.keylog_file */
    const char *ca_file;          /* trust anchors a teacher gives */
    tlsx_pref_bool system_trust;  /* also trust the system's CA store */
    const char *rsa_key;          /* the server's RSA private key (PEM) */
    tlsx_pref_bool show_secrets;  /* off: mask key material, keep verdicts */
    guint wrap_columns;           /* explanations wrapped at this many columns */
};
extern struct tlsx_prefs tlsx_prefs;

void tlsx_register_fields(void (*prefs_applied)(void));
/* Whether every field is explained: "auto" is full where one packet is
 * looked at (Wireshark, sharkd) and brief in tshark. */
gboolean tlsx_detail_full(void);
/* The language code the catalog wants, or NULL to follow the locale. */
const char *tlsx_language_code(void);

#endif
