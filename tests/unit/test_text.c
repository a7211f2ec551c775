/* Texts as a reader sees them: catalog texts filled with a message's facts
 * (textfill.c) and wrapped into lines (wrap.c), in English and Chinese.
 * SPDX-License-Identifier: GPL-2.0-or-later
 */
#include <string.h>
#include "handshake.h"
#include "suiteparts.h"
#include "textfill.h"
#include "wrap.h"

/* The lines text wraps into at `columns`, joined by '|'. */
static char *lines(const char *text, guint columns)
{
    GString *out = g_string_new(NULL);
    const char *p = text;
    while (*p) {
        const char *end;
        while (*p == ' ')
            p++;
        end = wrap_point(p, columns);
        if (end == p)
            break;
        if (out->len)
            g_string_append_c(out, '|');
        g_string_append_len(out, p, end - p);
        p = end;
    }
    return g_string_free(out, FALSE);
}

static void check_lines(const char *text, guint columns, const char *want)
{
    char *got = lines(text, columns);
    g_assert_cmpstr(got, ==, want);
    g_free(got);
}

static void test_wrap_ascii(void)
{
    check_lines("short", 20, "short");
    check_lines("one two three four", 9, "one two|three|four");
    /* A word longer than a line is cut where the line ends. */
    check_lines("abcdefghijkl", 5, "abcde|fghij|kl");
}

/* A citation is one unit: the line breaks before it, never inside. */
static void test_wrap_keeps_citations(void)
{
    check_lines("Chosen from the offer. (RFC 7301)", 28,
                "Chosen from the offer.|(RFC 7301)");
    check_lines("It ends here (RFC 9846 §4.2.3, RFC 5246 §7.4.1.3)", 40,
                "It ends here|(RFC 9846 §4.2.3, RFC 5246 §7.4.1.3)");
    /* Brackets that are not a citation break as usual. */
    check_lines("a list (one two three)", 14, "a list (one|two three)");
    /* The same on the library's all-ASCII path and its per-character one. */
    check_lines("Überblick über das Angebot. (RFC 7301)", 30,
                "Überblick über das Angebot.|(RFC 7301)");
}

/* Chinese is measured in display columns, two a character, and may break
 * between characters, but not before a closing mark. */
static void test_wrap_chinese(void)
{
    check_lines("客户端发起握手服务器回答", 10, "客户端发起|握手服务器|回答");
    check_lines("客户端发起握。手服务器", 12, "客户端发起|握。手服务器");
    check_lines("客户端发起握手。(RFC 9846 §4.2.2)", 20,
                "客户端发起握手。|(RFC 9846 §4.2.2)");
}

static const struct placeholder extra[] = { { "reason", "no key" } };

static void test_fill(void)
{
    struct catalog *c = catalog_new_default();
    GString *out = g_string_new(NULL);
    struct item it = { 0 };
    const char *s;
    char *problem = NULL;
    static const char teacher[] =
        "[ClientHello]\ntext={sender} says hello in handshake {handshake}, {reason}.\n"
        "text[zh_CN]={sender}在第 {handshake} 次握手中打招呼，{reason}。\n";
    it.sender = SENDER_CLIENT;
    it.handshake = 2;
    it.message = "ClientHello";
    g_assert_true(catalog_load_override_data(c, teacher, sizeof teacher - 1, "teacher",
                                             &problem));
    s = text_fill(c, "en", &it, NULL, NULL, "ClientHello", "text", extra, 1, out);
    g_assert_cmpstr(s, ==, "client says hello in handshake 2, no key.");
    s = text_fill(c, "zh_CN", &it, NULL, NULL, "ClientHello", "text", extra, 1, out);
    g_assert_cmpstr(s, ==, "客户端在第 2 次握手中打招呼，no key。");
    /* A missing key falls back to the section's "text"; no section at all is NULL. */
    s = text_fill(c, "en", &it, NULL, NULL, "ClientHello", "text_nonesuch", extra, 1, out);
    g_assert_cmpstr(s, ==, "client says hello in handshake 2, no key.");
    g_assert_null(text_fill(c, "en", &it, NULL, NULL, "NoSuchSection", "text", NULL, 0, out));
    /* A text with nothing to fill is the catalog's own. */
    s = text_fill(c, "en", &it, NULL, NULL, "ui", "client", NULL, 0, out);
    g_assert_cmpstr(s, ==, "client");
    g_assert_true(s != out->str);
    g_string_free(out, TRUE);
    catalog_free(c);
}

/* A field's placeholders: its name, size and the suite it names. */
static void test_fill_field(void)
{
    struct catalog *c = catalog_new_default();
    GString *out = g_string_new(NULL);
    struct item it = { 0 };
    struct field f = { 0 };
    char *problem = NULL;
    static const char teacher[] =
        "[cipher_suite]\ntext={field} is {bytes} bytes: {kx} with {enc}.\n"
        "text[zh_CN]={field} 占 {bytes} 字节：{kx}，{enc}。\n";
    f.name = "CipherSuite";
    f.length = 2;
    f.kind = FK_SUITE;
    f.value = 0xc02f;
    g_assert_true(catalog_load_override_data(c, teacher, sizeof teacher - 1, "teacher",
                                             &problem));
    g_assert_cmpstr(text_fill(c, "en", &it, &f, NULL, "cipher_suite", "text", NULL, 0, out), ==,
                    "CipherSuite is 2 bytes: ECDHE with AES-128-GCM.");
    /* The built-in text of a hybrid post-quantum group gives its share sizes. */
    f.name = "NamedGroup";
    f.kind = FK_GROUP;
    f.value = 0x11ec;  /* X25519MLKEM768 */
    const char *s = text_fill(c, "en", &it, &f, NULL, "named_group", "text_hybrid", NULL, 0, out);
    g_assert_nonnull(strstr(s, "1216 bytes from the client, 1120 bytes back"));
    g_assert_null(strstr(s, "0 bits"));
    g_string_free(out, TRUE);
    catalog_free(c);
}

/* A suite's five parts as they apply: what the name says for TLS 1.0-1.2,
 * what the handshake says for TLS 1.3, nothing new for a resumed session. */
static void test_suite_parts(void)
{
    struct item it = { 0 };
    struct item_extra extra = { 0 };
    struct links l = { 0 };
    struct suite_parts sp;
    it.msg_type = HS_SERVER_HELLO;
    it.suite = 0xc013;  /* TLS_ECDHE_RSA_WITH_AES_128_CBC_SHA */
    it.version = 0x0301;
    g_assert_true(suite_parts(&it, &sp));
    g_assert_cmpstr(sp.kx.value, ==, "ECDHE");
    g_assert_cmpstr(sp.auth.value, ==, "RSA");
    g_assert_cmpstr(sp.mac, ==, "HMAC-SHA1");  /* IANA's "SHA" */
    g_assert_cmpstr(sp.prf.key, ==, "prf10");
    it.version = 0x0303;
    it.extra = &extra;
    extra.links = &l;
    l.resumption = RES_SESSION_ID;
    l.resumed = TRUE;
    g_assert_true(suite_parts(&it, &sp));
    g_assert_cmpstr(sp.kx.key, ==, "kx_resumed");
    g_assert_cmpstr(sp.prf.key, ==, "prf12");
    g_assert_cmpstr(sp.hash, ==, "SHA-256");
    it.suite = 0x1302;  /* TLS_AES_256_GCM_SHA384 */
    it.version = 0x0304;
    l.resumption = RES_NONE;
    l.group = 0x001d;
    g_assert_true(suite_parts(&it, &sp));
    g_assert_cmpstr(sp.kx.key, ==, "kx_tls13_dhe");
    g_assert_cmpstr(sp.group, ==, "x25519");
    g_assert_cmpstr(sp.auth.key, ==, "auth_tls13_certificate");
    g_assert_cmpstr(sp.mac, ==, "AEAD");
    g_assert_cmpstr(sp.prf.key, ==, "hkdf");
    g_assert_cmpstr(sp.hash, ==, "SHA-384");
    l.resumption = RES_PSK;
    l.resumed = TRUE;
    l.group = 0;
    g_assert_true(suite_parts(&it, &sp));
    g_assert_cmpstr(sp.kx.key, ==, "kx_tls13_psk");
    g_assert_cmpstr(sp.auth.key, ==, "auth_tls13_psk");
    it.msg_type = HS_CLIENT_HELLO;
    g_assert_false(suite_parts(&it, &sp));
}

int main(int argc, char **argv)
{
    g_test_init(&argc, &argv, NULL);
    g_test_add_func("/text/wrap-ascii", test_wrap_ascii);
    g_test_add_func("/text/wrap-keeps-citations", test_wrap_keeps_citations);
    g_test_add_func("/text/wrap-chinese", test_wrap_chinese);
    g_test_add_func("/text/fill", test_fill);
    g_test_add_func("/text/fill-field", test_fill_field);
    g_test_add_func("/text/suite-parts", test_suite_parts);
    return g_test_run();
}
