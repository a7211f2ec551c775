/* The catalog: placeholders filled by name only, teachers' files checked
 * before use, and a text for everything core can ask for.
 * SPDX-License-Identifier: GPL-2.0-or-later
 */
#include <string.h>
#include "catalog.h"
#include "handshake.h"

static void test_fill(void)
{
    struct placeholder ph[] = { { "sender", "client" }, { "step", "3" } };
    char *s = catalog_fill("{sender} at {step}, {unknown} %s %n {", ph, 2);
    g_assert_cmpstr(s, ==, "client at 3, {unknown} %s %n {");
    g_free(s);
}

static void expect_rejected(const char *ini, const char *needle)
{
    struct catalog *c = catalog_new_default();
    char *problem = NULL;
    char *before = catalog_get(c, "ClientHello", "text", "en");
    g_assert_false(catalog_load_override_data(c, ini, strlen(ini), "teacher.ini", &problem));
    g_assert_nonnull(problem);
    if (!strstr(problem, needle))
        g_error("expected '%s' in '%s'", needle, problem);
    char *after = catalog_get(c, "ClientHello", "text", "en");
    g_assert_cmpstr(before, ==, after);  /* defaults stay in use */
    g_free(before);
    g_free(after);
    g_free(problem);
    catalog_free(c);
}

static void test_override_checked(void)
{
    expect_rejected("[NoSuchSection]\ntext=x\n", "unknown section");
    expect_rejected("[ClientHello]\nwords=x\n", "unknown key");
    expect_rejected("[ClientHello]\ntext=Hello {nonsense}\n", "unknown placeholder");
    expect_rejected("[ClientHello]\ntext[xx]=Hello\n", "unknown language");
    expect_rejected("this is not a key file\n", "teacher.ini");
    expect_rejected("[ClientHello]\ntext=\xff\xfe\n", "not UTF-8");
    /* Braces that are not a placeholder's are named too, not passed. */
    expect_rejected("[ClientHello]\ntext=Hello {SENDER}\n", "{SENDER}");
    expect_rejected("[ClientHello]\ntext=Hello {a b}\n", "{a b}");
    expect_rejected("[ClientHello]\ntext=Hello {%n}\n", "{%n}");
    expect_rejected("[ClientHello]\ntext=Hello {abcdefghijklmnopqrstuvwxyzabcdefgh}\n",
                    "{abcdefghijklmnopqrstuvwxyzabcdefgh}");
    expect_rejected("[ClientHello]\ntext=Hello {sender\n", "never closed");
}

static void test_override_used(void)
{
    struct catalog *c = catalog_new_default();
    char *problem = NULL;
    const char ini[] = "[Finished]\ntext=Proof from the {sender}.\n";
    g_assert_true(catalog_load_override_data(c, ini, strlen(ini), "t.ini", &problem));
    struct placeholder ph[] = { { "sender", "server" } };
    char *s = catalog_text(c, "Finished", "text", "en", ph, 1);
    g_assert_cmpstr(s, ==, "Proof from the server.");
    g_free(s);
    catalog_free(c);
}

/* Every section core can name must have an English text. */
static void test_sections_exist(void)
{
    static const char *const special[] = {
        "HelloRetryRequest", "UnknownHandshake", "Finished.encrypted", "Renegotiation.client_hello", "Renegotiation.hello_request", "EncryptedHandshake.renegotiation",
        "EncryptedHandshake.tls13.server",
        "EncryptedHandshake.tls13.client", "EncryptedAlert.tls13.client", "ClientKeyExchange.psk",
        "ChangeCipherSpec", "ChangeCipherSpec.compat",
        "Alert", "Alert.encrypted", "ApplicationData", "ApplicationData.tls13",
        "ApplicationData.early", "Retransmission.dtls", "note.started_mid", "note.unexpected_ske_rsa",
        "note.unexpected_certificate_resumed", "note.unexpected_certificate_psk",
        "note.no_ske_rsa", "note.no_ske_psk", "note.resumed_no_certificate", "choice.suite",
        "choice.group", "choice.group_hrr", "choice.alpn", "resumption.session-id",
        "resumption.ticket", "resumption.psk", "ticket.offered", "ticket.age",
        "note.capture_ended", "note.capture_ended_no_answer",
    };
    static const char *const used[] = { "text_ticket", "text_ticket13", "text_ticket_many", "text_tls13_again",
                                        "text_session", "text_session_many", "text_more" };
    static const char *const malformed[] = {
        "header", "length", "fragment", "trailing", "fixed", "vector8", "vector16",
        "vector24", "too_long", "pairs", "nonempty", "empty",
    };
    static const char *const ui[] = { "label", "label_nostep", "label_bare", "client",
                                      "server", "unknown" };
    struct catalog *c = catalog_new_default();
    for (int t = 0; t < 256; t++)
        if (hs_type_name((guint8)t))
            g_assert_true(catalog_has(c, hs_type_name((guint8)t), "text"));
    for (gsize i = 0; i < G_N_ELEMENTS(special); i++)
        g_assert_true(catalog_has(c, special[i], "text"));
    for (gsize i = 0; i < G_N_ELEMENTS(used); i++)
        g_assert_true(catalog_has(c, "ticket.used", used[i]));
    for (gsize i = 0; i < G_N_ELEMENTS(malformed); i++)
        g_assert_true(catalog_has(c, "malformed", malformed[i]));
    for (gsize i = 0; i < G_N_ELEMENTS(ui); i++)
        g_assert_true(catalog_has(c, "ui", ui[i]));
    catalog_free(c);
}

/* Lookups are cached by the callers' pointers too: a buffer reused for
 * another name must not get the old name's text. */
static void test_lookup_reused_buffer(void)
{
    struct catalog *c = catalog_new_default();
    char group[32];
    const char *first, *second;
    g_strlcpy(group, "ClientHello", sizeof group);
    first = catalog_lookup(c, group, "text", NULL);
    g_assert_nonnull(first);
    g_assert_true(catalog_lookup(c, group, "text", NULL) == first);
    g_strlcpy(group, "ServerHello", sizeof group);
    second = catalog_lookup(c, group, "text", NULL);
    g_assert_nonnull(second);
    g_assert_true(second != first);
    g_assert_cmpstr(second, ==, catalog_lookup(c, "ServerHello", "text", NULL));
    g_strlcpy(group, "NoSuchSection", sizeof group);
    g_assert_null(catalog_lookup(c, group, "text", NULL));
    catalog_free(c);
}

int main(int argc, char **argv)
{
    g_test_init(&argc, &argv, NULL);
    g_test_add_func("/catalog/fill", test_fill);
    g_test_add_func("/catalog/override-checked", test_override_checked);
    g_test_add_func("/catalog/override-used", test_override_used);
    g_test_add_func("/catalog/sections-exist", test_sections_exist);
    g_test_add_func("/catalog/lookup-reused-buffer", test_lookup_reused_buffer);
    return g_test_run();
}
