/* libFuzzer target for core: the message parsers, the session tracker, and
 * what a user hands the plugin (key logs, certificates, a teacher's
 * catalog) with the verdicts and key schedules made from them.
 * The first byte picks what is fuzzed: 0xF0 a key log, 0xF1 certificates,
 * 0xF2 a catalog, 0xF3 a key log then a sequence of events whose checks
 * are worked out, 0xF4 the key schedules' building blocks; otherwise it picks the protocol and version, and the
 * rest is either one message or, when the top bit is set, a sequence of
 * events whose lengths are given by the bytes before each.
 * SPDX-License-Identifier: GPL-2.0-or-later
 */
#include <stdint.h>
#include <stddef.h>
#include <string.h>
#include "testing.h"
#include "catalog.h"
#include "fieldtext.h"
#include "handshake.h"
#include "keylog.h"
#include "keys.h"
#include "registry.h"
#include "textfill.h"
#include "wrap.h"
#include "session.h"
#include "verdicts.h"
#include "verify.h"

/* Parses with the field list on, and formats every field as the tree would. */
static void one_message(const uint8_t *data, size_t size, const struct hs_context *ctx)
{
    struct hs_message m;
    struct hs_error e;
    GArray *fields = g_array_new(FALSE, FALSE, sizeof(struct field));
    hs_parse(data, size, ctx, &m, &e, fields);
    for (guint i = 0; i < fields->len; i++)
        g_free(field_value_text(&g_array_index(fields, struct field, i), data));
    g_array_free(fields, TRUE);
}

/* What is read of an item once every frame has been fed, as a later pass
 * draws it. */
static size_t later_facts(struct analyzer *a, const struct item *it, guint32 frame)
{
    const struct summary *s = analyzer_unfinished(a, it, frame);
    const struct links *l = item_links(it);
    size_t n = s ? strlen(s->flow) + strlen(s->history) + (s->note ? strlen(s->note) : 0) : 0;
    if (l && l->used)
        for (guint i = 0; i < MIN(l->used->count, USES_KEPT); i++)
            n += l->used->frames[i];
    return n;
}

#define KEPT_ITEMS 64

/* The verdict and key schedule of every item that has a check, as the
 * tree draws them. */
static size_t verdicts_of(struct verdicts *v, const struct item *kept,
                          const uint8_t *const *bodies, const size_t *lens, guint n)
{
    size_t sink = 0;
    for (guint i = 0; i < n; i++) {
        struct schedule s;
        guint header = kept[i].proto == TLSX_DTLS ? 12 : 4;
        if (!item_checks(&kept[i]) || lens[i] < header)
            continue;
        struct check_verdict cv = verdicts_check(v, &kept[i], bodies[i] + header,
                                                 lens[i] - header, 1700000000);
        sink += cv.main.verdict + cv.main.reason + cv.hostname.verdict;
        sink += strlen(verdicts_reason_key(cv.main.reason));
        if (verdicts_schedule(v, &kept[i], &s))
            sink += s.n;
    }
    return sink;
}

static void event_sequence(const uint8_t *data, size_t size, enum tlsx_proto proto,
                           struct verdicts *v)
{
    struct analyzer *a = analyzer_new();
    struct item it, kept[KEPT_ITEMS];
    const uint8_t *bodies[KEPT_ITEMS];
    size_t lens[KEPT_ITEMS];
    guint32 frame = 0, frames[KEPT_ITEMS];
    guint n = 0;
    volatile size_t sink = 0;
    while (size >= 3) {
        uint8_t kind = data[0];
        size_t len = (size_t)data[1] << 8 | data[2];
        data += 3;
        size -= 3;
        if (len > size)
            len = size;
        frame++;
        /* Bits 0-2 the kind; bit 5 turns a CLOSE into a heartbeat record. */
        enum event_kind k = (kind & 7) == EV_CLOSE && (kind & 0x20) ? EV_HEARTBEAT
                                                                  : (enum event_kind)(kind & 7);
        struct event ev = { k, proto, (kind >> 3) & 1,
                            (kind >> 4) & 1, data, len, frame, frame * 0.02 };
        if (analyzer_feed(a, &ev, &it) && n < KEPT_ITEMS) {
            kept[n] = it;
            bodies[n] = data;
            lens[n] = len;
            frames[n++] = frame;
        }
        data += len;
        size -= len;
    }
    for (guint i = 0; i < n; i++)
        sink += later_facts(a, &kept[i], frames[i]);
    if (v)
        sink += verdicts_of(v, kept, bodies, lens, n);
    (void)sink;
    analyzer_free(a);
}

static void key_log(const uint8_t *data, size_t size)
{
    struct keylog *kl = keylog_new();
    gsize len = 0;
    guint8 random[KEYLOG_RANDOM_LEN] = { 0 };
    volatile size_t sink = keylog_load_buffer(kl, (const char *)data, size);
    memcpy(random, data, MIN(size, sizeof random));
    for (int l = 0; l < KEYLOG_N_LABELS; l++)
        sink += keylog_lookup(kl, (enum keylog_label)l, random, &len) ? len : 0;
    sink += keylog_bad_lines(kl) + keylog_count(kl);
    (void)sink;
    keylog_free(kl);
}

/* Certificates, each after a 2-byte length, leaf first, as a Certificate
 * message lists them: parsed, described, and checked as a chain. */
static void certificates(const uint8_t *data, size_t size)
{
    const guint8 *certs[8];
    gsize lens[8];
    guint n = 0;
    struct verify_chain_result cr;
    volatile size_t sink = 0;
    while (size >= 2 && n < G_N_ELEMENTS(certs)) {
        size_t len = MIN((size_t)data[0] << 8 | data[1], size - 2);
        struct cert_info info;
        certs[n] = data + 2;
        lens[n] = len;
        if (cert_info_parse(certs[n], len, &info) == REASON_NONE)
            sink += info.key_bits + cert_info_valid_at(&info, 1700000000).verdict;
        cert_info_clear(&info);
        n++;
        data += 2 + len;
        size -= 2 + len;
    }
    if (n) {
        verify_chain(NULL, certs, lens, n, 1700000000, "www.example.com", &cr);
        sink += cr.overall.reason;
        sink += verify_signature(certs[0], lens[0], 0x0303, 0x0804, data, size, data, size).reason;
    }
    (void)sink;
}

/* A teacher's catalog: loaded over the built-in one, then texts filled. */
static void catalog(const uint8_t *data, size_t size)
{
    static const struct placeholder ph[] = { { "sender", "client" }, { "message", "Finished" } };
    struct catalog *c = catalog_new_default();
    char *problem = NULL;
    volatile size_t sink = catalog_load_override_data(c, (const char *)data, size, "fuzz",
                                                      &problem);
    char *t = catalog_text(c, "ClientHello", "text", "zh_CN", ph, G_N_ELEMENTS(ph));
    sink += strlen(t);
    g_free(t);
    t = catalog_text(c, "ui", "label", "en", ph, G_N_ELEMENTS(ph));
    sink += strlen(t);
    g_free(t);
    /* As the tree shows them: filled with a message's facts, then wrapped. */
    {
        struct item it = { 0 };
        GString *out = g_string_new(NULL);
        it.message = "ClientHello";
        it.sender = (guint8)(size % 3);
        it.version = 0x0303;
        it.suite = 0xc02f;
        for (const char *const *l = catalog_languages(); *l; l++) {
            const char *f = text_fill(c, *l, &it, NULL, NULL, "ClientHello", "text", ph,
                                      G_N_ELEMENTS(ph), out);
            for (const char *p = f; p && *p;) {
                const char *end = wrap_point(p, 1 + (guint)(size % 80));
                if (end == p)
                    break;
                for (p = end; *p == ' '; p++)
                    ;
                sink++;
            }
        }
        g_string_free(out, TRUE);
    }
    (void)sink;
    g_free(problem);
    catalog_free(c);
}

/* The key schedules' building blocks on arbitrary secrets and labels:
 * byte 0 picks the hash and version, the rest is split into a secret, a
 * label and a seed. */
static void key_schedule(const uint8_t *data, size_t size)
{
    static const enum keys_hash hashes[] = { KEYS_HASH_SHA256, KEYS_HASH_SHA384,
                                             KEYS_HASH_UNKNOWN };
    static const guint16 versions[] = { 0x0300, 0x0301, 0x0302, 0x0303, 0x0304, 0xfefd };
    guint8 out[KEYS_HASH_MAX * 2], secret[KEYS_HASH_MAX] = { 0 };
    struct keys_schedule13 ks;
    struct keys_traffic13 tk;
    char label[32] = { 0 };
    volatile size_t sink = 0;
    if (size < 3)
        return;
    enum keys_hash h = hashes[data[0] % G_N_ELEMENTS(hashes)];
    guint16 version = versions[(data[0] >> 2) % G_N_ELEMENTS(versions)];
    size_t n = MIN((size_t)data[1], size - 2), ln = MIN(n, sizeof label - 1);
    memcpy(label, data + 2, ln);
    memcpy(secret, data + 2, MIN(size - 2, sizeof secret));
    sink += keys_prf(version, h, data + 2, n, label, data + 2 + n, size - 2 - n, out,
                     (gsize)(data[0] % sizeof out));
    sink += keys_hkdf_expand_label(h, secret, keys_hash_len(h), label, data + 2, n, out, 32);
    sink += keys_derive_secret(h, secret, label, secret, out);
    if (keys_schedule13_init(&ks, h, data[0] & 1 ? secret : NULL, keys_hash_len(h)))
        sink += keys_schedule13_shared(&ks, data[0] & 2 ? data + 2 : NULL, size - 2);
    sink += keys_traffic13(reg_suite((guint16)(0x1300 | (data[1] & 7))), secret,
                           keys_hash_len(h), &tk);
    sink += keys_traffic13_quic(reg_suite((guint16)(0x1300 | (data[1] & 7))), secret,
                                keys_hash_len(h), &tk);
    (void)sink;
}

/* A key log (after a 2-byte length), then events whose checks use it. */
static void checked_sequence(const uint8_t *data, size_t size)
{
    struct keylog *kl = keylog_new();
    size_t len = size >= 2 ? MIN((size_t)data[0] << 8 | data[1], size - 2) : 0;
    struct verdicts *v;
    if (size >= 2) {
        keylog_load_buffer(kl, (const char *)data + 2, len);
        data += 2 + len;
        size -= 2 + len;
    }
    v = verdicts_new(kl, TRUE, FALSE, NULL);
    event_sequence(data, size, TLSX_TLS, v);
    verdicts_free(v);
    keylog_free(kl);
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    if (size < 2)
        return 0;
    /* Byte 0: protocol, version, mode; byte 1: the key exchange. */
    struct hs_context ctx = { (enum tlsx_proto)(data[0] % 3),
                              (data[0] & 0x40) ? 0x0304 : (data[0] & 0x20) ? 0x0301 : 0x0303,
                              0, (guint8)(data[1] % 15), (guint8)((data[0] >> 3) & 3) };
    static void (*const inputs[])(const uint8_t *, size_t) = {
        key_log, certificates, catalog, checked_sequence, key_schedule,
    };
    if (data[0] >= 0xF0 && data[0] < 0xF0 + G_N_ELEMENTS(inputs)) {
        inputs[data[0] - 0xF0](data + 1, size - 1);
        return 0;
    }
    if (data[0] & 0x80)
        event_sequence(data + 2, size - 2, ctx.proto, NULL);
    else
        one_message(data + 2, size - 2, &ctx);
    return 0;
}
