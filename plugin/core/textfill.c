/* Catalog texts filled with a message's facts; see textfill.h.
 * SPDX-License-Identifier: GPL-2.0-or-later
 */
#include <string.h>
#include "registry.h"
#include "strbuf.h"
#include "textfill.h"

static const char *side_key(guint8 sender, gboolean peer)
{
    if (sender == SENDER_UNKNOWN)
        return "unknown";
    return (sender == SENDER_CLIENT) != peer ? "client" : "server";
}

/* What a text may refer to; values are worked out only when named. */
struct fill_ctx {
    const struct catalog *c;
    const char *lang;
    const struct item *it;
    const struct field *f;
    const char *value;
    const struct placeholder *extra;
    gsize n_extra;
};

static gboolean is(const char *name, gsize len, const char *want)
{
    return strlen(want) == len && memcmp(name, want, len) == 0;
}

static void put(GString *out, const char *s)
{
    sb_puts(out, s ? s : "?");
}

static gboolean fill_item(const struct fill_ctx *x, const char *name, gsize len, GString *out)
{
    const struct item *it = x->it;
    if (is(name, len, "message")) put(out, it->message);
    else if (is(name, len, "sender"))
        put(out, catalog_lookup(x->c, "ui", side_key(it->sender, FALSE), x->lang));
    else if (is(name, len, "peer"))
        put(out, catalog_lookup(x->c, "ui", side_key(it->sender, TRUE), x->lang));
    else if (is(name, len, "handshake")) sb_put_uint(out, it->handshake);
    else if (is(name, len, "step")) sb_put_uint(out, it->step);
    else if (is(name, len, "version")) put(out, reg_version_name(it->version));
    else if (is(name, len, "level")) put(out, reg_alert_level_name(it->alert_level));
    else if (is(name, len, "description")) put(out, reg_alert_name(it->alert_desc));
    else if (is(name, len, "left"))
        sb_put_uint(out, item_error(it) ? item_error(it)->left : 0);
    else if (is(name, len, "offset"))
        sb_put_uint(out, item_error(it) ? item_error(it)->offset : 0);
    else
        return FALSE;
    return TRUE;
}

static gboolean fill_field(const struct fill_ctx *x, const char *name, gsize len, GString *out)
{
    const struct field *f = x->f;
    guint16 code = f ? (guint16)f->value : 0;
    const struct reg_suite *suite = f && f->kind == FK_SUITE ? reg_suite(code)
                                  : x->it->suite ? reg_suite(x->it->suite) : NULL;
    if (is(name, len, "field"))
        put(out, f ? f->name : item_error(x->it) ? item_error(x->it)->field : NULL);
    else if (is(name, len, "value")) put(out, x->value ? x->value : "");
    else if (is(name, len, "bytes")) sb_put_uint(out, f ? f->length : 0);
    else if (is(name, len, "bits")) sb_put_uint(out, f ? f->length * 8 : 0);
    else if (is(name, len, "count")) sb_put_uint(out, f ? f->count : 0);
    else if (is(name, len, "kx")) put(out, suite ? reg_suite_kx(suite) : NULL);
    else if (is(name, len, "auth")) put(out, suite ? reg_suite_auth(suite) : NULL);
    else if (is(name, len, "enc")) put(out, suite ? reg_suite_enc(suite) : NULL);
    else if (is(name, len, "mac")) put(out, suite ? reg_suite_mac(suite) : NULL);
    else if (is(name, len, "hash") && suite) put(out, suite->prf);
    else if (is(name, len, "group_kind") || is(name, len, "group_bits") ||
             is(name, len, "share_client") || is(name, len, "share_server")) {
        const struct reg_group *g = f && f->kind == FK_GROUP ? reg_group(code) : NULL;
        if (is(name, len, "group_bits"))
            sb_put_uint(out, g ? g->bits : 0);
        else if (is(name, len, "share_client"))
            sb_put_uint(out, g ? g->client_share_len : 0);
        else if (is(name, len, "share_server"))
            sb_put_uint(out, g ? g->server_share_len : 0);
        else
            put(out, g ? reg_group_kind_name(g->kind) : NULL);
    } else if (is(name, len, "sig_algorithm") || is(name, len, "sig_hash")) {
        const struct reg_sigscheme *sig = f && f->kind == FK_SIGALG ? reg_sigscheme(code) : NULL;
        const char *v = !sig ? NULL : is(name, len, "sig_hash") ? sig->hash : sig->algorithm;
        /* IANA's "intrinsic" (EdDSA, ML-DSA) is a word, so it is translated. */
        if (v && strcmp(v, "intrinsic") == 0)
            v = catalog_lookup(x->c, "ui", "hash_intrinsic", x->lang);
        put(out, v);
    } else
        return FALSE;
    return TRUE;
}

static gboolean fill(const char *name, gsize len, gpointer data, GString *out)
{
    const struct fill_ctx *x = data;
    for (gsize i = 0; i < x->n_extra; i++) {
        if (is(name, len, x->extra[i].name)) {
            put(out, x->extra[i].value);
            return TRUE;
        }
    }
    return fill_item(x, name, len, out) || fill_field(x, name, len, out);
}

const char *text_fill(const struct catalog *c, const char *lang, const struct item *it,
                      const struct field *f, const char *value, const char *section,
                      const char *key, const struct placeholder *extra, gsize n_extra,
                      GString *out)
{
    struct fill_ctx x = { c, lang, it, f, value, extra, n_extra };
    const char *raw = catalog_lookup(c, section, key, lang);
    if (!raw && g_strcmp0(key, "text") != 0)
        raw = catalog_lookup(c, section, "text", lang);
    if (!raw)
        return NULL;
    if (!strchr(raw, '{'))
        return raw;
    g_string_truncate(out, 0);
    catalog_fill_into(out, raw, fill, &x);
    return out->str;
}
