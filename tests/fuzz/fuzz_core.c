/* libFuzzer target for core: the message parsers and the session tracker.
 * The first byte picks the protocol and version; the rest is either one
 * message or, when the top bit is set, a sequence of events whose lengths
 * are given by a byte before each.
 * SPDX-License-Identifier: GPL-2.0-or-later
 */
#include <stdint.h>
#include <stddef.h>
#include <string.h>
#include "fieldtext.h"
#include "handshake.h"
#include "session.h"

/* Parses with the field list on, and formats every field as the tree would. */
static void one_message(const uint8_t *data, size_t size, const struct hs_context *ctx)
{
    struct hs_message m;
    struct hs_error e;
    GArray *fields = g_array_new(FALSE, FALSE, sizeof(struct field));
    hs_parse(data, size, ctx, &m, &e, fields);
    for (guint i = 0; i < fields->len; i++)
        g_free(field_value_text(&g_array_index(fields, struct field, i), data));
    g_array_free(fields, TRUE);
}

/* What is read of an item once every frame has been fed, as a later pass
 * draws it. */
static size_t later_facts(struct analyzer *a, const struct item *it, guint32 frame)
{
    const struct summary *s = analyzer_unfinished(a, it, frame);
    const struct links *l = item_links(it);
    size_t n = s ? strlen(s->flow) + strlen(s->history) + (s->note ? strlen(s->note) : 0) : 0;
    if (l && l->used)
        for (guint i = 0; i < MIN(l->used->count, USES_KEPT); i++)
            n += l->used->frames[i];
    return n;
}

#define KEPT_ITEMS 64

static void event_sequence(const uint8_t *data, size_t size, enum tlsx_proto proto)
{
    struct analyzer *a = analyzer_new();
    struct item it, kept[KEPT_ITEMS];
    guint32 frame = 0, frames[KEPT_ITEMS];
    guint n = 0;
    volatile size_t sink = 0;
    while (size >= 3) {
        uint8_t kind = data[0];
        size_t len = (size_t)data[1] << 8 | data[2];
        data += 3;
        size -= 3;
        if (len > size)
            len = size;
        frame++;
        struct event ev = { (enum event_kind)(kind & 7), proto, (kind >> 3) & 1,
                            (kind >> 4) & 1, data, len, frame, frame * 0.02 };
        if (analyzer_feed(a, &ev, &it) && n < KEPT_ITEMS) {
            kept[n] = it;
            frames[n++] = frame;
        }
        data += len;
        size -= len;
    }
    for (guint i = 0; i < n; i++)
        sink += later_facts(a, &kept[i], frames[i]);
    (void)sink;
    analyzer_free(a);
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    if (size < 2)
        return 0;
    /* Byte 0: protocol, version, mode; byte 1: the key exchange. */
    struct hs_context ctx = { (enum tlsx_proto)(data[0] % 3),
                              (data[0] & 0x40) ? 0x0304 : (data[0] & 0x20) ? 0x0301 : 0x0303,
                              0, (guint8)(data[1] % 15), (guint8)((data[0] >> 3) & 3) };
    if (data[0] & 0x80)
        event_sequence(data + 2, size - 2, ctx.proto);
    else
        one_message(data + 2, size - 2, &ctx);
    return 0;
}
