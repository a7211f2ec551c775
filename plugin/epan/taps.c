/* Views of the whole capture drawn from the stored facts: the handshake
 * ladder in Statistics > Flow Graph (tshark -z flow,tlsexplain,...), the
 * counts in Statistics > TLS Handshakes (-z tlsexplain,tree), and one line
 * per handshake (-z tlsexplain,handshakes[,csv]; in Wireshark Statistics >
 * TLS Handshake List, -z tlsexplain,handshake_list).
 * Every frame with facts is queued to the "tlsexplain" tap on every pass
 * that taps (dissect.c); what a listener makes of it depends on those facts
 * alone, so one pass and two give the same.
 * SPDX-License-Identifier: GPL-2.0-or-later
 */
#include <string.h>
#include <epan/packet.h>
#include <epan/tap.h>
#include <epan/stats_tree.h>
#include <epan/stat_tap_ui.h>
#include <epan/address.h>
#include <epan/to_str.h>
#include "compat.h"
#include "context.h"
#include "facts.h"
#include "verdicts.h"
#include "fields.h"
#include "registry.h"
#include "taps.h"
#include "text.h"

static int tlsx_tap = -1;

void tlsx_tap_frame(packet_info *pinfo, const struct frame_facts *facts)
{
    if (tlsx_tap >= 0 && facts->count && have_tap_listener(tlsx_tap))
        tap_queue_packet(tlsx_tap, pinfo, facts);
}

/* The first sentence of a message's explanation, for a line of its own. */
static const char *first_sentence(wmem_allocator_t *pool, const struct item *it)
{
    const char *variant = it->sender == SENDER_CLIENT && tlsx_text_has(it->explain, "text_client")
                          ? "text_client" : "text";
    const char *text = tlsx_text(pool, it, NULL, NULL, it->explain, variant);
    const char *end = strstr(text, ". ");
    const char *zh = strstr(text, "\xe3\x80\x82");  /* 。 */
    if (zh && (!end || zh < end))
        return wmem_strndup(pool, text, (gsize)(zh - text) + 3);
    return end ? wmem_strndup(pool, text, (gsize)(end - text) + 1) : text;
}

const char *tlsx_outcome_word(wmem_allocator_t *pool, const struct item *it,
                              const struct summary *s)
{
    static const char *const keys[] = { "outcome_none", "outcome_established", "outcome_failed",
                                        "outcome_incomplete", "outcome_unconfirmed" };
    return tlsx_text(pool, it, NULL, NULL, "views", keys[MIN(s->outcome, G_N_ELEMENTS(keys) - 1)]);
}

/* "2 ServerHello, 3 Certificate": every item of the frame, in order. */
static const char *arrow_label(packet_info *pinfo, const struct frame_facts *facts)
{
    wmem_strbuf_t *b = wmem_strbuf_new(pinfo->pool, "");
    for (guint i = 0; i < facts->count; i++) {
        const struct item *it = &facts->items[i].item;
        if (i)
            wmem_strbuf_append(b, ", ");
        if (it->step)
            wmem_strbuf_append_printf(b, "%u ", it->step);
        wmem_strbuf_append(b, it->message);
    }
    return wmem_strbuf_get_str(b);
}

/* The handshake, its flow and outcome where it ends, and what the first
 * message of the arrow is for. */
static const char *arrow_comment(packet_info *pinfo, const struct frame_facts *facts,
                                 const char *label)
{
    const struct item *first = &facts->items[0].item;
    /* A label of several messages is cut short in tshark's drawing. */
    const char *messages = facts->count > 1 ? label : first->message;
    for (guint i = 0; i < facts->count; i++) {
        const struct item *it = &facts->items[i].item;
        const struct summary *s = item_summary(it);
        if (s) {
            struct placeholder ph[] = {
                { "flow", s->flow ? s->flow : "?" },
                { "outcome", tlsx_outcome_word(pinfo->pool, it, s) },
                { "explanation", first_sentence(pinfo->pool, first) },
                { "messages", messages },
            };
            return tlsx_text_with(pinfo->pool, it, "views", "comment_end", ph, G_N_ELEMENTS(ph));
        }
    }
    {
        struct placeholder ph[] = { { "explanation", first_sentence(pinfo->pool, first) },
                                    { "messages", messages } };
        return tlsx_text_with(pinfo->pool, first, "views",
                              first->handshake ? "comment" : "comment_bare", ph,
                              G_N_ELEMENTS(ph));
    }
}

/* One arrow per frame, from the sender to the receiver (the frame's own
 * direction), whatever the packet list shows: the Flow Graph limits it to
 * the displayed packets by the filter it taps with. */
static tap_packet_status flow_packet(void *tapdata, packet_info *pinfo, epan_dissect_t *edt _U_,
                                     const void *data, tap_flags_t flags _U_)
{
    seq_analysis_info_t *sainfo = (seq_analysis_info_t *)tapdata;
    const struct frame_facts *facts = (const struct frame_facts *)data;
    seq_analysis_item_t *sai;
    const char *label;
    if (!facts || !facts->count)
        return TAP_PACKET_DONT_REDRAW;
    sai = sequence_analysis_create_sai_with_addresses(pinfo, sainfo);
    if (!sai)
        return TAP_PACKET_DONT_REDRAW;
    sai->frame_number = pinfo->num;
    sequence_analysis_use_color_filter(pinfo, sai);
    sai->port_src = (guint16)pinfo->srcport;
    sai->port_dst = (guint16)pinfo->destport;
    label = arrow_label(pinfo, facts);
    sai->frame_label = g_strdup(label);
    sai->comment = g_strdup(arrow_comment(pinfo, facts, label));
    sai->line_style = 1;
    sai->conv_num = (guint16)facts->items[0].item.handshake;
    sai->display = TRUE;
    g_queue_push_tail(sainfo->items, sai);
    return TAP_PACKET_REDRAW;
}

/* Statistics > TLS Handshakes: what the handshakes that end in the capture
 * were, counted from their summaries. A handshake the capture never ends
 * is known to be one only once every frame is read, which a tree ticked
 * frame by frame cannot wait for: it counts among those begun only. */
static GHashTable *begun;  /* handshake numbers seen by the tree being filled */

/* Texts live for the packet being tapped (its pinfo->pool), or for the
 * drawing of a table after the last packet, which has no packet. */
static wmem_allocator_t *draw_pool;

static wmem_allocator_t *text_pool(void)
{
    return draw_pool;
}

static const char *word(const char *key)
{
    return tlsx_text(text_pool(), NULL, NULL, NULL, "views", key);
}

static void tree_init(stats_tree *st _U_)
{
    if (begun)
        g_hash_table_remove_all(begun);
    else
        begun = g_hash_table_new(g_direct_hash, g_direct_equal);
}

static void tree_cleanup(stats_tree *st _U_)
{
    if (begun)
        g_hash_table_destroy(begun);
    begun = NULL;
}

static const char *resumption_word(const struct summary *s)
{
    static const char *const keys[] = { "resumption_none", "resumption_session_id",
                                        "resumption_ticket", "resumption_psk" };
    if (!s->resumption_known && s->resumption == RES_NONE)
        return word("unknown");
    return word(keys[MIN(s->resumption, G_N_ELEMENTS(keys) - 1)]);
}

static const char *group_word(const struct summary *s)
{
    const struct reg_group *g = s->group ? reg_group(s->group) : NULL;
    char bits[16];
    if (g)
        return g->name;
    if (s->dh_bits) {
        struct placeholder ph[] = { { "bits", bits } };
        g_snprintf(bits, sizeof bits, "%u", s->dh_bits);
        return tlsx_text_with(text_pool(), NULL, "views", "dh_prime", ph,
                              G_N_ELEMENTS(ph));
    }
    return word("none");
}

static void tick_under(stats_tree *st, int parent, const char *key, const char *value)
{
    int node = tick_stat_node(st, word(key), parent, TRUE);
    tick_stat_node(st, value ? value : word("none"), node, FALSE);
}

static void tree_summary(stats_tree *st, const struct item *it, const struct summary *s)
{
    const struct reg_suite *suite = s->suite ? reg_suite(s->suite) : NULL;
    const char *version = s->version ? reg_version_name(s->version) : NULL;
    int ended = tick_stat_node(st, word("tree_ended"), 0, TRUE);
    tick_under(st, ended, "tree_version", version ? version : word("unknown"));
    tick_under(st, ended, "tree_flow", s->flow);
    tick_under(st, ended, "tree_outcome", tlsx_outcome_word(text_pool(), it, s));
    tick_under(st, ended, "tree_resumption", resumption_word(s));
    tick_under(st, ended, "tree_group", group_word(s));
    tick_under(st, ended, "tree_suite", suite ? suite->name : NULL);
    tick_under(st, ended, "tree_sni", s->sni);
    tick_under(st, ended, "tree_alpn", s->alpn);
}

/* The signature scheme core reads from a CertificateVerify or ServerKeyExchange. */
static guint16 signature_scheme(packet_info *pinfo, const struct placed_item *p)
{
    const struct item *it = &p->item;
    struct data_source *src = g_slist_nth_data(pinfo->data_src, p->ds_index);
    tvbuff_t *tvb = src ? TLSX_DS_TVB(src) : NULL;
    guint header = it->proto == TLSX_DTLS ? 12 : 4;
    if (!item_checks(it) || !tvb || p->length < header ||
        tvb_captured_length(tvb) < p->offset + p->length)
        return 0;
    return verdicts_signature_scheme(it, tvb_get_ptr(tvb, p->offset + header, p->length - header),
                                     p->length - header);
}

/* Findings counted by kind, named as their fields are (tlsexplain.finding.NAME). */
static void tree_findings(stats_tree *st, const struct placed_item *p)
{
    const struct findings *fs = item_findings(&p->item);
    for (guint i = 0; fs && i < fs->n; i++) {
        int node = tick_stat_node(st, word("tree_findings"), 0, TRUE);
        tick_stat_node(st, finding_def(fs->list[i].kind)->name, node, FALSE);
    }
}

static tap_packet_status tree_packet(stats_tree *st, packet_info *pinfo, epan_dissect_t *edt _U_,
                                     const void *data, tap_flags_t flags _U_)
{
    const struct frame_facts *facts = (const struct frame_facts *)data;
    draw_pool = pinfo->pool;
    for (guint i = 0; facts && i < facts->count; i++) {
        const struct placed_item *p = &facts->items[i];
        const struct summary *s = item_summary(&p->item);
        guint16 scheme = signature_scheme(pinfo, p);
        if (p->item.handshake && begun &&
            g_hash_table_add(begun, GUINT_TO_POINTER(p->item.handshake)))
            tick_stat_node(st, word("tree_begun"), 0, TRUE);
        if (s)
            tree_summary(st, &p->item, s);
        if (scheme) {
            const struct reg_sigscheme *r = reg_sigscheme(scheme);
            int node = tick_stat_node(st, word("tree_sigscheme"), 0, TRUE);
            tick_stat_node(st, r ? r->name : word("unknown"), node, FALSE);
        }
        tree_findings(st, p);
    }
    draw_pool = NULL;
    return TAP_PACKET_REDRAW;
}

/* One line per handshake: the summary's facts, a teacher's handout. */
struct hs_row {
    char *client, *server;
    const struct summary *summary;   /* on the item that ended it */
    const struct item *last;         /* its last item so far, stored per frame */
    guint32 last_frame;
    guint shown;                     /* its row + 1 in the GUI's table, or 0 */
};

struct hs_table {
    gboolean csv;
    GArray *rows;                    /* struct hs_row, by handshake number - 1 */
};

static char *endpoint(const address *addr, guint32 port)
{
    char *a = address_to_str(NULL, addr);
    char *s = addr->type == AT_IPv6 ? g_strdup_printf("[%s]:%u", a, port)
                                    : g_strdup_printf("%s:%u", a, port);
    wmem_free(NULL, a);
    return s;
}

static void table_reset(void *tapdata)
{
    struct hs_table *t = tapdata;
    for (guint i = 0; i < t->rows->len; i++) {
        struct hs_row *r = &g_array_index(t->rows, struct hs_row, i);
        g_free(r->client);
        g_free(r->server);
    }
    g_array_set_size(t->rows, 0);
}

static tap_packet_status table_packet(void *tapdata, packet_info *pinfo, epan_dissect_t *edt _U_,
                                      const void *data, tap_flags_t flags _U_)
{
    struct hs_table *t = tapdata;
    const struct frame_facts *facts = (const struct frame_facts *)data;
    for (guint i = 0; facts && i < facts->count; i++) {
        const struct item *it = &facts->items[i].item;
        struct hs_row *r;
        if (!it->handshake)
            continue;
        if (t->rows->len < it->handshake)
            g_array_set_size(t->rows, it->handshake);
        r = &g_array_index(t->rows, struct hs_row, it->handshake - 1);
        if (!r->client && it->sender != SENDER_UNKNOWN) {
            gboolean client = it->sender == SENDER_CLIENT;
            r->client = endpoint(client ? &pinfo->src : &pinfo->dst,
                                 client ? pinfo->srcport : pinfo->destport);
            r->server = endpoint(client ? &pinfo->dst : &pinfo->src,
                                 client ? pinfo->destport : pinfo->srcport);
        }
        if (item_summary(it))
            r->summary = item_summary(it);
        r->last = it;
        r->last_frame = pinfo->num;
    }
    return TAP_PACKET_REDRAW;
}

enum { COL_NUM, COL_CLIENT, COL_SERVER, COL_SNI, COL_VERSION, COL_SUITE, COL_GROUP, COL_FLOW,
       COL_RESUMED, COL_OUTCOME, COL_DURATION, COL_FINDINGS, N_COLS };
static const char *const col_keys[N_COLS] = {
    "col_handshake", "col_client", "col_server", "col_sni", "col_version", "col_suite",
    "col_group", "col_flow", "col_resumed", "col_outcome", "col_duration", "col_findings",
};

/* The kinds of the handshake's warnings and errors, worst first: what a
 * handout lists; notes stay in the tree. */
static const char *findings_text(const struct summary *s)
{
    wmem_strbuf_t *b = wmem_strbuf_new(text_pool(), "");
    for (guint8 sev = SEVERITY_ERROR; sev >= SEVERITY_WARN; sev--)
        for (guint i = 0; i < s->n_findings; i++)
            if (finding_def(s->findings[i].kind)->severity == sev)
                wmem_strbuf_append_printf(b, "%s%s", wmem_strbuf_get_len(b) ? " " : "",
                                          finding_def(s->findings[i].kind)->name);
    return wmem_strbuf_get_str(b);
}

static const char *resumed_text(const struct item *it, const struct summary *s)
{
    char frame[16];
    struct placeholder ph[] = { { "how", resumption_word(s) }, { "frame", frame } };
    if (s->resumption == RES_NONE)
        return resumption_word(s);
    if (!s->resumed_from)
        return ph[0].value;
    g_snprintf(frame, sizeof frame, "%u", s->resumed_from);
    return tlsx_text_with(text_pool(), it, "views", "resumed_from", ph, G_N_ELEMENTS(ph));
}

/* The cells of handshake n, from its summary, or the one a handshake the
 * capture never ends has once every frame is read. */
static void row_cells(guint n, const struct hs_row *r, const char **cells)
{
    const struct summary *s = r->summary ? r->summary
                            : r->last ? tlsx_unfinished(r->last, r->last_frame) : NULL;
    const struct reg_suite *suite = s && s->suite ? reg_suite(s->suite) : NULL;
    const char *none = "";
    for (guint c = 0; c < N_COLS; c++)
        cells[c] = none;
    cells[COL_NUM] = wmem_strdup_printf(text_pool(), "%u", n);
    cells[COL_CLIENT] = r->client ? r->client : none;
    cells[COL_SERVER] = r->server ? r->server : none;
    if (!s) {
        cells[COL_OUTCOME] = word("unknown");
        return;
    }
    cells[COL_SNI] = s->sni ? s->sni : none;
    cells[COL_VERSION] = s->version && reg_version_name(s->version)
                         ? reg_version_name(s->version) : none;
    cells[COL_SUITE] = suite ? suite->name : none;
    cells[COL_GROUP] = s->group || s->dh_bits ? group_word(s) : none;
    cells[COL_FLOW] = s->flow ? s->flow : none;
    cells[COL_RESUMED] = resumed_text(r->last, s);
    cells[COL_OUTCOME] = tlsx_outcome_word(text_pool(), r->last, s);
    cells[COL_DURATION] = wmem_strdup_printf(text_pool(), "%.6f", s->duration);
    cells[COL_FINDINGS] = findings_text(s);
}

static void print_csv_cell(const char *cell, gboolean last)
{
    if (strpbrk(cell, ",\"\r\n")) {
        putchar('"');
        for (const char *p = cell; *p; p++) {
            if (*p == '"')
                putchar('"');
            putchar(*p);
        }
        putchar('"');
    } else {
        fputs(cell, stdout);
    }
    putchar(last ? '\n' : ',');
}

static void print_padded(const char *cell, guint width, gboolean last)
{
    guint len = (guint)g_utf8_strlen(cell, -1);
    fputs(cell, stdout);
    if (last) {
        putchar('\n');
        return;
    }
    for (guint i = len; i < width + 2; i++)
        putchar(' ');
}

static void table_draw(void *tapdata)
{
    struct hs_table *t = tapdata;
    guint n = t->rows->len + 1, width[N_COLS] = { 0 };
    const char **cells = g_new0(const char *, (gsize)n * N_COLS);
    draw_pool = wmem_allocator_new(WMEM_ALLOCATOR_SIMPLE);
    for (guint c = 0; c < N_COLS; c++)
        cells[c] = word(col_keys[c]);
    for (guint i = 1; i < n; i++)
        row_cells(i, &g_array_index(t->rows, struct hs_row, i - 1), cells + i * N_COLS);
    for (guint i = 0; i < n * N_COLS; i++)
        width[i % N_COLS] = MAX(width[i % N_COLS], (guint)g_utf8_strlen(cells[i], -1));
    if (!t->csv)
        printf("%s\n", word("table_title"));
    for (guint i = 0; i < n * N_COLS; i++) {
        if (t->csv)
            print_csv_cell(cells[i], i % N_COLS == N_COLS - 1);
        else
            print_padded(cells[i], width[i % N_COLS], i % N_COLS == N_COLS - 1);
    }
    g_free(cells);
    wmem_destroy_allocator(draw_pool);
    draw_pool = NULL;
}

static void table_finish(void *tapdata)
{
    struct hs_table *t = tapdata;
    table_reset(t);
    g_array_free(t->rows, TRUE);
    g_free(t);
}

static TLSX_STAT_INIT_RESULT table_init(const char *opt_arg, void *userdata _U_)
{
    struct hs_table *t = g_new0(struct hs_table, 1);
    GString *error;
    t->csv = g_str_has_suffix(opt_arg, ",csv");
    t->rows = g_array_new(FALSE, TRUE, sizeof(struct hs_row));
    error = register_tap_listener("tlsexplain", t, NULL, TL_REQUIRES_NOTHING, table_reset,
                                  table_packet, table_draw, table_finish);
    if (error) {
        fprintf(stderr, "tlsexplain: %s\n", error->str);
        g_string_free(error, TRUE);
        table_finish(t);
        TLSX_STAT_INIT_RETURN(FALSE);
    }
    TLSX_STAT_INIT_RETURN(TRUE);
}

/* The same table in the GUI: Statistics > TLS Handshake List, Wireshark's
 * generic table dialog, which draws the cells itself (and gives tshark and
 * Wireshark -z tlsexplain,handshake_list[,FILTER], as it does every table
 * registered so). With no draw of ours to wait for, a row is filled again
 * from row_cells() at every frame of its handshake: it is complete when the
 * summary arrives, and a handshake the capture never ends is summed up at
 * its last frame, the one tlsx_unfinished() answers for. One table, shared
 * by every dialog open, as the tables of Wireshark's own protocols are. */
static stat_tap_table_item dialog_fields[N_COLS];
static char *dialog_title;
static struct hs_table dialog_rows;    /* rows: the frames tapped so far */

/* Column names in the user's language, before a dialog is made (it reads
 * them once) or tshark draws. */
static void dialog_relabel(void)
{
    draw_pool = wmem_allocator_new(WMEM_ALLOCATOR_SIMPLE);
    for (guint c = 0; c < N_COLS; c++) {
        char *old = (char *)dialog_fields[c].column_name;
        dialog_fields[c].column_name = g_strdup(word(col_keys[c]));
        g_free(old);
    }
    g_free(dialog_title);
    dialog_title = g_strdup(word("table_title"));
    wmem_destroy_allocator(draw_pool);
    draw_pool = NULL;
}

/* In Wireshark whenever a capture is (re)dissected, as after the language
 * is changed: the names are there before any dialog is opened. tshark
 * reads them only to draw, after dialog_init(). */
static void views_init(void)
{
    if (!TLSX_IN_TSHARK())
        dialog_relabel();
}

static void dialog_free_cell(stat_tap_table *table _U_, guint row _U_, guint column _U_,
                             stat_tap_table_item_type *cell)
{
    if (cell->type == TABLE_ITEM_STRING)
        g_free((char *)cell->value.string_value);
    cell->type = TABLE_ITEM_NONE;
}

/* Every row gone, for tapping again: the dialog clears its own rows, which
 * point into these, right after. */
static void dialog_reset(stat_tap_table *table)
{
    for (guint i = 0; i < table->num_elements; i++) {
        for (guint c = 0; c < table->num_fields; c++)
            dialog_free_cell(table, i, c, &table->elements[i][c]);
        g_free(table->elements[i]);
    }
    g_free(table->elements);
    table->elements = NULL;
    table->num_elements = 0;
    table_reset(&dialog_rows);
}

static void dialog_init(stat_tap_table_ui *ui)
{
    stat_tap_table *table = ui->tables && ui->tables->len
                            ? g_array_index(ui->tables, stat_tap_table *, 0) : NULL;
    dialog_relabel();
    if (!dialog_rows.rows)
        dialog_rows.rows = g_array_new(FALSE, TRUE, sizeof(struct hs_row));
    if (!table) {
        table_reset(&dialog_rows);
        table = stat_tap_init_table(dialog_title, N_COLS, 0, NULL);
        stat_tap_add_table(ui, table);
    }
    table->title = dialog_title;
}

/* Handshake n's row, in the order handshakes first show up. */
static void dialog_fill(stat_tap_table *table, guint n, struct hs_row *r)
{
    const char *cells[N_COLS];
    stat_tap_table_item_type row[N_COLS];
    row_cells(n, r, cells);
    memset(row, 0, sizeof row);
    for (guint c = 0; c < N_COLS; c++) {
        row[c].type = dialog_fields[c].type;
        if (row[c].type == TABLE_ITEM_UINT)
            row[c].value.uint_value = n;
        else
            row[c].value.string_value = g_strdup(cells[c]);
    }
    if (r->shown)
        for (guint c = 0; c < N_COLS; c++)
            dialog_free_cell(table, r->shown - 1, c, &table->elements[r->shown - 1][c]);
    else
        r->shown = table->num_elements + 1;
    stat_tap_init_table_row(table, r->shown - 1, N_COLS, row);
}

static tap_packet_status dialog_packet(void *tapdata, packet_info *pinfo, epan_dissect_t *edt,
                                       const void *data, tap_flags_t flags)
{
    stat_data_t *sd = tapdata;
    stat_tap_table *table = g_array_index(sd->stat_tap_data->tables, stat_tap_table *, 0);
    const struct frame_facts *facts = (const struct frame_facts *)data;
    table_packet(&dialog_rows, pinfo, edt, data, flags);
    draw_pool = pinfo->pool;
    for (guint i = 0; facts && i < facts->count; i++) {
        guint n = facts->items[i].item.handshake, j = 0;
        while (j < i && facts->items[j].item.handshake != n)
            j++;
        if (n && j == i)  /* each handshake of the frame once */
            dialog_fill(table, n, &g_array_index(dialog_rows.rows, struct hs_row, n - 1));
    }
    draw_pool = NULL;
    return TAP_PACKET_REDRAW;
}

static void dialog_cleanup(void)
{
    for (guint c = 0; c < N_COLS; c++) {
        g_free((char *)dialog_fields[c].column_name);
        dialog_fields[c].column_name = NULL;
    }
    g_free(dialog_title);
    dialog_title = NULL;
    if (dialog_rows.rows) {
        table_reset(&dialog_rows);
        g_array_free(dialog_rows.rows, TRUE);
        dialog_rows.rows = NULL;
    }
}

/* The menu name stays English, as the statistics' (registered before
 * preferences are read). */
static stat_tap_table_ui dialog_ui = {
    REGISTER_PACKET_STAT_GROUP_UNSORTED, "TLS Handshake List", "tlsexplain",
    "tlsexplain,handshake_list", dialog_init, dialog_packet, dialog_reset, dialog_free_cell,
    NULL, N_COLS, dialog_fields, 0, NULL, NULL, 0
};

static stat_tap_ui table_ui = {
    REGISTER_PACKET_STAT_GROUP_UNSORTED, NULL, "tlsexplain,handshakes", table_init, 0, NULL
};

void tlsx_register_taps(void)
{
    tlsx_tap = register_tap("tlsexplain");
    /* Registered before preferences are read: the menu name stays English. */
    register_seq_analysis("tlsexplain", "TLS handshake", proto_tlsexplain, "tlsexplain",
                          TL_REQUIRES_NOTHING, flow_packet);
    /* Statistics > TLS Handshakes, beside the other protocols' statistics. The Qt menu lists
     * only trees registered as a plugin's: registered with a group, the tree is there for
     * tshark -z alone. */
    stats_tree_register_plugin("tlsexplain", "tlsexplain", "TLS Handshakes", 0, tree_packet,
                               tree_init, tree_cleanup);
    register_stat_tap_ui(&table_ui, NULL);
    for (guint c = 0; c < N_COLS; c++) {
        gboolean number = c == COL_NUM;
        dialog_fields[c].type = number ? TABLE_ITEM_UINT : TABLE_ITEM_STRING;
        dialog_fields[c].align = number || c == COL_DURATION ? TAP_ALIGN_RIGHT : TAP_ALIGN_LEFT;
        dialog_fields[c].field_format = number ? "%u" : "%s";
    }
    register_stat_tap_table_ui(&dialog_ui);
    register_init_routine(views_init);
    register_shutdown_routine(dialog_cleanup);
}
