/* Writes the unit tests' real messages as a seed corpus for fuzz_core,
 * each with the selector byte it needs to be parsed as itself.
 * SPDX-License-Identifier: GPL-2.0-or-later
 */
#include <stdio.h>
#include <string.h>
#include "vectors.h"

/* A whole handshake as events: each message of one capture in order, the
 * client's on side 0 and the server's on side 1, each after its kind and
 * 2-byte length. */
static void write_events(FILE *f, const char *source)
{
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
}

/* A whole handshake as an event sequence. */
static int write_sequence(const char *dir, const char *source, guint8 kx)
{
    char path[4096];
    guint8 head[2] = { 0x80, kx };
    FILE *f;
    snprintf(path, sizeof path, "%s/sequence-%s", dir, source);
    if (!(f = fopen(path, "wb")))
        return 1;
    fwrite(head, 1, 2, f);
    write_events(f, source);
    fclose(f);
    return 0;
}

/* One seed: a selector byte, then the bytes. */
static int write_seed(const char *dir, const char *name, guint8 selector, const void *data,
                      gsize len)
{
    char path[4096];
    FILE *f;
    snprintf(path, sizeof path, "%s/%s", dir, name);
    if (!(f = fopen(path, "wb")))
        return 1;
    fwrite(&selector, 1, 1, f);
    fwrite(data, 1, len, f);
    fclose(f);
    return 0;
}

/* A handshake's key log (from the public vectors), then its messages:
 * what the verdicts and key schedule are worked out from. */
static int write_checked(const char *dir, const char *source, const char *keylog_path)
{
    char path[4096], *text = NULL;
    gsize len = 0;
    guint8 head[3];
    FILE *f;
    if (!g_file_get_contents(keylog_path, &text, &len, NULL))
        return 0;  /* the vectors are optional */
    len = MIN(len, 0xffff);
    head[0] = 0xF3;
    head[1] = (guint8)(len >> 8);
    head[2] = (guint8)len;
    snprintf(path, sizeof path, "%s/checked-%s", dir, source);
    if (!(f = fopen(path, "wb"))) {
        g_free(text);
        return 1;
    }
    fwrite(head, 1, 3, f);
    fwrite(text, 1, len, f);
    write_events(f, source);
    fclose(f);
    /* The key log alone, for the key log parser. */
    write_seed(dir, source, 0xF0, text, len);
    g_free(text);
    return 0;
}

/* The certificates of the first Certificate message (TLS 1.2 form), each
 * after a 2-byte length. */
static int write_certificates(const char *dir)
{
    for (gsize i = 0; i < G_N_ELEMENTS(vectors); i++) {
        const struct vector *v = &vectors[i];
        GByteArray *out;
        gsize at = 7;  /* header, then the list's 3-byte length */
        int rc;
        if (v->type != 11 || strcmp(v->source, "illustrated-tls12") != 0)
            continue;
        out = g_byte_array_new();
        while (at + 3 <= v->len) {
            gsize n = (gsize)v->data[at] << 16 | (gsize)v->data[at + 1] << 8 | v->data[at + 2];
            guint8 len2[2] = { (guint8)(n >> 8), (guint8)n };
            if (at + 3 + n > v->len || n > 0xffff)
                break;
            g_byte_array_append(out, len2, 2);
            g_byte_array_append(out, v->data + at + 3, (guint)n);
            at += 3 + n;
        }
        rc = write_seed(dir, "certificates", 0xF1, out->data, out->len);
        g_byte_array_free(out, TRUE);
        return rc;
    }
    return 0;
}

int main(int argc, char **argv)
{
    static const char catalog[] =
        "[ClientHello]\ntext=The {sender} says hello.\ntext[zh_CN]={sender}打招呼。\n"
        "[ui]\nlabel={message} from the {sender}\n";
    if (argc != 2 && argc != 3)
        return 2;
    /* With the public vectors' folder: seeds for the checks. */
    if (argc == 3) {
        char *tls12 = g_build_filename(argv[2], "illustrated-tls12", "keylog.txt", NULL);
        char *tls13 = g_build_filename(argv[2], "illustrated-tls13", "keylog.txt", NULL);
        char *rfc = g_build_filename(argv[2], "rfc8446", "tls13-rfc8446.keys", NULL);
        int rc = write_checked(argv[1], "illustrated-tls12", tls12) ||
                 write_checked(argv[1], "illustrated-tls13", tls13) ||
                 write_checked(argv[1], "rfc8446", rfc);
        g_free(tls12);
        g_free(tls13);
        g_free(rfc);
        if (rc)
            return 1;
    }
    static const guint8 schedule[] = { 0x0d, 0x08, 'd', 'e', 'r', 'i', 'v', 'e', 'd', ' ',
                                       1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15, 16 };
    if (write_certificates(argv[1]) ||
        write_seed(argv[1], "catalog", 0xF2, catalog, sizeof catalog - 1) ||
        write_seed(argv[1], "schedule", 0xF4, schedule, sizeof schedule))
        return 1;
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
