/* The few Wireshark API differences between 4.0 and later releases live here,
 * so the rest of the glue reads the same on every supported version. Each
 * switch names the release it was checked against (4.0, 4.4 and 4.6 are
 * built and tested; 4.2 is not, and follows 4.0 wherever that is unknown).
 * SPDX-License-Identifier: GPL-2.0-or-later
 */
#ifndef TLSX_COMPAT_H
#define TLSX_COMPAT_H

#include <stdbool.h>
#include <ws_version.h>
#include <epan/packet.h>

#define TLSX_WS_AT_LEAST(maj, min) \
    (WIRESHARK_VERSION_MAJOR > (maj) || \
     (WIRESHARK_VERSION_MAJOR == (maj) && WIRESHARK_VERSION_MINOR >= (min)))

/* 4.4 asks each plugin to describe itself, in wsutil/plugins.h. */
#define TLSX_PLUGIN_DESCRIBE TLSX_WS_AT_LEAST(4, 4)
#if TLSX_PLUGIN_DESCRIBE
#include <wsutil/plugins.h>
#endif

/* 4.2 turned data_source into an opaque type with these accessors; 4.0
 * already has them, so only the names are kept here in one place. */
#define TLSX_DS_TVB(src) get_data_source_tvb(src)

/* 4.6 renamed a data source's name "description" (same text: the name and
 * its size, allocated for wmem_free(NULL, ...)), and finds a source by name
 * instead of its tvb. */
#if TLSX_WS_AT_LEAST(4, 6)
#define TLSX_DS_NAME(src) get_data_source_description(src)
#define TLSX_DS_NAMED(pinfo, name) (get_data_source_by_name((pinfo), (name)) != NULL)
#else
#define TLSX_DS_NAME(src) get_data_source_name(src)
#define TLSX_DS_NAMED(pinfo, name) (get_data_source_tvb_by_name((pinfo), (name)) != NULL)
#endif

/* What has no public way, in one place each:
 * - Whether Wireshark decrypted a frame's TLS or DTLS, and which data source
 *   holds a DTLS message it reassembled: packet-tls.c and packet-dtls.c say
 *   so only by the names they give their data sources (the names the GUI's
 *   byte tabs show), the same in 4.0 to 4.6.
 * - Whether we run in tshark (brief detail by default) or a program that
 *   shows one packet at a time: tshark names itself with g_set_prgname(),
 *   in 4.0 through ws_log_init() and by itself since 4.6. */
#define TLSX_DS_DECRYPTED_TLS "Decrypted TLS"
#define TLSX_DS_DECRYPTED_DTLS "Decrypted DTLS"
#define TLSX_DS_REASSEMBLED_DTLS_PREFIX "Reassembled DTLS "
#define TLSX_IN_TSHARK() (g_strcmp0(g_get_prgname(), "tshark") == 0)

/* 4.2 made field_info.value a pointer. */
#if TLSX_WS_AT_LEAST(4, 2)
#define TLSX_FI_UINT(fi) fvalue_get_uinteger((fi)->value)
#else
#define TLSX_FI_UINT(fi) fvalue_get_uinteger(&(fi)->value)
#endif

/* 4.4 deprecates the GLib-typed tvb getters for the C99-typed ones. */
#if TLSX_WS_AT_LEAST(4, 4)
#define TLSX_TVB_U8(tvb, offset) tvb_get_uint8((tvb), (offset))
#else
#define TLSX_TVB_U8(tvb, offset) tvb_get_guint8((tvb), (offset))
#endif

/* 4.6 adds an expert note to a tree nobody looks at only if the item it
 * sits on is real there: TCP's FIN and RST notes need the TCP item primed
 * too. Earlier releases keep them without it (and priming costs a little). */
#define TLSX_PRIME_TCP_ITEM TLSX_WS_AT_LEAST(4, 6)

/* 4.6 gives proto_item_fill_label() a third argument (where the value
 * starts in the label). */
#if TLSX_WS_AT_LEAST(4, 6)
#define TLSX_FILL_LABEL(fi, buf) proto_item_fill_label((fi), (buf), NULL)
#else
#define TLSX_FILL_LABEL(fi, buf) proto_item_fill_label((fi), (buf))
#endif

/* A boolean preference's variable: bool from 4.4 on, gboolean before. */
#if TLSX_WS_AT_LEAST(4, 4)
typedef bool tlsx_pref_bool;
#else
typedef gboolean tlsx_pref_bool;
#endif

/* The Flow Graph's sequence analysis. libwireshark exports its functions,
 * but no release installs epan/sequence_analysis.h (checked: 4.0.17,
 * 4.4.19, 4.6.9), so what the plugin uses is declared here as each
 * release's source has it: gboolean members in 4.0, bool later; 4.4 added
 * occurrence[] after nodes[], 4.6 a free callback after info_ptr. The sizes
 * are those sequence_analysis_info_new() and
 * sequence_analysis_create_sai_with_addresses() allocate in each release's
 * libwireshark (1000/144, 1040/136, 1040/144 bytes). */
#include <epan/tap.h>
#if TLSX_WS_AT_LEAST(4, 4)
typedef bool tlsx_sa_bool;
#else
typedef gboolean tlsx_sa_bool;
#endif
#define MAX_NUM_NODES 40
typedef enum _ga_info_type { GA_INFO_TYPE_NONE = 0, GA_INFO_TYPE_RTP } ga_info_type;
typedef struct _seq_analysis_item {
    guint32 frame_number;
    address src_addr;
    guint16 port_src;
    address dst_addr;
    guint16 port_dst;
    gchar *frame_label;
    gchar *time_str;
    gchar *comment;
    guint16 conv_num;
    unsigned fg_color;
    unsigned bg_color;
    tlsx_sa_bool has_color_filter;
    tlsx_sa_bool display;
    guint src_node;
    guint dst_node;
    guint16 line_style;
    ga_info_type info_type;
    gpointer info_ptr;
#if TLSX_WS_AT_LEAST(4, 6)
    void (*free_info_ptr)(void *info_ptr);
#endif
} seq_analysis_item_t;
typedef struct _seq_analysis_info {
    const char *name;
    tlsx_sa_bool any_addr;
    int nconv;
    GQueue *items;
    GHashTable *ht;
    address nodes[MAX_NUM_NODES];
#if TLSX_WS_AT_LEAST(4, 4)
    guint8 occurrence[MAX_NUM_NODES];
#endif
    guint32 num_nodes;
} seq_analysis_info_t;
WS_DLL_PUBLIC void register_seq_analysis(const char *name, const char *ui_name, const int proto_id,
                                         const char *tap_listener, guint tap_flags,
                                         tap_packet_cb tap_func);
WS_DLL_PUBLIC seq_analysis_item_t *sequence_analysis_create_sai_with_addresses(
    packet_info *pinfo, seq_analysis_info_t *sainfo);
WS_DLL_PUBLIC void sequence_analysis_use_color_filter(packet_info *pinfo, seq_analysis_item_t *sai);
G_STATIC_ASSERT(G_STRUCT_OFFSET(seq_analysis_info_t, items) == 16);
#if TLSX_WS_AT_LEAST(4, 6)
G_STATIC_ASSERT(sizeof(seq_analysis_item_t) == 144);
G_STATIC_ASSERT(sizeof(seq_analysis_info_t) == 1040);
#elif TLSX_WS_AT_LEAST(4, 4)
G_STATIC_ASSERT(sizeof(seq_analysis_item_t) == 136);
G_STATIC_ASSERT(sizeof(seq_analysis_info_t) == 1040);
#else
G_STATIC_ASSERT(sizeof(seq_analysis_item_t) == 144);
G_STATIC_ASSERT(sizeof(seq_analysis_info_t) == 1000);
#endif

/* A -z statistic's init callback says whether it started (bool) from 4.6
 * on; 4.0 and 4.4 return nothing (their stat_tap_ui.h). */
#if TLSX_WS_AT_LEAST(4, 6)
#define TLSX_STAT_INIT_RESULT bool
#define TLSX_STAT_INIT_RETURN(ok) return (ok)
#else
#define TLSX_STAT_INIT_RESULT void
#define TLSX_STAT_INIT_RETURN(ok) do { (void)(ok); return; } while (0)
#endif

/* The table statistics (stat_tap_table_ui, register_stat_tap_table_ui) are
 * the same in 4.0, 4.4 and 4.6 (their stat_tap_ui.h): only guint became
 * unsigned, the same type, so the callbacks need no switch. */

#endif
