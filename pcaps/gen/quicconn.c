/* SPDX-License-Identifier: GPL-2.0-or-later */
#include "quicconn.h"

#include <errno.h>
#include <gnutls/crypto.h>
#include <string.h>

#include "determinism.h"
#include "quicconn_private.h"

#define MAX_HANDSHAKE_TURNS 12
/* Simulated CPU time per turn, as in tlsconn. */
#define HANDSHAKE_THINK_NS 300000
#define APP_THINK_NS 100000
/* RFC 9001 section 8.2. */
#define EXT_QUIC_TRANSPORT_PARAMETERS 0x39

/* RFC 9000 section 18.2: a few limits, the ones a small HTTP/3 client or
 * server would announce. */
static const struct { uint64_t id, value; } transport_limits[] = {
    { 0x01, 30000 },    /* max_idle_timeout: 30 s */
    { 0x04, 1048576 },  /* initial_max_data */
    { 0x05, 262144 },   /* initial_max_stream_data_bidi_local */
    { 0x06, 262144 },   /* initial_max_stream_data_bidi_remote */
    { 0x07, 262144 },   /* initial_max_stream_data_uni */
    { 0x08, 100 },      /* initial_max_streams_bidi */
    { 0x09, 3 },        /* initial_max_streams_uni: HTTP/3 control + QPACK */
};
#define TP_ORIGINAL_DCID 0x00
#define TP_INITIAL_SCID 0x0f

static struct quic_end *end_of(gnutls_session_t session)
{
    return gnutls_session_get_ptr(session);
}

static enum quic_space space_of(gnutls_record_encryption_level_t level)
{
    switch (level) {
    case GNUTLS_ENCRYPTION_LEVEL_INITIAL:
        return QUIC_SPACE_INITIAL;
    case GNUTLS_ENCRYPTION_LEVEL_HANDSHAKE:
        return QUIC_SPACE_HANDSHAKE;
    case GNUTLS_ENCRYPTION_LEVEL_EARLY:
    case GNUTLS_ENCRYPTION_LEVEL_APPLICATION:
        break;
    }
    return QUIC_SPACE_APP;
}

static gnutls_record_encryption_level_t level_of(enum quic_space sp)
{
    return sp == QUIC_SPACE_INITIAL ? GNUTLS_ENCRYPTION_LEVEL_INITIAL
         : sp == QUIC_SPACE_HANDSHAKE ? GNUTLS_ENCRYPTION_LEVEL_HANDSHAKE
         : GNUTLS_ENCRYPTION_LEVEL_APPLICATION;
}

/* GnuTLS hands over each handshake message instead of writing a record;
 * it goes out in CRYPTO frames of the matching packet number space. */
static int handshake_message_out(gnutls_session_t session,
                                 gnutls_record_encryption_level_t level,
                                 gnutls_handshake_description_t htype,
                                 const void *data, size_t len)
{
    /* QUIC has no ChangeCipherSpec (RFC 9001 section 8.4): the priority
     * string must disable the middlebox compatibility mode. */
    if (htype == GNUTLS_HANDSHAKE_CHANGE_CIPHER_SPEC)
        return -1;
    g_byte_array_append(end_of(session)->space[space_of(level)].crypto_out,
                        data, (guint)len);
    return 0;
}

/* Only the sending direction is needed: each end protects its own
 * packets, and the peer is handed the plaintext it would decrypt. */
static int secret_installed(gnutls_session_t session,
                            gnutls_record_encryption_level_t level,
                            const void *secret_read, const void *secret_write,
                            size_t len)
{
    struct quic_space_state *st = &end_of(session)->space[space_of(level)];

    (void)secret_read;
    /* quicpacket speaks AEAD_AES_128_GCM only; no 0-RTT here. */
    if (gnutls_cipher_get(session) != GNUTLS_CIPHER_AES_128_GCM ||
        level == GNUTLS_ENCRYPTION_LEVEL_EARLY)
        return -1;
    if (!secret_write)
        return 0;
    if (!quic_keys_from_secret(secret_write, len, &st->tx))
        return -1;
    st->can_send = TRUE;
    return 0;
}

/* In QUIC an alert becomes a CONNECTION_CLOSE; these captures show only
 * handshakes that succeed, so an alert just stops the run. */
static int alert_raised(gnutls_session_t session,
                        gnutls_record_encryption_level_t level,
                        gnutls_alert_level_t alert_level,
                        gnutls_alert_description_t desc)
{
    (void)level;
    (void)alert_level;
    end_of(session)->alert = (int)desc;
    return 0;
}

static void put_hex(GString *s, const unsigned char *data, size_t len)
{
    for (size_t i = 0; i < len; i++)
        g_string_append_printf(s, "%02x", data[i]);
}

/* NSS key log format, as tlsconn writes it: Wireshark's QUIC dissector
 * reads the handshake and traffic secrets from the same lines TLS uses. */
static int keylog_line(gnutls_session_t session, const char *label,
                       const gnutls_datum_t *secret)
{
    GString *keylog = end_of(session)->conn->keylog;
    gnutls_datum_t client_random, server_random;

    gnutls_session_get_random(session, &client_random, &server_random);
    g_string_append_printf(keylog, "%s ", label);
    put_hex(keylog, client_random.data, client_random.size);
    g_string_append_c(keylog, ' ');
    put_hex(keylog, secret->data, secret->size);
    g_string_append_c(keylog, '\n');
    return 0;
}

static void tp_put_bytes(GByteArray *b, uint64_t id, const uint8_t *value,
                         size_t len)
{
    quic_put_varint(b, id);
    quic_put_varint(b, len);
    g_byte_array_append(b, value, (guint)len);
}

static void tp_put_int(GByteArray *b, uint64_t id, uint64_t value)
{
    quic_put_varint(b, id);
    quic_put_varint(b, quic_varint_len(value));
    quic_put_varint(b, value);
}

/* The connection IDs in the parameters authenticate those in the
 * unprotected Initial headers (RFC 9000 section 7.3). */
static int transport_params_send(gnutls_session_t session,
                                 gnutls_buffer_t extdata)
{
    struct quic_end *end = end_of(session);
    GByteArray *b = g_byte_array_new();
    int rc;

    if (end->side == SIDE_SERVER)
        tp_put_bytes(b, TP_ORIGINAL_DCID, end->conn->odcid, QUIC_CID_LEN);
    for (size_t i = 0; i < G_N_ELEMENTS(transport_limits); i++)
        tp_put_int(b, transport_limits[i].id, transport_limits[i].value);
    tp_put_bytes(b, TP_INITIAL_SCID, end->cid, QUIC_CID_LEN);
    rc = gnutls_buffer_append_data(extdata, b->data, b->len);
    g_byte_array_free(b, TRUE);
    return rc < 0 ? rc : 0;
}

/* Both ends wrote the parameters, so only their presence is checked:
 * a QUIC handshake without them must fail (RFC 9001 section 8.2). */
static int transport_params_recv(gnutls_session_t session,
                                 const unsigned char *data, size_t len)
{
    (void)data;
    end_of(session)->peer_params = len > 0;
    return 0;
}

/* Everything goes through the callbacks above; GnuTLS must never read or
 * write the transport itself. */
static ssize_t no_push(gnutls_transport_ptr_t ptr, const void *data, size_t len)
{
    (void)ptr;
    (void)data;
    (void)len;
    errno = EIO;
    return -1;
}

static ssize_t no_pull(gnutls_transport_ptr_t ptr, void *data, size_t len)
{
    struct quic_end *end = ptr;

    (void)data;
    (void)len;
    gnutls_transport_set_errno(end->session, EAGAIN);
    return -1;
}

static int setup_quic_mode(struct quic_end *end)
{
    gnutls_session_t s = end->session;

    gnutls_session_set_ptr(s, end);
    gnutls_transport_set_ptr(s, end);
    gnutls_transport_set_push_function(s, no_push);
    gnutls_transport_set_pull_function(s, no_pull);
    gnutls_handshake_set_read_function(s, handshake_message_out);
    gnutls_handshake_set_secret_function(s, secret_installed);
    gnutls_alert_set_read_function(s, alert_raised);
    return gnutls_session_ext_register(s, "quic_transport_parameters",
                                       EXT_QUIC_TRANSPORT_PARAMETERS,
                                       GNUTLS_EXT_TLS, transport_params_recv,
                                       transport_params_send, NULL, NULL, NULL,
                                       GNUTLS_EXT_FLAG_TLS |
                                       GNUTLS_EXT_FLAG_CLIENT_HELLO |
                                       GNUTLS_EXT_FLAG_EE);
}

static void init_end(struct quicconn *c, enum flow_side s)
{
    struct quic_end *end = &c->end[s];

    end->conn = c;
    end->side = s;
    end->alert = -1;
    for (int sp = 0; sp < QUIC_SPACES; sp++) {
        end->space[sp].crypto_out = g_byte_array_new();
        end->space[sp].crypto_in = g_byte_array_new();
    }
}

/* No EndOfEarlyData in QUIC (RFC 9001 section 8.3): 0-RTT ends with the
 * switch to Handshake packets instead. */
#define QUIC_SESSION_FLAGS (GNUTLS_NONBLOCK | GNUTLS_NO_END_OF_EARLY_DATA)

static int setup_client(struct quicconn *c, const struct tls_credentials *creds,
                        const struct quic_profile *p)
{
    struct quic_end *end = &c->end[SIDE_CLIENT];
    gnutls_datum_t alpn = { (unsigned char *)p->alpn, (unsigned)strlen(p->alpn) };
    int rc = gnutls_init(&end->session, GNUTLS_CLIENT | QUIC_SESSION_FLAGS);

    if (rc < 0 || (rc = setup_quic_mode(end)) < 0 ||
        (rc = gnutls_priority_set_direct(end->session, p->client_priority, NULL)) < 0 ||
        (rc = gnutls_credentials_set(end->session, GNUTLS_CRD_CERTIFICATE,
                                     creds->client)) < 0 ||
        (rc = gnutls_server_name_set(end->session, GNUTLS_NAME_DNS, p->server_name,
                                     strlen(p->server_name))) < 0 ||
        (rc = gnutls_alpn_set_protocols(end->session, &alpn, 1,
                                        GNUTLS_ALPN_MANDATORY)) < 0)
        return rc;
    gnutls_session_set_verify_cert(end->session, p->server_name, 0);
    if (c->keylog)
        gnutls_session_set_keylog_function(end->session, keylog_line);
    return 0;
}

static int setup_server(struct quicconn *c, const struct tls_credentials *creds,
                        const struct quic_profile *p)
{
    struct quic_end *end = &c->end[SIDE_SERVER];
    gnutls_datum_t alpn = { (unsigned char *)p->alpn, (unsigned)strlen(p->alpn) };
    /* Tickets wait for the client's Finished, so they go in 1-RTT
     * packets after it (RFC 9001 section 4.1.3). */
    int rc = gnutls_init(&end->session, GNUTLS_SERVER | QUIC_SESSION_FLAGS |
                                        GNUTLS_NO_AUTO_SEND_TICKET);

    if (rc < 0 || (rc = setup_quic_mode(end)) < 0 ||
        (rc = gnutls_priority_set_direct(end->session, p->server_priority, NULL)) < 0 ||
        (rc = gnutls_credentials_set(end->session, GNUTLS_CRD_CERTIFICATE,
                                     creds->server)) < 0 ||
        (rc = gnutls_session_ticket_enable_server(end->session,
                                                  &creds->ticket_key)) < 0)
        return rc;
    return gnutls_alpn_set_protocols(end->session, &alpn, 1,
                                     GNUTLS_ALPN_MANDATORY);
}

static gboolean failed(int rc, const char *what, GError **error)
{
    if (rc >= 0)
        return FALSE;
    g_set_error(error, QUIC_ERROR, rc, "%s: %s", what, gnutls_strerror(rc));
    return TRUE;
}

/* Connection IDs are random, from GnuTLS's generator, which determinism.c
 * seeds per scenario. */
static int pick_connection_ids(struct quicconn *c)
{
    int rc;

    if ((rc = gnutls_rnd(GNUTLS_RND_NONCE, c->odcid, QUIC_CID_LEN)) < 0 ||
        (rc = gnutls_rnd(GNUTLS_RND_NONCE, c->end[SIDE_CLIENT].cid, QUIC_CID_LEN)) < 0 ||
        (rc = gnutls_rnd(GNUTLS_RND_NONCE, c->end[SIDE_SERVER].cid, QUIC_CID_LEN)) < 0)
        return rc;
    /* Until the server answers, the client can only address the ID it made up. */
    memcpy(c->end[SIDE_CLIENT].peer_cid, c->odcid, QUIC_CID_LEN);
    return 0;
}

/* Initial keys depend only on the client's first Destination CID, which
 * the server reads from that packet; so both can be set up now. */
static gboolean install_initial_keys(struct quicconn *c)
{
    for (int s = SIDE_CLIENT; s <= SIDE_SERVER; s++) {
        struct quic_space_state *st = &c->end[s].space[QUIC_SPACE_INITIAL];

        if (!quic_keys_initial(c->odcid, QUIC_CID_LEN, (enum flow_side)s, &st->tx))
            return FALSE;
        st->can_send = TRUE;
    }
    return TRUE;
}

gboolean quicconn_open(struct quicconn *c, const struct tls_credentials *creds,
                       const struct quic_profile *profile, GString *keylog,
                       GError **error)
{
    c->keylog = keylog;
    c->tickets = profile->tickets;
    init_end(c, SIDE_CLIENT);
    init_end(c, SIDE_SERVER);
    if (failed(pick_connection_ids(c), "connection IDs", error) ||
        failed(setup_client(c, creds, profile), "client setup", error) ||
        failed(setup_server(c, creds, profile), "server setup", error))
        return FALSE;
    if (!install_initial_keys(c)) {
        g_set_error(error, QUIC_ERROR, 0, "cannot derive the Initial keys");
        return FALSE;
    }
    return TRUE;
}

static void free_end(struct quic_end *end)
{
    if (end->session)
        gnutls_deinit(end->session);
    for (int sp = 0; sp < QUIC_SPACES; sp++) {
        if (end->space[sp].crypto_out)
            g_byte_array_free(end->space[sp].crypto_out, TRUE);
        if (end->space[sp].crypto_in)
            g_byte_array_free(end->space[sp].crypto_in, TRUE);
    }
    memset(end, 0, sizeof *end);
}

void quicconn_free(struct quicconn *c)
{
    free_end(&c->end[SIDE_CLIENT]);
    free_end(&c->end[SIDE_SERVER]);
}

/* What arrived, level by level in order; after the handshake GnuTLS
 * takes post-handshake messages (NewSessionTicket) the same way. */
static gboolean give_to_gnutls(struct quic_end *end, GError **error)
{
    for (int sp = 0; sp < QUIC_SPACES; sp++) {
        GByteArray *in = end->space[sp].crypto_in;
        int rc;

        if (in->len == 0)
            continue;
        rc = gnutls_handshake_write(end->session, level_of((enum quic_space)sp),
                                    in->data, in->len);
        g_byte_array_set_size(in, 0);
        if (failed(rc, "handshake write", error))
            return FALSE;
    }
    return TRUE;
}

/* RFC 9001 section 4.9.2: the server's handshake is confirmed as soon as
 * it completes, so it drops the Handshake keys and tells the client with
 * HANDSHAKE_DONE.  Its tickets follow in the same 1-RTT packet. */
static int handshake_complete(struct quic_end *end)
{
    end->handshake_done = TRUE;
    if (!end->peer_params)
        return GNUTLS_E_MISSING_EXTENSION;
    if (end->side == SIDE_CLIENT)
        return 0;
    quic_discard_keys(end, QUIC_SPACE_HANDSHAKE);
    end->owes_handshake_done = TRUE;
    return end->conn->tickets ? gnutls_session_ticket_send(end->session,
                                                           end->conn->tickets, 0)
                              : 0;
}

static gboolean run_handshake(struct quic_end *end, GError **error)
{
    int rc;

    if (end->handshake_done)
        return TRUE;
    rc = gnutls_handshake(end->session);
    if (rc == GNUTLS_E_AGAIN || rc == GNUTLS_E_INTERRUPTED)
        return TRUE;
    if (rc == 0)
        rc = handshake_complete(end);
    if (rc >= 0)
        return TRUE;
    g_set_error(error, QUIC_ERROR, rc, "%s handshake: %s (alert %d)",
                end->side == SIDE_CLIENT ? "client" : "server",
                gnutls_strerror(rc), end->alert);
    return FALSE;
}

/* One turn of side s: read what arrived, run GnuTLS, send what it wrote. */
static gboolean run_turn(struct quicconn *c, enum flow_side s, guint *sent,
                         GError **error)
{
    struct quic_end *end = &c->end[s];

    c->udp.now[s] += end->handshake_done ? APP_THINK_NS : HANDSHAKE_THINK_NS;
    det_clock_set(c->udp.now[s]);
    if (!give_to_gnutls(end, error) || !run_handshake(end, error))
        return FALSE;
    return quic_send_pending(c, s, sent, error);
}

gboolean quicconn_handshake(struct quicconn *c, GError **error)
{
    enum flow_side s = SIDE_CLIENT;

    for (int turn = 0; turn < MAX_HANDSHAKE_TURNS; turn++, s = flow_peer(s)) {
        guint sent = 0;

        if (!run_turn(c, s, &sent, error))
            return FALSE;
        /* A turn with nothing to send leaves the peer nothing to answer. */
        if (sent == 0 && c->end[SIDE_CLIENT].handshake_done &&
            c->end[SIDE_SERVER].handshake_done)
            return TRUE;
    }
    g_set_error(error, QUIC_ERROR, 0, "the QUIC handshake did not finish");
    return FALSE;
}
