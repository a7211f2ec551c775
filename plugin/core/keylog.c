/* NSS key log parsing into a hash table.
 * SPDX-License-Identifier: GPL-2.0-or-later
 */
#include <string.h>
#include "keylog.h"
#include "testing.h"

struct keylog {
    /* key: label byte + 32-byte random (GBytes); value: the secret (GBytes) */
    GHashTable *table;
    guint bad_lines;
    guint first_bad_line;
};

static const char *const label_names[KEYLOG_N_LABELS] = {
    "CLIENT_RANDOM",
    "CLIENT_EARLY_TRAFFIC_SECRET",
    "CLIENT_HANDSHAKE_TRAFFIC_SECRET",
    "SERVER_HANDSHAKE_TRAFFIC_SECRET",
    "CLIENT_TRAFFIC_SECRET_0",
    "SERVER_TRAFFIC_SECRET_0",
    "EXPORTER_SECRET",
    "EARLY_EXPORTER_SECRET",
};

#ifdef TLSX_TESTING
const char *keylog_label_name(enum keylog_label label)
{
    return (guint)label < KEYLOG_N_LABELS ? label_names[label] : NULL;
}
#endif

static GHashTable *table_new(void)
{
    return g_hash_table_new_full(g_bytes_hash, g_bytes_equal,
                                 (GDestroyNotify)g_bytes_unref,
                                 (GDestroyNotify)g_bytes_unref);
}

struct keylog *keylog_new(void)
{
    struct keylog *kl = g_new0(struct keylog, 1);
    kl->table = table_new();
    return kl;
}

void keylog_free(struct keylog *kl)
{
    if (!kl)
        return;
    g_hash_table_destroy(kl->table);
    g_free(kl);
}

static GBytes *make_key(enum keylog_label label, const guint8 *random)
{
    guint8 k[1 + KEYLOG_RANDOM_LEN];
    k[0] = (guint8)label;
    memcpy(k + 1, random, KEYLOG_RANDOM_LEN);
    return g_bytes_new(k, sizeof k);
}

/* Exactly 2*n hex digits into out[n]; anything else is a bad line. */
static gboolean parse_hex(const char *s, gsize slen, guint8 *out, gsize n)
{
    if (slen != 2 * n)
        return FALSE;
    for (gsize i = 0; i < n; i++) {
        int hi = g_ascii_xdigit_value(s[2 * i]);
        int lo = g_ascii_xdigit_value(s[2 * i + 1]);
        if (hi < 0 || lo < 0)
            return FALSE;
        out[i] = (guint8)(hi << 4 | lo);
    }
    return TRUE;
}

static gboolean find_label(const char *s, gsize len, enum keylog_label *label)
{
    for (guint i = 0; i < KEYLOG_N_LABELS; i++) {
        if (strlen(label_names[i]) == len && memcmp(s, label_names[i], len) == 0) {
            *label = (enum keylog_label)i;
            return TRUE;
        }
    }
    return FALSE;
}

/* Splits one line into up to 3 whitespace-separated words. */
static guint split_words(const char *line, gsize len, const char *w[3], gsize wl[3])
{
    guint n = 0;
    gsize i = 0;
    while (i < len) {
        while (i < len && g_ascii_isspace(line[i]))
            i++;
        if (i == len)
            break;
        if (n == 3)
            return 4;  /* trailing garbage makes the line bad */
        w[n] = line + i;
        while (i < len && !g_ascii_isspace(line[i]))
            i++;
        wl[n] = (gsize)(line + i - w[n]);
        n++;
    }
    return n;
}

/* FALSE for a line that is neither usable nor a comment/blank line. */
static gboolean parse_line(GHashTable *t, const char *line, gsize len)
{
    const char *w[3];
    gsize wl[3];
    guint n = split_words(line, len, w, wl);
    if (n == 0 || w[0][0] == '#')
        return TRUE;
    enum keylog_label label;
    guint8 random[KEYLOG_RANDOM_LEN], secret[KEYLOG_SECRET_MAX];
    if (n != 3 || !find_label(w[0], wl[0], &label)
        || !parse_hex(w[1], wl[1], random, sizeof random))
        return FALSE;
    gsize slen = wl[2] / 2;
    if (slen == 0 || slen > sizeof secret || !parse_hex(w[2], wl[2], secret, slen))
        return FALSE;
    /* TLS <= 1.2 master secrets have one size (RFC 5246 §8.1). */
    if (label == KEYLOG_CLIENT_RANDOM && slen != 48)
        return FALSE;
    g_hash_table_replace(t, make_key(label, random), g_bytes_new(secret, slen));
    return TRUE;
}

guint keylog_load_buffer(struct keylog *kl, const char *text, gsize len)
{
    GHashTable *fresh = table_new();
    guint bad = 0, line = 1, first_bad = 0;
    gsize i = 0;
    while (text && i < len) {
        gsize j = i;
        while (j < len && text[j] != '\n' && text[j] != '\r' && text[j] != '\0')
            j++;
        if (!parse_line(fresh, text + i, j - i)) {
            bad++;
            if (!first_bad)
                first_bad = line;
        }
        if (j < len && text[j] == '\n')
            line++;
        i = j + 1;
    }
    g_hash_table_destroy(kl->table);
    kl->table = fresh;
    kl->bad_lines = bad;
    kl->first_bad_line = first_bad;
    return g_hash_table_size(fresh);
}

gboolean keylog_load_file(struct keylog *kl, const char *path, GError **error)
{
    gchar *text = NULL;
    gsize len = 0;
    if (!g_file_get_contents(path, &text, &len, error))
        return FALSE;
    keylog_load_buffer(kl, text, len);
    g_free(text);
    return TRUE;
}

const guint8 *keylog_lookup(const struct keylog *kl, enum keylog_label label,
                            const guint8 client_random[KEYLOG_RANDOM_LEN], gsize *len)
{
    if (!kl || !client_random || (guint)label >= KEYLOG_N_LABELS)
        return NULL;
    GBytes *key = make_key(label, client_random);
    GBytes *v = g_hash_table_lookup(kl->table, key);
    g_bytes_unref(key);
    if (!v)
        return NULL;
    gsize n;
    const guint8 *p = g_bytes_get_data(v, &n);
    if (len)
        *len = n;
    return p;
}

guint keylog_count(const struct keylog *kl)
{
    return kl ? g_hash_table_size(kl->table) : 0;
}

guint keylog_bad_lines(const struct keylog *kl)
{
    return kl ? kl->bad_lines : 0;
}

guint keylog_first_bad_line(const struct keylog *kl)
{
    return kl ? kl->first_bad_line : 0;
}

gboolean keylog_knows(const struct keylog *kl, const guint8 client_random[KEYLOG_RANDOM_LEN])
{
    for (int l = 0; l < KEYLOG_N_LABELS; l++)
        if (keylog_lookup(kl, (enum keylog_label)l, client_random, NULL))
            return TRUE;
    return FALSE;
}
