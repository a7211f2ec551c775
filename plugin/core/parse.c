/* What the parser's files share: the end of a message, and vectors of
 * 16-bit values. Kept apart from the dispatch (handshake.c) so that the
 * message and extension parsers call down, never back up.
 * SPDX-License-Identifier: GPL-2.0-or-later
 */
#include "parse.h"
#include "registry.h"

void note_group_kind(struct parse *p, guint16 group)
{
    const struct reg_group *g = reg_group(group);
    struct field *f = w_last(&p->w);
    if (!f || !g)
        return;
    if (g->kind == REG_GROUP_HYBRID)
        f->variant = "text_hybrid";
    else if (g->kind == REG_GROUP_PQ)
        f->variant = "text_pq";
}

gboolean parse_opaque_rest(struct parse *p, struct reader *r, const char *name,
                           const char *section)
{
    if (rd_left(r) > 0)
        NEED(w_bytes(&p->w, r, rd_left(r), name, section, FK_BYTES, NULL));
    return TRUE;
}

gboolean need_end(struct parse *p, struct reader *r, const char *after)
{
    NEED_OR(rd_left(r) == 0, p, r, after, "trailing");
    return TRUE;
}

gboolean parse_u16_list(struct parse *p, struct reader *r, guint prefix, const char *name,
                        const char *section, const char *item, const char *item_section,
                        enum field_kind kind, guint min_bytes, struct span *out)
{
    struct reader v;
    guint mark = w_mark(&p->w), n = 0;
    NEED(w_vec(&p->w, r, prefix, name, section, &v));
    if (out)
        *out = rd_span(&v);
    NEED_OR(rd_left(&v) % 2 == 0 && rd_left(&v) >= min_bytes, p, &v, name,
            min_bytes ? "pairs" : "even");
    /* Without a field list (the first pass) an even length is all there is
     * to check: the entries themselves cannot fail. */
    if (!p->w.fields) {
        w_end(&p->w);
        return TRUE;
    }
    while (rd_left(&v) > 0) {
        guint16 x;
        NEED(w_u16(&p->w, &v, item, item_section, kind, &x));
        if (reg_is_grease16(x) && w_last(&p->w))
            w_last(&p->w)->variant = "text_grease";
        else if (kind == FK_GROUP)
            note_group_kind(p, x);
        else if (kind == FK_SUITE && w_last(&p->w) && reg_suite(x) &&
                 (reg_suite(x)->flags & REG_SUITE_TLS13))
            w_last(&p->w)->variant = "text_tls13";  /* kx and auth are not in the name */
        n++;
    }
    w_end(&p->w);
    if (w_at(&p->w, mark))
        w_at(&p->w, mark)->count = (guint16)MIN(n, G_MAXUINT16);
    return TRUE;
}
