/* Writes the unit tests' real messages as a seed corpus for fuzz_core,
 * each with the selector byte it needs to be parsed as itself.
 * SPDX-License-Identifier: GPL-2.0-or-later
 */
#include <stdio.h>
#include <string.h>
#include "vectors.h"

/* A whole handshake as an event sequence: each message of one capture in
 * order, the client's on side 0 and the server's on side 1. */
static int write_sequence(const char *dir, const char *source, guint8 kx)
{
    char path[4096];
    guint8 head[2] = { 0x80, kx };
    FILE *f;
    snprintf(path, sizeof path, "%s/sequence-%s", dir, source);
    if (!(f = fopen(path, "wb")))
        return 1;
    fwrite(head, 1, 2, f);
    for (gsize i = 0; i < G_N_ELEMENTS(vectors); i++) {
        const struct vector *v = &vectors[i];
        gboolean server = v->type == 2 || v->type == 4 || v->type == 8 || v->type == 11 ||
                          v->type == 12 || v->type == 14 || v->type == 15;
        guint8 ev[3] = { (guint8)(server ? 0x08 : 0x00), (guint8)(v->len >> 8), (guint8)v->len };
        if (strcmp(v->source, source) != 0)
            continue;
        fwrite(ev, 1, 3, f);
        fwrite(v->data, 1, v->len, f);
    }
    fclose(f);
    return 0;
}

int main(int argc, char **argv)
{
    if (argc != 2)
        return 2;
    if (write_sequence(argv[1], "illustrated-tls12", KX_ECDHE) ||
        write_sequence(argv[1], "illustrated-tls13", KX_TLS13) ||
        write_sequence(argv[1], "rfc8446", KX_TLS13))
        return 1;
    for (gsize i = 0; i < G_N_ELEMENTS(vectors); i++) {
        char path[4096];
        struct hs_context ctx = vector_context(&vectors[i]);
        guint8 selector[2] = { ctx.version == 0x0304 ? 0x40 : 0x00, ctx.kx };
        snprintf(path, sizeof path, "%s/seed-%02zu", argv[1], i);
        FILE *f = fopen(path, "wb");
        if (!f)
            return 1;
        fwrite(selector, 1, 2, f);
        fwrite(vectors[i].data, 1, vectors[i].len, f);
        fclose(f);
    }
    return 0;
}
