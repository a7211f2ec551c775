/* SPDX-License-Identifier: GPL-2.0-or-later */
#include <string.h>
#include "catalog.h"
#include "strbuf.h"
#include "testing.h"

extern const char tlsx_catalog_default[];
extern const size_t tlsx_catalog_default_len;

struct catalog {
    GKeyFile *defaults;
    GKeyFile *override;  /* NULL when no teacher's file is in use */
    /* Resolved texts by "lang|section|key": GKeyFile's own lookups try
     * several locale names and build an error for each miss, which is far
     * too slow for every field of every message. */
    GHashTable *cache;
    struct front *front;  /* FRONT_SIZE entries */
};

/* In front of the cache, by the callers' pointers: most names are string
 * literals or catalog sections, passed again and again. A hit must also
 * match the saved names, since a caller's buffer may be reused for another. */
#define FRONT_SIZE 1024
struct front {
    const char *group, *key, *lang;
    char *names;          /* "group\0key", to check a hit */
    gsize group_len;
    const char *text;
};

/* Stands in the cache for "no such key". */
static char missing[] = "";

static const char *const languages[] = { "en", "zh_CN", NULL };


const char *const *catalog_languages(void)
{
    return languages;
}

struct catalog *catalog_new_default(void)
{
    struct catalog *c = g_new0(struct catalog, 1);
    c->cache = g_hash_table_new_full(g_str_hash, g_str_equal, g_free, NULL);
    c->front = g_new0(struct front, FRONT_SIZE);
    c->defaults = g_key_file_new();
    /* The embedded catalog is checked by the test suite, so a failure here
     * is a build defect; keep going with an empty catalog rather than abort. */
    g_key_file_load_from_data(c->defaults, tlsx_catalog_default,
                              tlsx_catalog_default_len, G_KEY_FILE_KEEP_TRANSLATIONS, NULL);
    return c;
}

static void free_cached(gpointer key, gpointer value, gpointer data)
{
    (void)key;
    (void)data;
    if (value != missing)
        g_free(value);
}

static void front_clear(struct catalog *c)
{
    for (guint i = 0; i < FRONT_SIZE; i++)
        g_free(c->front[i].names);
    memset(c->front, 0, FRONT_SIZE * sizeof *c->front);
}

void catalog_free(struct catalog *c)
{
    if (!c)
        return;
    front_clear(c);
    g_free(c->front);
    g_key_file_free(c->defaults);
    if (c->override)
        g_key_file_free(c->override);
    g_hash_table_foreach(c->cache, free_cached, NULL);
    g_hash_table_destroy(c->cache);
    g_free(c);
}

/* Every placeholder the plugin fills (plugin/epan/text.c); a teacher's text
 * may use any of them, and no other. */
static const char *const known_placeholders[] = {
    "message", "sender", "peer", "handshake", "step", "version", "level", "description",
    "field", "left", "offset", "bytes", "bits", "count", "value", "kx", "auth", "enc", "mac",
    "group_kind", "group_bits", "sig_algorithm", "sig_hash", "frame", "suite", "position",
    "offered", "group", "group_position", "groups_offered", "alpn_position", "alpn_offered",
    "from", "age", "elapsed", "skew", "reason", "subject", "issuer", "serial", "until",
    "algorithm", "curve", "name", "usage", "type", "first", "last", "total", "client_version",
    "ext_offered", "ext_position", "extension", "file", "frames", "kept", "line", "placeholders",
    "version_position", "versions_offered", "hash", "share_client", "share_server", "sni",
    "messages", "explanation", "flow", "outcome", "how", NULL
};

/* Names every placeholder of text the code does not fill, and every brace
 * that is not a placeholder's ({SENDER}, {a b}, {%n}, a name of 32
 * characters or more, a { never closed); NULL if none. */
static char *unknown_placeholders(const char *text)
{
    GString *out = NULL;
    for (const char *p = text; (p = strchr(p, '{')) != NULL; p++) {
        const char *end = strchr(p, '}');
        gsize n = end ? (gsize)(end - p - 1) : strlen(p + 1);
        gboolean wellformed = end && n > 0 && n < 32 &&
                              strspn(p + 1, "abcdefghijklmnopqrstuvwxyz_0123456789") == n;
        char *name = g_strndup(p + 1, MIN(n, 40));
        if (!wellformed || !g_strv_contains(known_placeholders, name)) {
            if (!out)
                out = g_string_new(NULL);
            g_string_append_printf(out, "%s{%s%s", out->len ? ", " : "", name,
                                   !end ? " (never closed)" : n > 40 ? "...}" : "}");
        }
        g_free(name);
        if (!end)
            break;
        p = end;
    }
    return out ? g_string_free(out, FALSE) : NULL;
}

#ifdef TLSX_TESTING
/* Collects the {name} placeholders of text into set. */
static void collect_placeholders(const char *text, GHashTable *set)
{
    for (const char *p = text; (p = strchr(p, '{')) != NULL; p++) {
        const char *end = strchr(p, '}');
        if (!end)
            return;
        gsize n = (gsize)(end - p - 1);
        if (n > 0 && n < 32 && strspn(p + 1, "abcdefghijklmnopqrstuvwxyz_0123456789") == n)
            g_hash_table_add(set, g_strndup(p + 1, n));
    }
}

static GHashTable *placeholder_set(const char *text)
{
    GHashTable *set = g_hash_table_new_full(g_str_hash, g_str_equal, g_free, NULL);
    if (text)
        collect_placeholders(text, set);
    return set;
}

/* Names every placeholder in a that b lacks; NULL when a ⊆ b. */
static char *extra_placeholders(const char *a, const char *b)
{
    GHashTable *sa = placeholder_set(a), *sb = placeholder_set(b);
    GString *out = NULL;
    GHashTableIter it;
    gpointer name;
    g_hash_table_iter_init(&it, sa);
    while (g_hash_table_iter_next(&it, &name, NULL)) {
        if (g_hash_table_contains(sb, name))
            continue;
        if (!out)
            out = g_string_new(NULL);
        g_string_append_printf(out, "%s{%s}", out->len ? ", " : "", (const char *)name);
    }
    g_hash_table_destroy(sa);
    g_hash_table_destroy(sb);
    return out ? g_string_free(out, FALSE) : NULL;
}
#endif

/* Splits "text[zh_CN]" into "text" and "zh_CN". */
static char *base_key(const char *key, char **locale)
{
    const char *br = strchr(key, '[');
    *locale = NULL;
    if (!br)
        return g_strdup(key);
    const char *close = strchr(br, ']');
    if (close)
        *locale = g_strndup(br + 1, (gsize)(close - br - 1));
    return g_strndup(key, (gsize)(br - key));
}

static char *check_override_key(const struct catalog *c, GKeyFile *kf,
                                const char *group, const char *key)
{
    char *locale, *base = base_key(key, &locale), *problem = NULL;
    if (!g_key_file_has_key(c->defaults, group, base, NULL)) {
        problem = g_strdup_printf("unknown key [%s] %s", group, key);
    } else if (locale && !g_strv_contains(languages, locale)) {
        problem = g_strdup_printf("[%s] %s: unknown language %s", group, key, locale);
    } else {
        char *mine = g_key_file_get_value(kf, group, key, NULL);
        char *extra = unknown_placeholders(mine ? mine : "");
        if (extra)
            problem = g_strdup_printf("[%s] %s: unknown placeholder %s", group, key, extra);
        g_free(extra);
        g_free(mine);
    }
    g_free(base);
    g_free(locale);
    return problem;
}

static char *check_override(const struct catalog *c, GKeyFile *kf)
{
    gsize ngroups;
    char **groups = g_key_file_get_groups(kf, &ngroups);
    char *problem = NULL;
    for (gsize i = 0; i < ngroups && !problem; i++) {
        gsize nkeys;
        char **keys = g_key_file_get_keys(kf, groups[i], &nkeys, NULL);
        if (!g_key_file_has_group(c->defaults, groups[i]))
            problem = g_strdup_printf("unknown section [%s]", groups[i]);
        for (gsize k = 0; keys && k < nkeys && !problem; k++)
            problem = check_override_key(c, kf, groups[i], keys[k]);
        g_strfreev(keys);
    }
    g_strfreev(groups);
    return problem;
}

gboolean catalog_load_override_data(struct catalog *c, const char *data, gsize len,
                                    const char *name, char **problem)
{
    GError *error = NULL;
    GKeyFile *kf;
    char *bad;
    *problem = NULL;
    if (!g_utf8_validate(data, (gssize)len, NULL)) {
        *problem = g_strdup_printf("%s: not UTF-8 text", name);
        return FALSE;
    }
    kf = g_key_file_new();
    if (!g_key_file_load_from_data(kf, data, len, G_KEY_FILE_KEEP_TRANSLATIONS, &error)) {
        *problem = g_strdup_printf("%s: %s", name, error->message);
        g_error_free(error);
        g_key_file_free(kf);
        return FALSE;
    }
    if ((bad = check_override(c, kf)) != NULL) {
        *problem = g_strdup_printf("%s: %s", name, bad);
        g_free(bad);
        g_key_file_free(kf);
        return FALSE;
    }
    if (c->override)
        g_key_file_free(c->override);
    c->override = kf;
    front_clear(c);
    g_hash_table_foreach(c->cache, free_cached, NULL);
    g_hash_table_remove_all(c->cache);
    return TRUE;
}

gboolean catalog_load_override(struct catalog *c, const char *path, char **problem)
{
    char *data = NULL;
    gsize len = 0;
    GError *error = NULL;
    gboolean ok;
    if (!g_file_get_contents(path, &data, &len, &error)) {
        *problem = g_strdup(error->message);
        g_error_free(error);
        return FALSE;
    }
    ok = catalog_load_override_data(c, data, len, path, problem);
    g_free(data);
    return ok;
}

static char *lookup(GKeyFile *kf, const char *group, const char *key, const char *lang)
{
    if (!kf || !g_key_file_has_key(kf, group, key, NULL))
        return NULL;
    /* GLib falls back from key[lang] to the untranslated key by itself. */
    return g_key_file_get_locale_string(kf, group, key, lang, NULL);
}

static char *resolve(const struct catalog *c, const char *group, const char *key,
                     const char *lang)
{
    char *v = lookup(c->override, group, key, lang);
    /* A teacher may override only English: their text wins only in the
     * languages they wrote; the others keep the defaults. */
    if (v && lang && strcmp(lang, "en") != 0) {
        char *localized = g_strdup_printf("%s[%s]", key, lang);
        gboolean theirs = g_key_file_has_key(c->override, group, localized, NULL);
        g_free(localized);
        if (!theirs) {
            g_free(v);
            v = NULL;
        }
    }
    return v ? v : lookup(c->defaults, group, key, lang);
}

static struct front *front_slot(const struct catalog *c, const char *group, const char *key,
                                const char *lang)
{
    guintptr h = (guintptr)group * 31u ^ (guintptr)key * 17u ^ (guintptr)lang;
    return &c->front[(h >> 3) % FRONT_SIZE];
}

static gboolean front_hit(const struct front *f, const char *group, const char *key,
                          const char *lang)
{
    return f->names && f->group == group && f->key == key && f->lang == lang &&
           strcmp(f->names, group) == 0 && strcmp(f->names + f->group_len + 1, key) == 0;
}

static void front_fill(struct front *f, const char *group, const char *key, const char *lang,
                       const char *text)
{
    gsize glen = strlen(group), klen = strlen(key);
    g_free(f->names);
    f->names = g_malloc(glen + klen + 2);
    memcpy(f->names, group, glen + 1);
    memcpy(f->names + glen + 1, key, klen + 1);
    f->group_len = glen;
    f->group = group;
    f->key = key;
    f->lang = lang;
    f->text = text;
}

/* The cache key "lang|group|key" is built in a stack buffer: this runs for
 * every field of every message drawn. */
const char *catalog_lookup(const struct catalog *c, const char *group, const char *key,
                           const char *lang)
{
    char buf[256];
    const char *parts[3] = { lang ? lang : "", group, key };
    struct front *f = front_slot(c, group, key, lang);
    gsize n = 0;
    char *text;
    if (front_hit(f, group, key, lang))
        return f->text == missing ? NULL : f->text;
    for (guint i = 0; i < 3; i++) {
        gsize len = strlen(parts[i]);
        if (n + len + 1 >= sizeof buf)
            return NULL;  /* no key of ours is that long */
        memcpy(buf + n, parts[i], len);
        n += len;
        buf[n++] = i < 2 ? '|' : '\0';
    }
    text = g_hash_table_lookup(c->cache, buf);
    if (!text) {
        text = resolve(c, group, key, lang);
        g_hash_table_insert(c->cache, g_strdup(buf), text ? text : missing);
    }
    front_fill(f, group, key, lang, text ? text : missing);
    return text == missing ? NULL : text;
}

char *catalog_get(const struct catalog *c, const char *group, const char *key,
                  const char *lang)
{
    return g_strdup(catalog_lookup(c, group, key, lang));
}

gboolean catalog_has(const struct catalog *c, const char *group, const char *key)
{
    return g_key_file_has_key(c->defaults, group, key, NULL);
}

void catalog_fill_into(GString *out, const char *text, placeholder_fn fill, gpointer data)
{
    const char *p = text;
    while (*p) {
        const char *open = strchr(p, '{');
        const char *close = open ? strchr(open, '}') : NULL;
        if (!open || !close) {
            sb_puts(out, p);
            break;
        }
        sb_put(out, p, (gsize)(open - p));
        if (!fill(open + 1, (gsize)(close - open - 1), data, out))
            sb_put(out, open, (gsize)(close - open + 1));
        p = close + 1;
    }
}

static char *catalog_fill_with(const char *text, placeholder_fn fill, gpointer data)
{
    GString *out = g_string_sized_new(strlen(text) + 32);
    catalog_fill_into(out, text, fill, data);
    return g_string_free(out, FALSE);
}

struct table {
    const struct placeholder *ph;
    gsize n;
};

static gboolean from_table(const char *name, gsize len, gpointer data, GString *out)
{
    const struct table *t = data;
    for (gsize i = 0; i < t->n; i++) {
        if (strlen(t->ph[i].name) == len && strncmp(t->ph[i].name, name, len) == 0) {
            sb_puts(out, t->ph[i].value);
            return TRUE;
        }
    }
    return FALSE;
}

char *catalog_fill(const char *text, const struct placeholder *ph, gsize n)
{
    struct table t = { ph, n };
    return catalog_fill_with(text, from_table, &t);
}

char *catalog_text(const struct catalog *c, const char *group, const char *key,
                   const char *lang, const struct placeholder *ph, gsize n)
{
    char *raw = catalog_get(c, group, key, lang);
    char *filled;
    if (!raw)
        return g_strdup_printf("[%s] %s", group, key);
    filled = catalog_fill(raw, ph, n);
    g_free(raw);
    return filled;
}

#ifdef TLSX_TESTING
static void check_group_parity(GKeyFile *kf, const char *group, GString *out)
{
    gsize nkeys;
    char **keys = g_key_file_get_keys(kf, group, &nkeys, NULL);
    for (gsize k = 0; k < nkeys; k++) {
        /* A text GKeyFile cannot unescape (an unknown escape such as \x01;
         * newer GLibs refuse more) would be missing from the tree. */
        GError *error = NULL;
        g_free(g_key_file_get_string(kf, group, keys[k], &error));
        if (error) {
            g_string_append_printf(out, "[%s] %s cannot be read: %s\n", group, keys[k],
                                   error->message);
            g_clear_error(&error);
        }
        if (strchr(keys[k], '['))
            continue;
        char *en = g_key_file_get_value(kf, group, keys[k], NULL);
        /* A teacher may override any key with the same placeholders. */
        char *unknown = en ? unknown_placeholders(en) : NULL;
        if (unknown)
            g_string_append_printf(out, "[%s] %s: placeholder not known to the checks: %s\n",
                                   group, keys[k], unknown);
        g_free(unknown);
        for (const char *const *l = languages + 1; *l; l++) {
            char *lk = g_strdup_printf("%s[%s]", keys[k], *l);
            char *tr = g_key_file_get_value(kf, group, lk, NULL);
            char *extra1 = tr ? extra_placeholders(en, tr) : NULL;
            char *extra2 = tr ? extra_placeholders(tr, en) : NULL;
            if (!tr)
                g_string_append_printf(out, "[%s] %s has no %s text\n", group, keys[k], *l);
            else if (extra1 || extra2)
                g_string_append_printf(out, "[%s] %s: placeholders differ between en and %s: %s%s%s\n",
                                       group, keys[k], *l, extra1 ? extra1 : "",
                                       extra1 && extra2 ? " / " : "", extra2 ? extra2 : "");
            g_free(extra1);
            g_free(extra2);
            g_free(tr);
            g_free(lk);
        }
        g_free(en);
    }
    g_strfreev(keys);
}

char *catalog_check_parity(const struct catalog *c)
{
    GString *out = g_string_new(NULL);
    gsize ngroups;
    char **groups = g_key_file_get_groups(c->defaults, &ngroups);
    for (gsize i = 0; i < ngroups; i++)
        check_group_parity(c->defaults, groups[i], out);
    g_strfreev(groups);
    if (out->len == 0) {
        g_string_free(out, TRUE);
        return NULL;
    }
    return g_string_free(out, FALSE);
}
#endif
