/* The analyzer's memory for what items point to, and its interned strings:
 * used by the session, the story and the checks alike, so it sits below
 * all three.
 * SPDX-License-Identifier: GPL-2.0-or-later
 */
#include <string.h>
#include "session_priv.h"

#define ARENA_BLOCK (64 * 1024)

/* Handshakes repeat the few flows, histories and names of their clients:
 * comparing with the last few is cheaper than hashing a long history. */
const char *analyzer_intern(struct analyzer *a, const char *s)
{
    const char *found = NULL;
    guint i;
    for (i = 0; i < G_N_ELEMENTS(a->recent) && a->recent[i]; i++)
        if (strcmp(a->recent[i], s) == 0) {
            found = a->recent[i];
            break;
        }
    if (!found) {
        found = g_string_chunk_insert_const(a->strings, s);
        i = G_N_ELEMENTS(a->recent) - 1;
    }
    memmove(&a->recent[1], &a->recent[0], i * sizeof a->recent[0]);
    a->recent[0] = found;
    return found;
}

gpointer analyzer_alloc(struct analyzer *a, gsize size)
{
    guint8 *block;
    size = (size + 7) & ~(gsize)7;
    if (size > ARENA_BLOCK / 4) {
        /* Rare and large: a block of its own. */
        block = g_malloc0(size);
        g_ptr_array_add(a->large, block);
        return block;
    }
    if (a->blocks->len == 0 || a->block_used + size > ARENA_BLOCK) {
        g_ptr_array_add(a->blocks, g_malloc0(ARENA_BLOCK));
        a->block_used = 0;
    }
    block = g_ptr_array_index(a->blocks, a->blocks->len - 1);
    a->block_used += size;
    return block + a->block_used - size;
}

struct item_extra *item_extra_of(struct analyzer *a, struct item *out)
{
    if (!out->extra)
        out->extra = analyzer_alloc(a, sizeof(struct item_extra));
    return (struct item_extra *)out->extra;
}
