/* The "tlsexplain" tap and the views drawn from it (taps.c).
 * SPDX-License-Identifier: GPL-2.0-or-later
 */
#ifndef TLSX_TAPS_H
#define TLSX_TAPS_H

#include <epan/packet.h>
#include "session.h"

struct frame_facts;

/* At registration: the tap, the Flow Graph, the statistics, the table. */
void tlsx_register_taps(void);
/* Queues a frame's stored facts for the tap's listeners, on every pass. */
void tlsx_tap_frame(packet_info *pinfo, const struct frame_facts *facts);
/* "established", "failed", ... in the user's language. */
const char *tlsx_outcome_word(wmem_allocator_t *pool, const struct item *it,
                              const struct summary *s);

#endif
