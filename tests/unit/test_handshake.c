/* Every vector parses; every truncation, extension and corruption of it is
 * rejected or parsed without reading outside the message (the test runs
 * under AddressSanitizer, and copies each case into a buffer of exactly its
 * size so any over-read is caught).
 * SPDX-License-Identifier: GPL-2.0-or-later
 */
#include <string.h>
#include "testing.h"
#include "handshake.h"
#include "registry.h"
#include "vectors.h"

/* Every body but Finished's has a structure that a cut breaks: Finished is
 * just verify_data, whatever its length. */
static gboolean structured(guint8 type)
{
    return type != HS_FINISHED;
}

static gboolean parse_with(const guint8 *data, gsize len, const struct vector *v,
                           struct hs_message *m, struct hs_error *e, GArray *fields)
{
    struct hs_context ctx = vector_context(v);
    guint8 *copy = g_memdup2(data, len ? len : 1);
    gboolean ok = hs_parse(copy, len, &ctx, m, e, fields);
    g_free(copy);
    return ok;
}

static gboolean parse_copy(const guint8 *data, gsize len, const struct vector *v,
                           struct hs_message *m, struct hs_error *e)
{
    return parse_with(data, len, v, m, e, NULL);
}

static void set_length(guint8 *msg, guint32 len)
{
    msg[1] = (guint8)(len >> 16);
    msg[2] = (guint8)(len >> 8);
    msg[3] = (guint8)len;
}

static void test_vectors_parse(void)
{
    g_assert_cmpuint(G_N_ELEMENTS(vectors), >=, 20);
    for (gsize i = 0; i < G_N_ELEMENTS(vectors); i++) {
        const struct vector *v = &vectors[i];
        struct hs_message m;
        struct hs_error e;
        gboolean ok = parse_copy(v->data, v->len, v, &m, &e);
        if (!ok)
            g_error("%s type %u: %s %s at %u", v->source, v->type, e.field, e.expected, e.offset);
        g_assert_cmpuint(m.type, ==, v->type);
        g_assert_cmpuint(m.length + 4, ==, v->len);
    }
}

/* Where a message may legitimately end early: before the optional
 * extensions block of a hello. */
static gsize optional_tail(const struct hs_message *m)
{
    if (m->type == HS_CLIENT_HELLO && m->u.ch.ext.present)
        return m->u.ch.ext.block.offset - 2;
    if (m->type == HS_SERVER_HELLO && m->u.sh.ext.present)
        return m->u.sh.ext.block.offset - 2;
    return 0;
}

static void test_every_truncation(void)
{
    for (gsize i = 0; i < G_N_ELEMENTS(vectors); i++) {
        const struct vector *v = &vectors[i];
        struct hs_message full, m;
        struct hs_error e;
        g_assert_true(parse_copy(v->data, v->len, v, &full, &e));
        gsize tail = optional_tail(&full);
        for (gsize n = 0; n < v->len; n++) {
            /* Cut short with the header unchanged: the length cannot fit. */
            g_assert_false(parse_copy(v->data, n, v, &m, &e));
            g_assert_nonnull(e.field);
            g_assert_cmpuint(e.offset, <=, n);
            if (n < 4)
                continue;
            /* Cut short with the header telling the truth: the body is bad. */
            guint8 *cut = g_memdup2(v->data, n);
            set_length(cut, (guint32)(n - 4));
            gboolean ok = parse_copy(cut, n, v, &m, &e);
            if (structured(v->type) && n != tail)
                g_assert_false(ok);
            if (!ok)
                g_assert_cmpuint(e.offset, <=, n);
            g_free(cut);
        }
    }
}

static void test_overlong(void)
{
    for (gsize i = 0; i < G_N_ELEMENTS(vectors); i++) {
        const struct vector *v = &vectors[i];
        struct hs_message m;
        struct hs_error e;
        guint8 *longer = g_malloc(v->len + 1);
        memcpy(longer, v->data, v->len);
        longer[v->len] = 0x42;
        set_length(longer, (guint32)(v->len - 3));
        gboolean ok = parse_copy(longer, v->len + 1, v, &m, &e);
        if (structured(v->type)) {
            g_assert_false(ok);
            g_assert_nonnull(e.expected);
        }
        g_free(longer);
    }
}

static void test_garbage(void)
{
    GRand *rand = g_rand_new_with_seed(20261122);
    for (int round = 0; round < 20000; round++) {
        gsize len = (gsize)g_rand_int_range(rand, 0, 300);
        guint8 *buf = g_malloc(len ? len : 1);
        struct hs_message m;
        struct hs_error e;
        for (gsize i = 0; i < len; i++)
            buf[i] = (guint8)g_rand_int_range(rand, 0, 256);
        if (len >= 4) {
            buf[0] = (guint8)g_rand_int_range(rand, 0, 26);
            set_length(buf, (guint32)(len - 4));
        }
        struct hs_context ctx = { round % 3 == 0 ? TLSX_DTLS : TLSX_TLS,
                                  round % 2 ? 0x0304 : 0x0303, 0, (guint8)(round % 15), 0 };
        GArray *fields = g_array_new(FALSE, FALSE, sizeof(struct field));
        hs_parse(buf, len, &ctx, &m, &e, round % 4 ? fields : NULL);
        g_array_free(fields, TRUE);
        g_free(buf);
    }
    g_rand_free(rand);
}

static void test_hello_retry_request(void)
{
    for (gsize i = 0; i < G_N_ELEMENTS(vectors); i++) {
        const struct vector *v = &vectors[i];
        struct hs_message m;
        struct hs_error e;
        if (v->type != HS_SERVER_HELLO)
            continue;
        g_assert_true(parse_copy(v->data, v->len, v, &m, &e));
        g_assert_false(m.u.sh.is_hrr);
        g_assert_cmpuint(m.u.sh.selected_version, ==, vector_version(v));
    }
}

static void test_malformed_names_field(void)
{
    /* A ClientHello whose cipher_suites length runs past the message. */
    static const guint8 ch[] = {
        0x01, 0x00, 0x00, 0x27, 0x03, 0x03,
        1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15, 16,
        17, 18, 19, 20, 21, 22, 23, 24, 25, 26, 27, 28, 29, 30, 31, 32,
        0x00, 0x00, 0x40, 0x13, 0x01,
    };
    struct hs_message m;
    struct hs_error e;
    g_assert_false(parse_copy(ch, sizeof ch, &vectors[0], &m, &e));
    g_assert_cmpstr(e.field, ==, "cipher_suites");
    g_assert_cmpstr(e.expected, ==, "vector16");
    g_assert_cmpuint(m.u.ch.legacy_version, ==, 0x0303);
}

/* Every byte of every message is covered by a leaf field: a field with no
 * field nested in it. */
static void test_byte_coverage(void)
{
    for (gsize i = 0; i < G_N_ELEMENTS(vectors); i++) {
        const struct vector *v = &vectors[i];
        GArray *fields = g_array_new(FALSE, FALSE, sizeof(struct field));
        guint8 *covered = g_malloc0(v->len);
        struct hs_message m;
        struct hs_error e;
        g_assert_true(parse_with(v->data, v->len, v, &m, &e, fields));
        for (guint f = 0; f < fields->len; f++) {
            const struct field *x = &g_array_index(fields, struct field, f);
            gboolean leaf = f + 1 == fields->len ||
                            g_array_index(fields, struct field, f + 1).depth <= x->depth;
            g_assert_cmpuint(x->offset + x->length, <=, v->len);
            if (leaf)
                memset(covered + x->offset, 1, x->length);
        }
        for (gsize b = 0; b < v->len; b++)
            if (!covered[b])
                g_error("%s type %u: byte %zu of %zu not covered", v->source, v->type, b, v->len);
        g_free(covered);
        g_array_free(fields, TRUE);
    }
}

/* The SSL 2.0-compatible ClientHello: parsed, every byte under a leaf,
 * and every cut rejected. */
static void test_sslv2_client_hello(void)
{
    static const guint8 ch[] = {
        0x01, 0x03, 0x01, 0x00, 0x09, 0x00, 0x00, 0x00, 0x10,
        0x00, 0x00, 0x2f, 0x00, 0x00, 0x35, 0x01, 0x00, 0x80,
        1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15, 16,
    };
    struct hs_context ctx = { TLSX_SSL2, 0, 0, KX_UNKNOWN, 1 };
    GArray *fields = g_array_new(FALSE, FALSE, sizeof(struct field));
    guint8 covered[sizeof ch] = { 0 };
    struct hs_message m;
    struct hs_error e;
    g_assert_true(hs_parse(ch, sizeof ch, &ctx, &m, &e, fields));
    g_assert_cmpuint(m.u.ch.legacy_version, ==, 0x0301);
    g_assert_cmpuint(m.u.ch.random.length, ==, 16);
    for (guint f = 0; f < fields->len; f++) {
        const struct field *x = &g_array_index(fields, struct field, f);
        if (f + 1 == fields->len || g_array_index(fields, struct field, f + 1).depth <= x->depth)
            memset(covered + x->offset, 1, x->length);
    }
    for (gsize b = 0; b < sizeof ch; b++)
        g_assert_true(covered[b]);
    for (gsize n = 0; n < sizeof ch; n++) {
        guint8 *cut = g_memdup2(ch, n ? n : 1);
        g_assert_false(hs_parse(cut, n, &ctx, &m, &e, NULL));
        g_free(cut);
    }
    g_array_free(fields, TRUE);
}

static gboolean has_field(GArray *fields, const char *name)
{
    for (guint f = 0; f < fields->len; f++)
        if (strcmp(g_array_index(fields, struct field, f).name, name) == 0)
            return TRUE;
    return FALSE;
}

/* Parsed with every byte under a leaf, the named field found, and every
 * cut (with the header telling the truth) rejected. */
static void check_hand_built(const guint8 *msg, gsize len, const char *field)
{
    struct hs_context ctx = { TLSX_TLS, 0x0304, 0x1301, KX_TLS13, 2 };
    GArray *fields = g_array_new(FALSE, FALSE, sizeof(struct field));
    guint8 *covered = g_malloc0(len);
    struct hs_message m;
    struct hs_error e;
    g_assert_true(hs_parse(msg, len, &ctx, &m, &e, fields));
    g_assert_true(has_field(fields, field));
    for (guint f = 0; f < fields->len; f++) {
        const struct field *x = &g_array_index(fields, struct field, f);
        if (f + 1 == fields->len || g_array_index(fields, struct field, f + 1).depth <= x->depth)
            memset(covered + x->offset, 1, x->length);
    }
    for (gsize b = 0; b < len; b++)
        g_assert_true(covered[b]);
    gsize tail = optional_tail(&m);
    for (gsize n = 4; n < len; n++) {
        guint8 *cut = g_memdup2(msg, n);
        set_length(cut, (guint32)(n - 4));
        if (n != tail)
            g_assert_false(hs_parse(cut, n, &ctx, &m, &e, NULL));
        g_free(cut);
    }
    g_free(covered);
    g_array_free(fields, TRUE);
}

/* Extensions only ever seen encrypted: oid_filters in a TLS 1.3
 * CertificateRequest, and the inner ClientHello's ECH marker and
 * ech_outer_extensions; and NPN's server form, which needs TLS 1.2. */
static void test_encrypted_only_extensions(void)
{
    static const guint8 cr[] = {
        0x0d, 0x00, 0x00, 0x1b, 0x00, 0x00, 0x18,
        0x00, 0x0d, 0x00, 0x04, 0x00, 0x02, 0x08, 0x04,            /* signature_algorithms */
        0x00, 0x30, 0x00, 0x0c, 0x00, 0x0a,                        /* oid_filters */
        0x03, 0x55, 0x1d, 0x0f, 0x00, 0x04, 0x03, 0x02, 0x05, 0xa0,
    };
    static const guint8 inner[] = {
        0x01, 0x00, 0x00, 0x39, 0x03, 0x03,
        1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15, 16,
        17, 18, 19, 20, 21, 22, 23, 24, 25, 26, 27, 28, 29, 30, 31, 32,
        0x00, 0x00, 0x02, 0x13, 0x01, 0x01, 0x00,
        0x00, 0x0e,
        0xfe, 0x0d, 0x00, 0x01, 0x01,                              /* ECH inner */
        0xfd, 0x00, 0x00, 0x05, 0x04, 0x00, 0x0a, 0x00, 0x0d,      /* ech_outer_extensions */
    };
    /* NPN's server form, in a TLS 1.2 ServerHello: names with no list length. */
    static const guint8 npn[] = {
        0x02, 0x00, 0x00, 0x38, 0x03, 0x03,
        1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15, 16,
        17, 18, 19, 20, 21, 22, 23, 24, 25, 26, 27, 28, 29, 30, 31, 32,
        0x00, 0xc0, 0x2f, 0x00, 0x00, 0x10, 0x33, 0x74, 0x00, 0x0c,
        0x02, 0x68, 0x32, 0x08, 0x68, 0x74, 0x74, 0x70, 0x2f, 0x31, 0x2e, 0x31,
    };
    check_hand_built(npn, sizeof npn, "ProtocolName");
    check_hand_built(cr, sizeof cr, "filters");
    check_hand_built(inner, sizeof inner, "outer_extensions");
}

/* Issue 4: every extension in the IANA registry is explained, its data
 * parsed field by field (or, for a few, named and shown as bytes). */
static void test_every_registered_extension_parsed(void)
{
    gsize n;
    const struct reg_extension *e = reg_extension_table(&n);
    for (gsize i = 0; i < n; i++)
        if (!hs_extension_parsed(e[i].id))
            g_error("extension %u (%s) has no parser", e[i].id, e[i].name);
}

/* A post-quantum hybrid group in supported_groups and key_share gets the
 * text that says what it is, not "0 bits". */
static void test_hybrid_group(void)
{
    GByteArray *b = g_byte_array_new();
    static const guint8 head[] = { 0x03, 0x03 };
    static const guint8 tail[] = { 0x00, 0x00, 0x02, 0x13, 0x01, 0x01, 0x00 };
    guint8 zero[32] = { 0 }, hdr[4], ext_len[2];
    GByteArray *ext = g_byte_array_new();
    static const guint8 groups[] = { 0x00, 0x0a, 0x00, 0x06, 0x00, 0x04, 0x11, 0xec, 0x00, 0x1d };
    guint8 share_head[] = { 0x00, 0x33, 0x00, 0x00, 0x00, 0x00, 0x11, 0xec, 0x04, 0xc0 };
    guint8 *share = g_malloc0(1216);
    struct hs_message m;
    struct hs_error e;
    struct hs_context ctx = { TLSX_TLS, 0x0303, 0, 0, 0 };
    GArray *fields = g_array_new(FALSE, FALSE, sizeof(struct field));
    guint hybrid = 0;
    g_byte_array_append(ext, groups, sizeof groups);
    /* key_share: ext length 2 + 4 + 1216, list length 4 + 1216 */
    share_head[2] = (guint8)((2 + 4 + 1216) >> 8);
    share_head[3] = (guint8)(2 + 4 + 1216);
    share_head[4] = (guint8)((4 + 1216) >> 8);
    share_head[5] = (guint8)(4 + 1216);
    g_byte_array_append(ext, share_head, sizeof share_head);
    g_byte_array_append(ext, share, 1216);
    g_byte_array_append(b, head, sizeof head);
    g_byte_array_append(b, zero, sizeof zero);
    g_byte_array_append(b, tail, sizeof tail);
    ext_len[0] = (guint8)(ext->len >> 8);
    ext_len[1] = (guint8)ext->len;
    g_byte_array_append(b, ext_len, 2);
    g_byte_array_append(b, ext->data, ext->len);
    hdr[0] = 1;
    hdr[1] = (guint8)(b->len >> 16);
    hdr[2] = (guint8)(b->len >> 8);
    hdr[3] = (guint8)b->len;
    g_byte_array_prepend(b, hdr, 4);
    g_assert_true(hs_parse(b->data, b->len, &ctx, &m, &e, fields));
    for (guint i = 0; i < fields->len; i++) {
        const struct field *f = &g_array_index(fields, struct field, i);
        gboolean group = strcmp(f->section, "named_group") == 0 ||
                         strcmp(f->section, "ext.key_share.group") == 0;
        if (group && f->value == 0x11ec) {
            g_assert_cmpstr(f->variant, ==, "text_hybrid");
            hybrid++;
        } else if (group && f->value == 0x001d) {
            g_assert_true(f->variant == NULL || strcmp(f->variant, "text_hybrid") != 0);
        }
    }
    g_assert_cmpuint(hybrid, ==, 2);  /* in supported_groups and in key_share */
    g_array_free(fields, TRUE);
    g_byte_array_free(ext, TRUE);
    g_byte_array_free(b, TRUE);
    g_free(share);
}

int main(int argc, char **argv)
{
    g_test_init(&argc, &argv, NULL);
    g_test_add_func("/handshake/vectors-parse", test_vectors_parse);
    g_test_add_func("/handshake/every-truncation", test_every_truncation);
    g_test_add_func("/handshake/overlong", test_overlong);
    g_test_add_func("/handshake/garbage", test_garbage);
    g_test_add_func("/handshake/server-hello-version", test_hello_retry_request);
    g_test_add_func("/handshake/malformed-names-field", test_malformed_names_field);
    g_test_add_func("/handshake/byte-coverage", test_byte_coverage);
    g_test_add_func("/handshake/sslv2-client-hello", test_sslv2_client_hello);
    g_test_add_func("/handshake/encrypted-only-extensions", test_encrypted_only_extensions);
    g_test_add_func("/handshake/every-registered-extension", test_every_registered_extension_parsed);
    g_test_add_func("/handshake/hybrid-group", test_hybrid_group);
    return g_test_run();
}
