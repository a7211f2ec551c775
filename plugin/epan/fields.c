/* SPDX-License-Identifier: GPL-2.0-or-later */
#include <epan/prefs.h>
#include "fields.h"

int proto_tlsexplain = -1;

int hf_tlsx_message = -1;
int hf_tlsx_sender = -1;
int hf_tlsx_handshake = -1;
int hf_tlsx_step = -1;
int hf_tlsx_explanation = -1;
int hf_tlsx_encrypted = -1;
int hf_tlsx_version = -1;
int hf_tlsx_alert_level = -1;
int hf_tlsx_alert_description = -1;
int hf_tlsx_field = -1;
int hf_tlsx_cipher_kx = -1;
int hf_tlsx_cipher_auth = -1;
int hf_tlsx_cipher_enc = -1;
int hf_tlsx_cipher_mac = -1;
int hf_tlsx_cipher_prf = -1;
int hf_tlsx_offered_in = -1;
int hf_tlsx_choice = -1;
int hf_tlsx_resumed = -1;
int hf_tlsx_resumption = -1;
int hf_tlsx_resumed_from = -1;
int hf_tlsx_note = -1;
int hf_tlsx_ticket_lifetime = -1;
int hf_tlsx_ticket_issued_in = -1;
int hf_tlsx_ticket_used_in = -1;
int hf_tlsx_later = -1;
int hf_tlsx_ticket_age = -1;
int hf_tlsx_ticket_elapsed = -1;
int hf_tlsx_flow = -1;
int hf_tlsx_outcome = -1;
int hf_tlsx_history = -1;
int hf_tlsx_summary = -1;
int hf_tlsx_sum_version = -1;
int hf_tlsx_sum_suite = -1;
int hf_tlsx_sum_auth = -1;
int hf_tlsx_sum_group = -1;
int hf_tlsx_sum_sni = -1;
int hf_tlsx_sum_alpn = -1;
int hf_tlsx_sum_chain = -1;
int hf_tlsx_sum_client_auth = -1;
int hf_tlsx_sum_fs = -1;
int hf_tlsx_sum_early_data = -1;
int hf_tlsx_sum_rtt = -1;
int hf_tlsx_sum_duration = -1;
int hf_tlsx_chain_valid = -1;
int hf_tlsx_hostname_match = -1;
int hf_tlsx_signature_valid = -1;
int hf_tlsx_finished_valid = -1;
int hf_tlsx_check = -1;
int hf_tlsx_cert = -1;
int hf_tlsx_secret = -1;

gint ett_tlsexplain = -1;
gint ett_tlsx_fields = -1;
gint ett_tlsx_field = -1;
gint ett_tlsx_summary = -1;
gint ett_tlsx_later = -1;
gint ett_tlsx_text = -1;
gint ett_tlsx_schedule = -1;
gint ett_tlsx_cert = -1;

expert_field ei_tlsx_malformed = EI_INIT;
expert_field ei_tlsx_encrypted = EI_INIT;
expert_field ei_tlsx_alert = EI_INIT;
expert_field ei_tlsx_not_offered = EI_INIT;
expert_field ei_tlsx_check_failed = EI_INIT;
expert_field ei_tlsx_chain_failed = EI_INIT;

struct tlsx_prefs tlsx_prefs = { TLSX_LANG_AUTO, TLSX_DETAIL_AUTO, "", "", "", TRUE, "", TRUE,
                                  TLSX_LINE_COLUMNS };

static const enum_val_t detail_values[] = {
    { "auto", "Full in Wireshark, brief in tshark", TLSX_DETAIL_AUTO },
    { "brief", "Brief: one explanation per message", TLSX_DETAIL_BRIEF },
    { "full", "Full: every field of every message", TLSX_DETAIL_FULL },
    { NULL, NULL, 0 }
};

/* Wireshark shows the tree of the packet a user picks, so explaining every
 * field costs nothing noticeable there; tshark -V prints every packet's
 * tree, where it would add ~400 lines a handshake that nobody asked for.
 * How tshark is told apart: compat.h. */
gboolean tlsx_detail_full(void)
{
    if (tlsx_prefs.detail != TLSX_DETAIL_AUTO)
        return tlsx_prefs.detail == TLSX_DETAIL_FULL;
    return !TLSX_IN_TSHARK();
}

static const enum_val_t language_values[] = {
    { "auto", "Follow the system locale", TLSX_LANG_AUTO },
    { "en", "English", TLSX_LANG_EN },
    { "zh_CN", "简体中文", TLSX_LANG_ZH_CN },
    { NULL, NULL, 0 }
};

static hf_register_info hf[] = {
    { &hf_tlsx_message,
      { "Message", "tlsexplain.message", FT_STRING, BASE_NONE, NULL, 0x0,
        "The handshake message or record this explanation is about.", HFILL } },
    { &hf_tlsx_sender,
      { "Sender", "tlsexplain.sender", FT_STRING, BASE_NONE, NULL, 0x0,
        "Who sent it: client or server.", HFILL } },
    { &hf_tlsx_handshake,
      { "Handshake", "tlsexplain.handshake", FT_UINT32, BASE_DEC, NULL, 0x0,
        "Which handshake of the capture this belongs to, counted in order of first appearance.", HFILL } },
    { &hf_tlsx_step,
      { "Step", "tlsexplain.step", FT_UINT32, BASE_DEC, NULL, 0x0,
        "Position in its handshake; the first ClientHello is step 1.", HFILL } },
    { &hf_tlsx_explanation,
      { "Explanation", "tlsexplain.explanation", FT_STRING, BASE_NONE, NULL, 0x0,
        NULL, HFILL } },
    { &hf_tlsx_encrypted,
      { "Encrypted", "tlsexplain.encrypted", FT_BOOLEAN, BASE_NONE, NULL, 0x0,
        "Wireshark could not decrypt this; it is named by its position in the handshake.", HFILL } },
    { &hf_tlsx_version,
      { "Negotiated version", "tlsexplain.version", FT_STRING, BASE_NONE, NULL, 0x0,
        NULL, HFILL } },
    { &hf_tlsx_alert_level,
      { "Alert level", "tlsexplain.alert.level", FT_STRING, BASE_NONE, NULL, 0x0,
        NULL, HFILL } },
    { &hf_tlsx_alert_description,
      { "Alert description", "tlsexplain.alert.description", FT_STRING, BASE_NONE, NULL, 0x0,
        NULL, HFILL } },
    { &hf_tlsx_field,
      { "Field", "tlsexplain.field", FT_STRING, BASE_NONE, NULL, 0x0,
        "One field of a handshake message: its name and value, over its own bytes.", HFILL } },
    { &hf_tlsx_cipher_kx,
      { "Key exchange", "tlsexplain.cipher.kx", FT_STRING, BASE_NONE, NULL, 0x0,
        "How the negotiated suite agrees on keys.", HFILL } },
    { &hf_tlsx_cipher_auth,
      { "Authentication", "tlsexplain.cipher.auth", FT_STRING, BASE_NONE, NULL, 0x0,
        "How the negotiated suite authenticates the server.", HFILL } },
    { &hf_tlsx_cipher_enc,
      { "Encryption", "tlsexplain.cipher.enc", FT_STRING, BASE_NONE, NULL, 0x0,
        "The bulk cipher of the negotiated suite: algorithm, key size and mode.", HFILL } },
    { &hf_tlsx_cipher_mac,
      { "Integrity", "tlsexplain.cipher.mac", FT_STRING, BASE_NONE, NULL, 0x0,
        "The record MAC of the negotiated suite, or AEAD when the cipher protects integrity itself.", HFILL } },
    { &hf_tlsx_cipher_prf,
      { "Key derivation", "tlsexplain.cipher.prf", FT_STRING, BASE_NONE, NULL, 0x0,
        "How keys are derived from the shared secret: the TLS 1.2 PRF or TLS 1.3 HKDF, with its hash.", HFILL } },
    { &hf_tlsx_offered_in,
      { "Offered in", "tlsexplain.offered_in", FT_FRAMENUM, BASE_NONE, FRAMENUM_TYPE(FT_FRAMENUM_REQUEST), 0x0,
        "The frame of the ClientHello whose offer this message answers.", HFILL } },
    { &hf_tlsx_choice,
      { "Choice", "tlsexplain.choice", FT_STRING, BASE_NONE, NULL, 0x0,
        "A choice of the server, next to what the client offered.", HFILL } },
    { &hf_tlsx_resumed,
      { "Resumed", "tlsexplain.resumed", FT_BOOLEAN, BASE_NONE, NULL, 0x0,
        "Whether the session was resumed instead of a full handshake.", HFILL } },
    { &hf_tlsx_resumption,
      { "Resumption", "tlsexplain.resumption", FT_STRING, BASE_NONE, NULL, 0x0,
        "How resumption was tried: session-id, ticket or psk.", HFILL } },
    { &hf_tlsx_resumed_from,
      { "Resumed from", "tlsexplain.resumed_from", FT_FRAMENUM, BASE_NONE, NULL, 0x0,
        "The frame that issued the session or ticket resumed here.", HFILL } },
    { &hf_tlsx_note,
      { "Note", "tlsexplain.note", FT_STRING, BASE_NONE, NULL, 0x0,
        "A message the flow expected and did not get, or got unexpectedly.", HFILL } },
    { &hf_tlsx_ticket_lifetime,
      { "Ticket lifetime", "tlsexplain.ticket.lifetime", FT_UINT32, BASE_DEC, NULL, 0x0,
        "How long the ticket may be used, in seconds.", HFILL } },
    { &hf_tlsx_ticket_issued_in,
      { "Ticket or session ID issued in", "tlsexplain.ticket.issued_in", FT_FRAMENUM, BASE_NONE, NULL, 0x0,
        "The frame whose NewSessionTicket (or ServerHello, for a session ID) issued what this ClientHello offers.", HFILL } },
    { &hf_tlsx_ticket_used_in,
      { "Ticket or session ID used in", "tlsexplain.ticket.used_in", FT_FRAMENUM, BASE_NONE, NULL, 0x0,
        "A later frame whose ClientHello offers the ticket or session ID this message issued.", HFILL } },
    { &hf_tlsx_later,
      { "Known from later frames", "tlsexplain.later", FT_NONE, BASE_NONE, NULL, 0x0,
        "What only frames after this one tell; shown once the whole capture has been read (the GUI, tshark -2), not by one-pass tshark.", HFILL } },
    { &hf_tlsx_ticket_age,
      { "Ticket age (ms)", "tlsexplain.ticket.age", FT_INT64, BASE_DEC, NULL, 0x0,
        "obfuscated_ticket_age minus ticket_age_add: the ticket's age as the client states it.", HFILL } },
    { &hf_tlsx_ticket_elapsed,
      { "Time since the ticket (ms)", "tlsexplain.ticket.elapsed", FT_INT64, BASE_DEC, NULL, 0x0,
        "Capture time between the NewSessionTicket and this ClientHello.", HFILL } },
    { &hf_tlsx_flow,
      { "Flow", "tlsexplain.flow", FT_STRING, BASE_NONE, NULL, 0x0,
        "Which kind of handshake this was, e.g. tls12-full-ecdhe or tls13-psk.", HFILL } },
    { &hf_tlsx_outcome,
      { "Outcome", "tlsexplain.outcome", FT_STRING, BASE_NONE, NULL, 0x0,
        "established or failed.", HFILL } },
    { &hf_tlsx_history,
      { "History", "tlsexplain.history", FT_STRING, BASE_NONE, NULL, 0x0,
        "The messages of the handshake in order, by flight (C: client, S: server).", HFILL } },
    { &hf_tlsx_summary,
      { "Summary", "tlsexplain.summary", FT_NONE, BASE_NONE, NULL, 0x0,
        "The handshake told in a few lines, on the message that ended it.", HFILL } },
    { &hf_tlsx_sum_version,
      { "Version", "tlsexplain.summary.version", FT_STRING, BASE_NONE, NULL, 0x0, NULL, HFILL } },
    { &hf_tlsx_sum_suite,
      { "Cipher suite", "tlsexplain.summary.suite", FT_STRING, BASE_NONE, NULL, 0x0, NULL, HFILL } },
    { &hf_tlsx_sum_auth,
      { "Authentication", "tlsexplain.summary.auth", FT_STRING, BASE_NONE, NULL, 0x0,
        "How the server was authenticated: by the suite, or in TLS 1.3 by its certificate or a PSK.", HFILL } },
    { &hf_tlsx_sum_group,
      { "Key exchange group", "tlsexplain.summary.group", FT_STRING, BASE_NONE, NULL, 0x0, NULL, HFILL } },
    { &hf_tlsx_sum_sni,
      { "Server name (SNI)", "tlsexplain.summary.sni", FT_STRING, BASE_NONE, NULL, 0x0, NULL, HFILL } },
    { &hf_tlsx_sum_alpn,
      { "Application protocol (ALPN)", "tlsexplain.summary.alpn", FT_STRING, BASE_NONE, NULL, 0x0, NULL, HFILL } },
    { &hf_tlsx_sum_chain,
      { "Server certificates", "tlsexplain.summary.chain_length", FT_UINT32, BASE_DEC, NULL, 0x0, NULL, HFILL } },
    { &hf_tlsx_sum_client_auth,
      { "Client authentication", "tlsexplain.summary.client_auth", FT_BOOLEAN, BASE_NONE, NULL, 0x0, NULL, HFILL } },
    { &hf_tlsx_sum_fs,
      { "Forward secrecy", "tlsexplain.summary.forward_secrecy", FT_BOOLEAN, BASE_NONE, NULL, 0x0, NULL, HFILL } },
    { &hf_tlsx_sum_early_data,
      { "0-RTT early data", "tlsexplain.summary.early_data", FT_STRING, BASE_NONE, NULL, 0x0,
        "What became of the client's early data: offered (the server's answer is encrypted), accepted or rejected.", HFILL } },
    { &hf_tlsx_sum_rtt,
      { "Round trips", "tlsexplain.summary.round_trips", FT_UINT32, BASE_DEC, NULL, 0x0,
        "Server flights the client waited for before it could send application data.", HFILL } },
    { &hf_tlsx_sum_duration,
      { "Duration (s)", "tlsexplain.summary.duration", FT_DOUBLE, BASE_NONE, NULL, 0x0,
        "Capture time from the first ClientHello to the end of the handshake.", HFILL } },
    { &hf_tlsx_chain_valid,
      { "Certificate chain valid", "tlsexplain.cert.chain_valid", FT_BOOLEAN, BASE_NONE, NULL, 0x0,
        "Each certificate signed by the next, valid at the capture's time, ending at a trusted root.", HFILL } },
    { &hf_tlsx_hostname_match,
      { "Host name matches", "tlsexplain.cert.hostname_match", FT_BOOLEAN, BASE_NONE, NULL, 0x0,
        "The server certificate names the host the client asked for in SNI.", HFILL } },
    { &hf_tlsx_signature_valid,
      { "Signature valid", "tlsexplain.signature.valid", FT_BOOLEAN, BASE_NONE, NULL, 0x0,
        "The ServerKeyExchange or CertificateVerify signature verifies with the certificate's key.", HFILL } },
    { &hf_tlsx_finished_valid,
      { "Finished valid", "tlsexplain.finished.valid", FT_BOOLEAN, BASE_NONE, NULL, 0x0,
        "verify_data equals the value computed from the secrets and the transcript.", HFILL } },
    { &hf_tlsx_check,
      { "Check", "tlsexplain.check", FT_STRING, BASE_NONE, NULL, 0x0,
        "What was checked with gnutls, and the verdict with its reason.", HFILL } },
    { &hf_tlsx_cert,
      { "Certificate", "tlsexplain.cert", FT_STRING, BASE_NONE, NULL, 0x0,
        "One certificate of the chain, as gnutls reads it.", HFILL } },
    { &hf_tlsx_secret,
      { "Key schedule", "tlsexplain.secret", FT_STRING, BASE_NONE, NULL, 0x0,
        "A secret or key derived from the key log (masked when show_secrets is off).", HFILL } },
};

static gint *ett[] = {
    &ett_tlsexplain,
    &ett_tlsx_fields,
    &ett_tlsx_field,
    &ett_tlsx_summary,
    &ett_tlsx_later,
    &ett_tlsx_text,
    &ett_tlsx_schedule,
    &ett_tlsx_cert,
};

static ei_register_info ei[] = {
    /* PI_MALFORMED */
    { &ei_tlsx_malformed,
      { "tlsexplain.malformed", PI_MALFORMED, PI_ERROR,
        "A field does not fit the message", EXPFILL } },
    /* PI_DECRYPTION */
    { &ei_tlsx_encrypted,
      { "tlsexplain.encrypted.note", PI_DECRYPTION, PI_NOTE,
        "Encrypted; a keylog file would reveal its contents", EXPFILL } },
    /* PI_PROTOCOL */
    { &ei_tlsx_not_offered,
      { "tlsexplain.not_offered", PI_PROTOCOL, PI_WARN,
        "The server chose or answered something the client's offer does not allow", EXPFILL } },
    /* PI_SECURITY: a check that ran and failed */
    { &ei_tlsx_check_failed,
      { "tlsexplain.check.failed", PI_SECURITY, PI_ERROR,
        "A signature or Finished does not verify", EXPFILL } },
    { &ei_tlsx_chain_failed,
      { "tlsexplain.check.chain_failed", PI_SECURITY, PI_WARN,
        "The certificate chain or host name does not check out", EXPFILL } },
    /* PI_SEQUENCE */
    { &ei_tlsx_alert,
      { "tlsexplain.alert", PI_SEQUENCE, PI_WARN,
        "A TLS alert was sent", EXPFILL } },
};

static void register_prefs(void (*prefs_applied)(void))
{
    module_t *m = prefs_register_protocol(proto_tlsexplain, prefs_applied);
    prefs_register_enum_preference(m, "language", "Language",
        "Language of the explanations. \"auto\" follows the system locale.",
        &tlsx_prefs.language, language_values, FALSE);
    prefs_register_enum_preference(m, "detail", "Detail",
        "Brief shows one explanation per message; full also explains every field, byte by byte. "
        "Auto is full in Wireshark and brief in tshark, whose -V prints every packet.",
        &tlsx_prefs.detail, detail_values, FALSE);
    prefs_register_filename_preference(m, "catalog", "Teacher's catalog file",
        "A GKeyFile (.ini) with your own texts for some keys of the built-in "
        "catalog. It is checked when loaded; on any problem the built-in texts are kept.",
        &tlsx_prefs.catalog, FALSE);
    prefs_register_filename_preference(m, "keylog_file", "Key log file (overrides TLS's)",
        "An NSS key log used for the checks instead of the one in the TLS preferences, so a "
        "class can compare right and wrong secrets while Wireshark still decrypts.",
        &tlsx_prefs.keylog, FALSE);
    prefs_register_filename_preference(m, "ca_file", "CA file",
        "PEM certificates to trust as roots when checking chains.", &tlsx_prefs.ca_file, FALSE);
    prefs_register_bool_preference(m, "system_trust", "Trust the system's CAs",
        "Also check chains against the system's trust store.", &tlsx_prefs.system_trust);
    prefs_register_filename_preference(m, "rsa_key_file", "Server RSA private key",
        "PEM private key of the server, to decrypt the pre-master secret of RSA key exchange.",
        &tlsx_prefs.rsa_key, FALSE);
    prefs_register_uint_preference(m, "wrap_columns", "Line width",
        "Explanations are wrapped at this many columns (a Chinese character takes two): 140 by "
        "default, 60 to 80 for a projector. 40 to 200.", 10, &tlsx_prefs.wrap_columns);
    prefs_register_bool_preference(m, "show_secrets", "Show secrets",
        "Show master secrets and keys; off masks them (for a projector) but keeps the verdicts.",
        &tlsx_prefs.show_secrets);
}

void tlsx_register_fields(void (*prefs_applied)(void))
{
    expert_module_t *expert;

    proto_tlsexplain = proto_register_protocol("TLS Handshake Explainer",
                                               "TLSexplain", "tlsexplain");
    proto_register_field_array(proto_tlsexplain, hf, array_length(hf));
    proto_register_subtree_array(ett, array_length(ett));
    expert = expert_register_protocol(proto_tlsexplain);
    expert_register_field_array(expert, ei, array_length(ei));
    register_prefs(prefs_applied);
}

const char *tlsx_language_code(void)
{
    switch (tlsx_prefs.language) {
    case TLSX_LANG_EN: return "en";
    case TLSX_LANG_ZH_CN: return "zh_CN";
    default: return NULL;
    }
}
