/* The few Wireshark API differences between 4.0 and later releases live here,
 * so the rest of the glue reads the same on every supported version.
 * SPDX-License-Identifier: GPL-2.0-or-later
 */
#ifndef TLSX_COMPAT_H
#define TLSX_COMPAT_H

#include <ws_version.h>

#define TLSX_WS_AT_LEAST(maj, min) \
    (WIRESHARK_VERSION_MAJOR > (maj) || \
     (WIRESHARK_VERSION_MAJOR == (maj) && WIRESHARK_VERSION_MINOR >= (min)))

/* 4.4 asks each plugin to describe itself (wsutil/plugins.h). */
#define TLSX_PLUGIN_DESCRIBE TLSX_WS_AT_LEAST(4, 4)

/* 4.2 turned data_source into an opaque type with these accessors; 4.0
 * already has them, so only the names are kept here in one place. */
#define TLSX_DS_TVB(src) get_data_source_tvb(src)

/* 4.2 made field_info.value a pointer. */
#if TLSX_WS_AT_LEAST(4, 2)
#define TLSX_FI_UINT(fi) fvalue_get_uinteger((fi)->value)
#else
#define TLSX_FI_UINT(fi) fvalue_get_uinteger(&(fi)->value)
#endif

#endif
