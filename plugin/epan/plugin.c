/* The symbols Wireshark looks for when it loads an epan plugin.
 * SPDX-License-Identifier: GPL-2.0-or-later
 */
#include <epan/packet.h>
#include <epan/proto.h>
#include <ws_symbol_export.h>
#include "compat.h"

void proto_register_tlsexplain(void);
void proto_reg_handoff_tlsexplain(void);

WS_DLL_PUBLIC_DEF const gchar plugin_version[] = TLSEXPLAIN_VERSION;
WS_DLL_PUBLIC_DEF const int plugin_want_major = WIRESHARK_VERSION_MAJOR;
WS_DLL_PUBLIC_DEF const int plugin_want_minor = WIRESHARK_VERSION_MINOR;

WS_DLL_PUBLIC void plugin_register(void);
#if TLSX_PLUGIN_DESCRIBE
WS_DLL_PUBLIC uint32_t plugin_describe(void);
uint32_t plugin_describe(void)
{
    return WS_PLUGIN_DESC_DISSECTOR;
}
#endif

void plugin_register(void)
{
    static proto_plugin plug;

    plug.register_protoinfo = proto_register_tlsexplain;
    plug.register_handoff = proto_reg_handoff_tlsexplain;
    proto_register_plugin(&plug);
}
