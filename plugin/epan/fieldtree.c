/* Draws every field of a handshake message over its own bytes, with its
 * value and what it means. The fields come from parsing the message bytes
 * again with the stored context, so nothing per field is kept in memory.
 * SPDX-License-Identifier: GPL-2.0-or-later
 */
#include <epan/packet.h>
#include "facts.h"
#include "fieldtext.h"
#include "fields.h"
#include "handshake.h"
#include "text.h"

#define MAX_DEPTH 16

static void draw_field(proto_tree **stack, packet_info *pinfo, tvbuff_t *tvb,
                       const struct placed_item *p, const struct field *f, const guint8 *data)
{
    guint depth = MIN(f->depth, MAX_DEPTH - 2);
    char *raw = field_value_text(f, data);
    char *value = wmem_strdup(pinfo->pool, raw);
    char *label = f->kind == FK_LENGTH
                  ? wmem_strdup_printf(pinfo->pool, "%s length: %s", f->name, value)
                  : *value ? wmem_strdup_printf(pinfo->pool, "%s: %s", f->name, value)
                           : wmem_strdup(pinfo->pool, f->name);
    guint off = p->offset + f->offset;
    proto_item *ti;
    proto_tree *sub;
    char *text;

    g_free(raw);
    ti = proto_tree_add_string(stack[depth], hf_tlsx_field, tvb, off, f->length, label);
    proto_item_set_text(ti, "%s", label);
    sub = proto_item_add_subtree(ti, ett_tlsx_field);
    text = tlsx_text(pinfo->pool, &p->item, f, value, f->section, f->variant);
    if (*text)  /* some fields' labels say it all */
        tlsx_add_text(sub, pinfo, tvb, off, f->length, text);
    stack[depth + 1] = sub;
}

void tlsx_draw_fields(proto_tree *t, packet_info *pinfo, tvbuff_t *tvb,
                      const struct placed_item *p)
{
    const struct item *it = &p->item;
    const guint8 *data = tvb_get_ptr(tvb, p->offset, p->length);
    struct hs_context ctx = { (enum tlsx_proto)it->proto, it->version, it->suite, it->kx,
                              it->sender };
    GArray *fields = g_array_new(FALSE, FALSE, sizeof(struct field));
    struct hs_message m;
    struct hs_error err;
    proto_tree *stack[MAX_DEPTH];

    hs_parse(data, p->length, &ctx, &m, &err, fields);
    stack[0] = proto_tree_add_subtree(t, tvb, p->offset, p->length, ett_tlsx_fields, NULL,
                                      tlsx_text(pinfo->pool, it, NULL, NULL, "ui", "fields"));
    for (guint i = 1; i < MAX_DEPTH; i++)
        stack[i] = stack[0];
    for (guint i = 0; i < fields->len; i++)
        draw_field(stack, pinfo, tvb, p, &g_array_index(fields, struct field, i), data);
    g_array_free(fields, TRUE);
}
