/* Lookups in the IANA TLS parameter tables of registry_data.c.
 * SPDX-License-Identifier: GPL-2.0-or-later
 */
#include <string.h>
#include "registry.h"
#include "testing.h"

/* Defined in the generated registry_data.c. */
extern const struct reg_suite tlsx_reg_suites[];
extern const gsize tlsx_reg_n_suites;
extern const struct reg_extension tlsx_reg_extensions[];
extern const gsize tlsx_reg_n_extensions;
extern const struct reg_group tlsx_reg_groups[];
extern const gsize tlsx_reg_n_groups;
extern const struct reg_sigscheme tlsx_reg_sigschemes[];
extern const gsize tlsx_reg_n_sigschemes;
extern const struct reg_alpn tlsx_reg_alpn[];
extern const gsize tlsx_reg_n_alpn;
extern const struct reg_name_table tlsx_reg_name_tables[REG_N_TABLES];

static const char grease_name[] = "GREASE";

gboolean reg_is_grease16(guint16 value)
{
    /* Both bytes equal and of the form 0x?A. */
    return (value & 0x0f0f) == 0x0a0a && (value >> 8) == (value & 0xff);
}

gboolean reg_is_grease8(guint8 value)
{
    /* 0x0B + k * 0x1F for k = 0..7; the next step would pass 0xFF. */
    return value >= 0x0b && (value - 0x0b) % 0x1f == 0;
}

/* Every table row starts with its guint16 key, so one binary search serves
 * all of them; the tests check that each table is strictly ascending. */
static const void *find16(const void *base, gsize n, gsize size, guint16 key)
{
    gsize lo = 0, hi = n;
    while (lo < hi) {
        gsize mid = lo + (hi - lo) / 2;
        const guint8 *row = (const guint8 *)base + mid * size;
        guint16 v;
        memcpy(&v, row, sizeof v);
        if (v == key)
            return row;
        if (v < key)
            lo = mid + 1;
        else
            hi = mid;
    }
    return NULL;
}

/* ---- Cipher suites ---- */

static const struct reg_suite grease_suite = {
    0, grease_name, REG_SUITE_GREASE, 0, REG_REC_NO,
    "none", "none", "none", "none", "none", "none", "none", "RFC8701",
};

const struct reg_suite *reg_suite(guint16 id)
{
    if (reg_is_grease16(id))
        return &grease_suite;
    return find16(tlsx_reg_suites, tlsx_reg_n_suites, sizeof *tlsx_reg_suites, id);
}

const char *reg_suite_kx(const struct reg_suite *s)
{
    return s ? s->kx : NULL;
}

const char *reg_suite_auth(const struct reg_suite *s)
{
    return s ? s->auth : NULL;
}

const char *reg_suite_enc(const struct reg_suite *s)
{
    return s ? s->enc : NULL;
}

/* The registry names a MAC by its hash ("SHA" is SHA-1); a class is
 * taught the HMAC it is (RFC 2104). */
const char *reg_suite_mac(const struct reg_suite *s)
{
    static const char *const names[][2] = {
        { "SHA", "HMAC-SHA1" }, { "SHA256", "HMAC-SHA256" }, { "SHA384", "HMAC-SHA384" },
        { "MD5", "HMAC-MD5" }, { "SM3", "HMAC-SM3" },
    };
    for (gsize i = 0; s && i < G_N_ELEMENTS(names); i++)
        if (strcmp(s->mac, names[i][0]) == 0)
            return names[i][1];
    return s ? s->mac : NULL;
}

/* ---- Extensions, groups, signature schemes ---- */

static const struct reg_extension grease_extension = { 0, grease_name, "RFC8701" };

const struct reg_extension *reg_extension(guint16 id)
{
    if (reg_is_grease16(id))
        return &grease_extension;
    return find16(tlsx_reg_extensions, tlsx_reg_n_extensions,
                  sizeof *tlsx_reg_extensions, id);
}

static const struct reg_group grease_group = {
    0, REG_GROUP_GREASE, REG_REC_NO, 0, 0, 0, grease_name, "RFC8701",
};

const struct reg_group *reg_group(guint16 id)
{
    if (reg_is_grease16(id))
        return &grease_group;
    return find16(tlsx_reg_groups, tlsx_reg_n_groups, sizeof *tlsx_reg_groups, id);
}

const char *reg_group_kind_name(guint8 kind)
{
    static const char *const names[] = {
        [REG_GROUP_EC] = "EC",
        [REG_GROUP_FFDHE] = "FFDHE",
        [REG_GROUP_PQ] = "post-quantum (ML-KEM)",
        [REG_GROUP_HYBRID] = "hybrid PQ",
        [REG_GROUP_GREASE] = "GREASE",
    };
    return kind < G_N_ELEMENTS(names) ? names[kind] : NULL;
}

static const struct reg_sigscheme grease_sigscheme = {
    0, REG_SIG_GREASE, REG_REC_NO, grease_name, "none", "none", "RFC8701",
};

const struct reg_sigscheme *reg_sigscheme(guint16 id)
{
    if (reg_is_grease16(id))
        return &grease_sigscheme;
    return find16(tlsx_reg_sigschemes, tlsx_reg_n_sigschemes,
                  sizeof *tlsx_reg_sigschemes, id);
}

/* ---- ALPN ---- */

/* Byte-wise order, a prefix before its extensions: what the generator sorts by. */
static int alpn_cmp(const guint8 *a, gsize alen, const struct reg_alpn *b)
{
    int c = memcmp(a, b->id, MIN(alen, b->len));
    if (c)
        return c;
    return alen < b->len ? -1 : alen > b->len ? 1 : 0;
}

static const struct reg_alpn grease_alpn = { "", 2, grease_name, "RFC8701" };

const struct reg_alpn *reg_alpn(const guint8 *data, gsize len)
{
    if (!data || len == 0)
        return NULL;
    if (len == 2 && reg_is_grease16((guint16)(data[0] << 8 | data[1])))
        return &grease_alpn;
    gsize lo = 0, hi = tlsx_reg_n_alpn;
    while (lo < hi) {
        gsize mid = lo + (hi - lo) / 2;
        int c = alpn_cmp(data, len, &tlsx_reg_alpn[mid]);
        if (c == 0)
            return &tlsx_reg_alpn[mid];
        if (c > 0)
            lo = mid + 1;
        else
            hi = mid;
    }
    return NULL;
}

/* ---- Small registries ---- */

const char *reg_name(enum reg_table table, guint16 value)
{
    if ((unsigned)table >= REG_N_TABLES)
        return NULL;
    /* Only versions and PSK modes are GREASEd among these (RFC 8701 §2). */
    if ((table == REG_VERSION && reg_is_grease16(value)) ||
        (table == REG_PSK_KE_MODE && value <= 0xff && reg_is_grease8((guint8)value)))
        return grease_name;
    const struct reg_name_table *t = &tlsx_reg_name_tables[table];
    const struct reg_name *row = find16(t->rows, t->n, sizeof *t->rows, value);
    return row ? row->name : NULL;
}

const char *reg_alert_name(guint8 description)
{
    return reg_name(REG_ALERT, description);
}

const char *reg_alert_level_name(guint8 level)
{
    return level == 1 ? "warning" : level == 2 ? "fatal" : NULL;
}

const char *reg_version_name(guint16 version)
{
    static char drafts[256][24];
    if ((version >> 8) == 0x7f) {
        char *name = drafts[version & 0xff];
        if (!name[0])
            g_snprintf(name, sizeof drafts[0], "TLS 1.3 draft %u", version & 0xff);
        return name;
    }
    /* OpenSSL's DTLS before 0.9.8f, before DTLS 1.0 got its number (RFC 4347). */
    if (version == 0x0100)
        return "DTLS 1.0 (OpenSSL before 0.9.8f)";
    return reg_name(REG_VERSION, version);
}

const char *reg_psk_ke_mode_name(guint8 mode)
{
    return reg_name(REG_PSK_KE_MODE, mode);
}

const char *reg_content_type_name(guint8 type)
{
    return reg_name(REG_CONTENT_TYPE, type);
}

/* ---- Whole tables ---- */

#ifdef TLSX_TESTING
const struct reg_suite *reg_suite_table(gsize *n)
{
    *n = tlsx_reg_n_suites;
    return tlsx_reg_suites;
}

const struct reg_extension *reg_extension_table(gsize *n)
{
    *n = tlsx_reg_n_extensions;
    return tlsx_reg_extensions;
}

const struct reg_group *reg_group_table(gsize *n)
{
    *n = tlsx_reg_n_groups;
    return tlsx_reg_groups;
}

const struct reg_sigscheme *reg_sigscheme_table(gsize *n)
{
    *n = tlsx_reg_n_sigschemes;
    return tlsx_reg_sigschemes;
}

const struct reg_alpn *reg_alpn_table(gsize *n)
{
    *n = tlsx_reg_n_alpn;
    return tlsx_reg_alpn;
}

const struct reg_name *reg_name_table(enum reg_table table, gsize *n)
{
    if ((unsigned)table >= REG_N_TABLES) {
        *n = 0;
        return NULL;
    }
    *n = tlsx_reg_name_tables[table].n;
    return tlsx_reg_name_tables[table].rows;
}
#endif
