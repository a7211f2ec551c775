/* SPDX-License-Identifier: GPL-2.0-or-later */
#include "capture.h"

#include <string.h>
#include <wiretap/wtap.h>
#include <wiretap/secrets-types.h>
#include <ws_version.h>
#include <wsutil/wslog.h>

/* The generator's one place for libwiretap's API changes: 4.6 gave
 * ws_log_init() no program name, and made a record carry its own data
 * (wtap_rec_init() sizes it, wtap_dump() no longer takes the bytes). */
#define GEN_WS_4_6 (WIRESHARK_VERSION_MAJOR > 4 || \
                    (WIRESHARK_VERSION_MAJOR == 4 && WIRESHARK_VERSION_MINOR >= 6))

struct packet {
    int64_t ts_ns;
    guint order; /* insertion order, the tie-break that keeps sorting stable */
    guint len;
    guint8 data[];
};

struct packet_list {
    GPtrArray *packets;
    guint next_order;
};

struct capture_writer {
    wtap_dumper *dumper;
    GArray *shb_hdrs;
    char *path;
};

#define CAPTURE_ERROR g_quark_from_static_string("capture-error")
#define USERAPPL "tlsexplain-pcapgen (Wireshark tlsexplain teaching captures)"

struct packet_list *packet_list_new(void)
{
    struct packet_list *list = g_new0(struct packet_list, 1);

    list->packets = g_ptr_array_new_with_free_func(g_free);
    return list;
}

void packet_list_free(struct packet_list *list)
{
    if (!list)
        return;
    g_ptr_array_free(list->packets, TRUE);
    g_free(list);
}

void packet_list_add(struct packet_list *list, int64_t ts_ns,
                     const uint8_t *frame, size_t len)
{
    struct packet *p = g_malloc(sizeof *p + len);

    p->ts_ns = ts_ns;
    p->order = list->next_order++;
    p->len = (guint)len;
    memcpy(p->data, frame, len);
    g_ptr_array_add(list->packets, p);
}

static gint compare_packets(gconstpointer a, gconstpointer b)
{
    const struct packet *pa = *(const struct packet *const *)a;
    const struct packet *pb = *(const struct packet *const *)b;

    if (pa->ts_ns != pb->ts_ns)
        return pa->ts_ns < pb->ts_ns ? -1 : 1;
    return pa->order < pb->order ? -1 : (pa->order > pb->order);
}

void packet_list_sort(struct packet_list *list)
{
    g_ptr_array_sort(list->packets, compare_packets);
}

void packet_list_clear(struct packet_list *list)
{
    g_ptr_array_set_size(list->packets, 0);
}

guint packet_list_count(const struct packet_list *list)
{
    return list->packets->len;
}

void capture_library_init(void)
{
    /* Without this, libwiretap logs every block it writes to stderr. */
#if GEN_WS_4_6
    ws_log_init(NULL);
#else
    ws_log_init("tlsexplain-pcapgen", NULL);
#endif
    wtap_init(FALSE);
}

void capture_library_cleanup(void)
{
    wtap_cleanup();
}

static GArray *make_shb_hdrs(void)
{
    GArray *hdrs = g_array_new(FALSE, FALSE, sizeof(wtap_block_t));
    wtap_block_t shb = wtap_block_create(WTAP_BLOCK_SECTION);
    wtapng_section_mandatory_t *mand = wtap_block_get_mandatory_data(shb);

    /* -1: "length unknown", what every streaming writer uses. */
    mand->section_length = -1;
    wtap_block_add_string_option(shb, OPT_SHB_USERAPPL, USERAPPL,
                                 strlen(USERAPPL));
    g_array_append_val(hdrs, shb);
    return hdrs;
}

static GArray *make_dsbs(const GString *keylog)
{
    GArray *dsbs;
    wtap_block_t block;
    wtapng_dsb_mandatory_t *dsb;

    if (!keylog || keylog->len == 0)
        return NULL;
    block = wtap_block_create(WTAP_BLOCK_DECRYPTION_SECRETS);
    dsb = wtap_block_get_mandatory_data(block);
    dsb->secrets_type = SECRETS_TYPE_TLS;
    dsb->secrets_len = (guint32)keylog->len;
    /* The block owns and frees secrets_data when it is unreferenced. */
    dsb->secrets_data = g_memdup2(keylog->str, keylog->len);
    dsbs = g_array_new(FALSE, FALSE, sizeof(wtap_block_t));
    g_array_append_val(dsbs, block);
    return dsbs;
}

static void set_wtap_error(GError **error, const char *path, int err,
                           gchar *err_info)
{
    g_set_error(error, CAPTURE_ERROR, err, "%s: %s%s%s", path,
                wtap_strerror(err), err_info ? ": " : "",
                err_info ? err_info : "");
    g_free(err_info);
}

struct capture_writer *capture_writer_open(const char *path,
                                           const GString *keylog,
                                           GError **error)
{
    wtap_dump_params params = WTAP_DUMP_PARAMS_INIT;
    struct capture_writer *w = g_new0(struct capture_writer, 1);
    int err = 0;
    gchar *err_info = NULL;

    w->shb_hdrs = make_shb_hdrs();
    w->path = g_strdup(path);
    params.encap = WTAP_ENCAP_ETHERNET;
    params.snaplen = 262144;
    params.tsprec = WTAP_TSPREC_USEC;
    params.shb_hdrs = w->shb_hdrs;
    params.dsbs_initial = make_dsbs(keylog);
    w->dumper = wtap_dump_open(path, wtap_pcapng_file_type_subtype(),
                               WTAP_UNCOMPRESSED, &params, &err, &err_info);
    if (!w->dumper) {
        set_wtap_error(error, path, err, err_info);
        if (params.dsbs_initial)
            wtap_block_array_free(params.dsbs_initial);
        wtap_block_array_free(w->shb_hdrs);
        g_free(w->path);
        g_free(w);
        return NULL;
    }
    return w;
}

static gboolean write_packet(struct capture_writer *w, const struct packet *p,
                             wtap_rec *rec, GError **error)
{
    int err = 0;
    gchar *err_info = NULL;

    rec->rec_type = REC_TYPE_PACKET;
    rec->presence_flags = WTAP_HAS_TS | WTAP_HAS_CAP_LEN;
    rec->ts.secs = (time_t)(p->ts_ns / 1000000000);
    rec->ts.nsecs = (int)(p->ts_ns % 1000000000);
    rec->tsprec = WTAP_TSPREC_USEC;
    rec->rec_header.packet_header.caplen = p->len;
    rec->rec_header.packet_header.len = p->len;
    rec->rec_header.packet_header.pkt_encap = WTAP_ENCAP_ETHERNET;
    rec->rec_header.packet_header.interface_id = 0;
#if GEN_WS_4_6
    ws_buffer_clean(&rec->data);
    ws_buffer_append(&rec->data, p->data, p->len);
    if (wtap_dump(w->dumper, rec, &err, &err_info))
        return TRUE;
#else
    if (wtap_dump(w->dumper, rec, p->data, &err, &err_info))
        return TRUE;
#endif
    set_wtap_error(error, w->path, err, err_info);
    return FALSE;
}

gboolean capture_writer_write(struct capture_writer *w,
                              const struct packet_list *list, GError **error)
{
    wtap_rec rec;
    gboolean ok = TRUE;

#if GEN_WS_4_6
    wtap_rec_init(&rec, 1514);
#else
    wtap_rec_init(&rec);
#endif
    for (guint i = 0; ok && i < list->packets->len; i++)
        ok = write_packet(w, g_ptr_array_index(list->packets, i), &rec, error);
    wtap_rec_cleanup(&rec);
    return ok;
}

gboolean capture_writer_close(struct capture_writer *w, GError **error)
{
    int err = 0;
    gchar *err_info = NULL;
    gboolean ok = wtap_dump_close(w->dumper, NULL, &err, &err_info);

    if (!ok)
        set_wtap_error(error, w->path, err, err_info);
    /* SHBs are ours to free after close (wtap.h, wtap_dump_params). */
    wtap_block_array_free(w->shb_hdrs);
    g_free(w->path);
    g_free(w);
    return ok;
}

gboolean capture_write_file(const char *path, const struct packet_list *list,
                            const GString *keylog, GError **error)
{
    struct capture_writer *w = capture_writer_open(path, keylog, error);

    if (!w)
        return FALSE;
    if (!capture_writer_write(w, list, error)) {
        capture_writer_close(w, NULL);
        return FALSE;
    }
    return capture_writer_close(w, error);
}
