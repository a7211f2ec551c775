/* IANA TLS parameter tables: names for the numbers on the wire.
 * SPDX-License-Identifier: GPL-2.0-or-later
 */
#ifndef TLSX_REGISTRY_H
#define TLSX_REGISTRY_H

#include <glib.h>

/* RFC 8446 §6 and RFC 5246 §7.2 AlertDescription, e.g. "handshake_failure". */
const char *reg_alert_name(guint8 description);
/* "warning" or "fatal" (RFC 5246 §7.2 AlertLevel). */
const char *reg_alert_level_name(guint8 level);
/* "TLS 1.2", "DTLS 1.2", ... or NULL. */
const char *reg_version_name(guint16 version);

#endif
