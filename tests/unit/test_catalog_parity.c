/* The built-in catalog speaks both languages: every key has a Simplified
 * Chinese text with the same placeholders as the English one, and the
 * Chinese texts are the ones actually returned for zh_CN.
 *
 * catalog_check_parity() only looks at the built-in catalog, so it cannot be
 * fed a broken file here; the checks a teacher's (possibly broken) file goes
 * through are covered in test_catalog.c (/catalog/override-checked).
 * SPDX-License-Identifier: GPL-2.0-or-later
 */
#include <string.h>
#include "testing.h"
#include "catalog.h"

/* Without zh_CN in the list the parity check would pass vacuously. */
static void test_languages(void)
{
    const char *const *langs = catalog_languages();
    g_assert_true(g_strv_contains(langs, "en"));
    g_assert_true(g_strv_contains(langs, "zh_CN"));
}

static void test_parity(void)
{
    struct catalog *c = catalog_new_default();
    char *problems = catalog_check_parity(c);
    if (problems)
        g_printerr("catalog parity problems:\n%s", problems);
    g_assert_null(problems);
    catalog_free(c);
}

static gboolean has_cjk(const char *s)
{
    for (const char *p = s; *p; p = g_utf8_next_char(p)) {
        gunichar ch = g_utf8_get_char(p);
        if (ch >= 0x4E00 && ch <= 0x9FFF)
            return TRUE;
    }
    return FALSE;
}

/* The "(RFC ...)" citation at the end of an English text, if any. */
static char *citation(const char *text)
{
    const char *open = strstr(text, "(RFC ");
    const char *close = open ? strchr(open, ')') : NULL;
    return close ? g_strndup(open, (gsize)(close - open + 1)) : NULL;
}

static const struct placeholder fill[] = {
    { "message", "ClientHello" }, { "sender", "S" }, { "peer", "P" },
    { "handshake", "1" }, { "step", "2" }, { "version", "TLS 1.2" },
    { "level", "fatal" }, { "description", "handshake_failure" },
    { "field", "random" }, { "left", "3" }, { "offset", "0" },
    { "bytes", "32" }, { "bits", "256" }, { "count", "4" }, { "value", "V" },
    { "kx", "ECDHE" }, { "auth", "RSA" }, { "enc", "AES_128_GCM" },
    { "mac", "AEAD" }, { "group_kind", "EC" }, { "group_bits", "256" },
    { "sig_algorithm", "RSA-PSS" }, { "sig_hash", "SHA-256" },
};

static void test_chinese_used(void)
{
    static const char *const keys[][2] = {
        { "ClientHello", "text" },
        { "ServerHello", "text" },
        { "Certificate", "text" },
        { "Finished", "text" },
        { "ChangeCipherSpec", "text" },
        { "NewSessionTicket", "text" },
        { "alert.handshake_failure", "text" },
        { "ClientHello.legacy_session_id", "text_compat" },
        { "ServerHello.random", "text_downgrade12" },
        { "Finished.verify_data", "text_tls13" },
        { "cipher_suite", "text" },
        { "ext.renegotiation_info", "text_reneg" },
        { "malformed", "trailing" },
        { "expert", "alert" },
        { "ui", "label" },
    };
    struct catalog *c = catalog_new_default();
    for (gsize i = 0; i < G_N_ELEMENTS(keys); i++) {
        const char *group = keys[i][0], *key = keys[i][1];
        char *en = catalog_get(c, group, key, "en");
        char *zh = catalog_get(c, group, key, "zh_CN");
        char *filled = catalog_text(c, group, key, "zh_CN", fill, G_N_ELEMENTS(fill));
        char *cite = en ? citation(en) : NULL;
        g_assert_nonnull(en);
        g_assert_nonnull(zh);
        g_assert_cmpstr(en, !=, zh);
        if (!has_cjk(zh))
            g_error("[%s] %s[zh_CN] has no Chinese: %s", group, key, zh);
        /* Every placeholder filled, and not the "[group] key" of a gap. */
        if (filled[0] == '[' || strchr(filled, '{'))
            g_error("[%s] %s[zh_CN] left unfilled: %s", group, key, filled);
        /* RFC citations stay exactly as in English, ASCII brackets included. */
        if (cite && !strstr(zh, cite))
            g_error("[%s] %s[zh_CN] lacks the citation %s: %s", group, key, cite, zh);
        g_free(cite);
        g_free(filled);
        g_free(zh);
        g_free(en);
    }
    catalog_free(c);
}

static void test_ui_words(void)
{
    struct catalog *c = catalog_new_default();
    const struct placeholder ph[] = {
        { "message", "ClientHello" }, { "sender", "客户端" },
        { "handshake", "1" }, { "step", "1" },
    };
    char *s;
    g_assert_cmpstr(catalog_lookup(c, "ui", "client", "zh_CN"), ==, "客户端");
    g_assert_cmpstr(catalog_lookup(c, "ui", "server", "zh_CN"), ==, "服务器");
    g_assert_cmpstr(catalog_lookup(c, "ui", "unknown", "zh_CN"), ==, "未知一方");
    g_assert_cmpstr(catalog_lookup(c, "ui", "client", "en"), ==, "client");
    s = catalog_text(c, "ui", "label", "zh_CN", ph, G_N_ELEMENTS(ph));
    g_assert_cmpstr(s, ==, "客户端发送的 ClientHello（第 1 次握手，第 1 步）");
    g_free(s);
    catalog_free(c);
}

int main(int argc, char **argv)
{
    g_test_init(&argc, &argv, NULL);
    g_test_add_func("/catalog-parity/languages", test_languages);
    g_test_add_func("/catalog-parity/every-key", test_parity);
    g_test_add_func("/catalog-parity/chinese-used", test_chinese_used);
    g_test_add_func("/catalog-parity/ui-words", test_ui_words);
    return g_test_run();
}
