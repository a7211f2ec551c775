/* Draws every field of a handshake message over its own bytes, with its
 * value and what it means. The fields come from parsing the message bytes
 * again with the stored context, so nothing per field is kept in memory.
 * SPDX-License-Identifier: GPL-2.0-or-later
 */
#include <epan/packet.h>
#include <epan/expert.h>
#include <string.h>
#include "facts.h"
#include "fieldtext.h"
#include "fields.h"
#include "handshake.h"
#include "registry.h"
#include "strbuf.h"
#include "text.h"

#define MAX_DEPTH 16

static gboolean answers_client(const struct item *it)
{
    return it->msg_type == HS_SERVER_HELLO || it->msg_type == HS_HELLO_RETRY_REQUEST ||
           it->msg_type == HS_ENCRYPTED_EXTENSIONS;
}

/* Under each of the server's extensions, the client's that it answers
 * (RFC 8446 §4.2: only what was asked may be answered). */
static void draw_answer(proto_tree *sub, proto_item *ti, packet_info *pinfo, tvbuff_t *tvb,
                        guint off, const struct placed_item *p, const struct field *f,
                        gboolean hidden)
{
    const struct links *l = item_links(&p->item);
    const struct reg_extension *e = reg_extension((guint16)f->value);
    guint pos;
    const char *key;
    if (!l || !l->offered_in || !l->offered_ext)
        return;
    key = links_extension_key(l, p->item.msg_type, (guint16)f->value, &pos);
    struct placeholder ph[] = {
        { "extension", e ? e->name : wmem_strdup_printf(pinfo->pool, "%u", (guint)f->value) },
        { "ext_position", wmem_strdup_printf(pinfo->pool, "%u", pos) },
        { "ext_offered", wmem_strdup_printf(pinfo->pool, "%u", (guint)l->n_offered_ext) },
        { "frame", wmem_strdup_printf(pinfo->pool, "%u", l->offered_in) },
    };
    tlsx_add_text(sub, tvb, off, f->length,
                  tlsx_text_with(pinfo->pool, &p->item, "choice.extension", key, ph,
                                 G_N_ELEMENTS(ph)));
    /* Hidden fields (brief detail): the message itself carries the warning. */
    if (links_refused(key) && !hidden)
        expert_add_info(pinfo, ti, &ei_tlsx_not_offered);
}

/* A short explanation goes on the field's own line after the gloss mark,
 * where it is read without opening the field: when the whole line fits.
 * Bytes are counted, never fewer than columns, so a line that fits by
 * bytes fits by columns too. What a registry code stands for (a cipher
 * suite's parts, a group's size) is always short, and every entry of a
 * list reads the same way, so those may take a longer line. */
#define CODE_LINE_BYTES 200
G_STATIC_ASSERT(TLSX_LINE_COLUMNS_MAX < ITEM_LABEL_LENGTH && CODE_LINE_BYTES < ITEM_LABEL_LENGTH);

static gboolean is_code(guint8 kind)
{
    switch (kind) {
    case FK_SUITE: case FK_SUITE3: case FK_GROUP: case FK_SIGALG: case FK_POINTFMT:
    case FK_PSKMODE: case FK_CERTTYPE: case FK_COMPRESSION: case FK_CERTCOMP:
    case FK_CERTFORMAT: case FK_SRTP:
        return TRUE;
    default:
        return FALSE;
    }
}

static gboolean fits_on_line(const struct field *f, gsize label_len, const char *gloss,
                             const char *text)
{
    gsize limit = is_code(f->kind) ? MAX(CODE_LINE_BYTES * tlsx_line_columns() / TLSX_LINE_COLUMNS,
                                         tlsx_line_columns())
                                   : tlsx_line_columns();
    return label_len + strlen(gloss) + strlen(text) + 2 <= limit;
}

/* buf is scratch space shared by all fields of a message: the label is
 * built there and copied only by the tree. */
/* A sentence said once per message: the entries of a list (transport
 * parameters, extensions, cipher suites) often share one, which the first
 * entry explains and the others need not repeat. Short texts, which name
 * the entry's own value, always stay. */
#define REPEATED_TEXT_MIN 60

static const char *once(GHashTable *said, const char *text)
{
    if (strlen(text) < REPEATED_TEXT_MIN)
        return text;
    return g_hash_table_add(said, (gpointer)text) ? text : "";
}

static void draw_field(proto_tree **stack, packet_info *pinfo, tvbuff_t *tvb,
                       const struct placed_item *p, const struct field *f, const guint8 *data,
                       GString *buf, const char *gloss, gboolean hidden, GHashTable *said)
{
    guint depth = MIN(f->depth, MAX_DEPTH - 2);
    guint off = p->offset + f->offset;
    gsize name_len = strlen(f->name), value_at;
    const char *value = "";
    const char *text;
    proto_item *ti;
    proto_tree *sub;

    g_string_truncate(buf, 0);
    sb_put(buf, f->name, name_len);
    sb_puts(buf, f->kind == FK_LENGTH ? " length: " : ": ");
    value_at = buf->len;
    field_value_append(buf, f, data);
    if (buf->len == value_at && f->kind != FK_LENGTH)
        g_string_truncate(buf, name_len);  /* no value: the name alone */
    if (buf->len > value_at)
        value = buf->str + value_at;  /* buf is left alone until the next field */

    text = tlsx_text(pinfo->pool, &p->item, f, value, f->section,
                     p->whole && (strcmp(f->section, "fragment_offset") == 0 ||
                                  strcmp(f->section, "fragment_length") == 0)
                     ? "text_reassembled" : f->variant);
    text = once(said, text);
    /* The tree copies the label: no copy of our own. The field's value
     * stays "name: value" for filters whatever the label holds. */
    if (*text && fits_on_line(f, buf->len, gloss, text)) {
        ti = proto_tree_add_string_format(stack[depth], hf_tlsx_field, tvb, off, f->length,
                                          buf->str, "%s %s %s", buf->str, gloss, text);
        text = "";
    } else {
        ti = proto_tree_add_string_format(stack[depth], hf_tlsx_field, tvb, off, f->length,
                                          buf->str, "%s", buf->str);
    }
    sub = proto_item_add_subtree(ti, ett_tlsx_field);
    if (*text)  /* some fields' labels say it all */
        tlsx_add_text(sub, tvb, off, f->length, text);
    if (f->kind == FK_EXTTYPE && answers_client(&p->item) && strcmp(f->name, "Extension") == 0)
        draw_answer(sub, ti, pinfo, tvb, off, p, f, hidden);
    stack[depth + 1] = sub;
}

void tlsx_draw_fields(proto_tree *t, packet_info *pinfo, tvbuff_t *tvb,
                      const struct placed_item *p, gboolean hidden)
{
    const struct item *it = &p->item;
    const guint8 *data = tvb_get_ptr(tvb, p->offset, p->length);
    struct hs_context ctx = { (enum tlsx_proto)it->proto, it->version, it->suite, it->kx,
                              it->sender };
    GArray *fields = g_array_new(FALSE, FALSE, sizeof(struct field));
    GString *buf = g_string_sized_new(128);
    struct hs_message m;
    struct hs_error err;
    proto_tree *stack[MAX_DEPTH];
    const char *gloss = tlsx_text(pinfo->pool, it, NULL, NULL, "ui", "gloss");

    hs_parse(data, p->length, &ctx, &m, &err, fields);
    proto_item *root;
    stack[0] = proto_tree_add_subtree(t, tvb, p->offset, p->length, ett_tlsx_fields, &root,
                                      tlsx_text(pinfo->pool, it, NULL, NULL, "ui", "fields"));
    /* A faked subtree hands back its parent, which must stay as it is. */
    if (hidden && root != (proto_item *)t)
        proto_item_set_hidden(root);
    for (guint i = 1; i < MAX_DEPTH; i++)
        stack[i] = stack[0];
    /* The texts live in pinfo's pool or the catalog until the frame is done. */
    GHashTable *said = g_hash_table_new(g_str_hash, g_str_equal);
    for (guint i = 0; i < fields->len; i++)
        draw_field(stack, pinfo, tvb, p, &g_array_index(fields, struct field, i), data, buf,
                   gloss, hidden, said);
    g_hash_table_destroy(said);
    g_array_free(fields, TRUE);
    g_string_free(buf, TRUE);
}
