/* The capture-scoped context: what the first pass builds (the analyzer
 * and each frame's facts) and what the checks use (key log, RSA key,
 * verdicts), made when a capture is opened and freed when it is closed.
 * One owner for all of it; the rest of epan reaches it through here.
 * SPDX-License-Identifier: GPL-2.0-or-later
 */
#include <string.h>
#include <epan/packet.h>
#include <epan/prefs.h>
#include <wsutil/report_message.h>
#include "context.h"
#include "facts.h"
#include "fields.h"
#include "keylog.h"
#include "keys.h"
#include "text.h"
#include "verdicts.h"
#include "verify.h"

static struct tlsx_context ctx;

struct tlsx_context *tlsx_context(void)
{
    return &ctx;
}

struct frame_facts *tlsx_stored_facts(const struct tlsx_context *c, guint32 num)
{
    return c->facts_by_frame && num < c->facts_by_frame->len
           ? g_ptr_array_index(c->facts_by_frame, num) : NULL;
}

void tlsx_store_facts(struct tlsx_context *c, guint32 num, struct frame_facts *facts)
{
    if (num >= c->facts_by_frame->len)
        g_ptr_array_set_size(c->facts_by_frame, MAX(num + 1, c->facts_by_frame->len * 2));
    g_ptr_array_index(c->facts_by_frame, num) = facts;
}

/* What the checks use is loaded again for each capture: preferences may
 * have changed. */

/* The key log, and what was wrong with it, said once: a file that cannot
 * be read, is empty, or has lines that are not key log lines. */
static void load_keylog(const char *path)
{
    GError *error = NULL;
    char count[16], line[16];
    if (!keylog_load_file(ctx.keylog, path, &error)) {
        const struct placeholder ph[] = { { "file", path }, { "reason", error->message } };
        tlsx_warn_once("keylog_unreadable", ph, G_N_ELEMENTS(ph));
        g_error_free(error);
        return;
    }
    g_snprintf(count, sizeof count, "%u", keylog_bad_lines(ctx.keylog));
    g_snprintf(line, sizeof line, "%u", keylog_first_bad_line(ctx.keylog));
    const struct placeholder ph[] = { { "file", path }, { "count", count }, { "line", line } };
    if (keylog_bad_lines(ctx.keylog))
        tlsx_warn_once("keylog_bad_lines", ph, G_N_ELEMENTS(ph));
    else if (keylog_count(ctx.keylog) == 0)
        tlsx_warn_once("keylog_empty", ph, G_N_ELEMENTS(ph));
}

/* A CA file that cannot be used is said once, when the capture is opened;
 * the chains are then checked against the system's store alone. */
static void check_ca_file(void)
{
    enum verify_reason why = REASON_NONE;
    struct verify_trust *t;
    if (!tlsx_prefs.ca_file || !*tlsx_prefs.ca_file)
        return;
    t = verify_trust_new(FALSE, tlsx_prefs.ca_file, &why);
    if (!t) {
        const struct placeholder ph[] = {
            { "file", tlsx_prefs.ca_file }, { "reason", tlsx_reason_text(why) },
        };
        tlsx_warn_once(tlsx_prefs.system_trust ? "ca_file_unusable" : "ca_file_unusable_no_system",
                       ph, G_N_ELEMENTS(ph));
    }
    verify_trust_free(t);
}

/* Our own key log if set, else the one the user gave Wireshark's TLS,
 * read through the public preference API. g_free() the result. */
static char *keylog_path(void)
{
    module_t *tls;
    pref_t *pref;
    if (tlsx_prefs.keylog && *tlsx_prefs.keylog)
        return g_strdup(tlsx_prefs.keylog);
    tls = prefs_find_module("tls");
    pref = tls ? prefs_find_preference(tls, "keylog_file") : NULL;
    return pref ? prefs_pref_to_str(pref, pref_current) : NULL;
}

static void load_checks(void)
{
    char *path = keylog_path();
    enum verify_reason why = REASON_NONE;
    gboolean keylog_configured = path && *path;
    ctx.keylog_is_tls = keylog_configured && !(tlsx_prefs.keylog && *tlsx_prefs.keylog);
    if (keylog_configured) {
        ctx.keylog = keylog_new();
        load_keylog(path);
    }
    g_free(path);
    if (tlsx_prefs.rsa_key && *tlsx_prefs.rsa_key) {
        ctx.rsa_key = keys_privkey_load(tlsx_prefs.rsa_key, NULL, &why);
        if (!ctx.rsa_key) {
            const struct placeholder ph[] = { { "file", tlsx_prefs.rsa_key } };
            tlsx_warn_once(why == REASON_KEY_MISMATCH ? "rsa_key_not_rsa"
                           : why == REASON_BAD_DER ? "rsa_key_unreadable" : "rsa_key_missing",
                           ph, G_N_ELEMENTS(ph));
        }
    }
    analyzer_set_rsa_key(ctx.analyzer, ctx.rsa_key);
    ctx.verdicts = verdicts_new(ctx.keylog, keylog_configured, tlsx_prefs.system_trust,
                                tlsx_prefs.ca_file);
    check_ca_file();
}

const struct summary *tlsx_unfinished(const struct item *it, guint32 frame)
{
    return analyzer_unfinished(ctx.analyzer, it, frame);
}

struct verdicts *tlsx_verdicts(void)
{
    return ctx.verdicts;
}

static void init_context(void)
{
    ctx.analyzer = analyzer_new();
    ctx.facts_by_frame = g_ptr_array_new();
    /* Reused for every frame: most frames have nothing, the rest a few items. */
    ctx.placed = g_array_new(FALSE, FALSE, sizeof(struct placed_item));
    ctx.whole = g_array_new(FALSE, FALSE, sizeof(struct dtls_whole));
    ctx.last_analysed = 0;
    load_checks();
}

static void cleanup_context(void)
{
    g_array_free(ctx.placed, TRUE);
    g_array_free(ctx.whole, TRUE);
    g_ptr_array_free(ctx.facts_by_frame, TRUE);
    analyzer_free(ctx.analyzer);
    verdicts_free(ctx.verdicts);
    keylog_free(ctx.keylog);
    keys_privkey_free(ctx.rsa_key);
    memset(&ctx, 0, sizeof ctx);
    verify_cache_clear();
}

void tlsx_context_register(void)
{
    register_init_routine(init_context);
    register_cleanup_routine(cleanup_context);
}
