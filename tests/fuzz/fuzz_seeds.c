/* Writes the unit tests' real messages as a seed corpus for fuzz_core,
 * each with the selector byte it needs to be parsed as itself.
 * SPDX-License-Identifier: GPL-2.0-or-later
 */
#include <stdio.h>
#include <string.h>
#include "vectors.h"

int main(int argc, char **argv)
{
    if (argc != 2)
        return 2;
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
