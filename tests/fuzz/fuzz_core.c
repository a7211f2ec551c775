/* libFuzzer target for core: the message parsers and the session tracker.
 * The first byte picks the protocol and version; the rest is either one
 * message or, when the top bit is set, a sequence of events whose lengths
 * are given by a byte before each.
 * SPDX-License-Identifier: GPL-2.0-or-later
 */
#include <stdint.h>
#include <stddef.h>
#include "handshake.h"
#include "session.h"

static void one_message(const uint8_t *data, size_t size, enum tlsx_proto proto,
                        guint16 version)
{
    struct hs_message m;
    struct hs_error e;
    hs_parse(data, size, proto, version, &m, &e);
}

static void event_sequence(const uint8_t *data, size_t size, enum tlsx_proto proto)
{
    struct analyzer *a = analyzer_new();
    struct item it;
    guint32 frame = 0;
    while (size >= 2) {
        uint8_t kind = data[0], len = data[1];
        data += 2;
        size -= 2;
        if (len > size)
            len = (uint8_t)size;
        struct event ev = { (enum event_kind)(kind % 6), proto, (kind >> 3) & 1,
                            (kind >> 4) & 1, data, len, ++frame };
        analyzer_feed(a, &ev, &it);
        data += len;
        size -= len;
    }
    analyzer_free(a);
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    if (size < 1)
        return 0;
    enum tlsx_proto proto = (enum tlsx_proto)(data[0] % 3);
    guint16 version = (data[0] & 0x40) ? 0x0304 : 0x0303;
    if (data[0] & 0x80)
        event_sequence(data + 1, size - 1, proto);
    else
        one_message(data + 1, size - 1, proto, version);
    return 0;
}
