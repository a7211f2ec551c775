/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * capture: an in-memory list of timestamped frames, and a pcapng writer
 * (via libwiretap) that can embed a TLS key log as a Decryption Secrets
 * Block.  Frames are buffered because the two endpoints of a simulated
 * connection produce packets slightly out of time order (an ACK can be
 * generated before a later segment of the same flight is emitted).
 */
#ifndef TLSEXPLAIN_CAPTURE_H
#define TLSEXPLAIN_CAPTURE_H

#include <glib.h>
#include <stdint.h>

struct packet_list;
struct capture_writer;

struct packet_list *packet_list_new(void);
void packet_list_free(struct packet_list *list);
void packet_list_add(struct packet_list *list, int64_t ts_ns,
                     const uint8_t *frame, size_t len);
/* Stable sort by timestamp; call before writing. */
void packet_list_sort(struct packet_list *list);
void packet_list_clear(struct packet_list *list);
guint packet_list_count(const struct packet_list *list);

/* Must be called once before any writer is opened. */
void capture_library_init(void);
void capture_library_cleanup(void);

/* keylog may be NULL or empty: then no Decryption Secrets Block is written. */
struct capture_writer *capture_writer_open(const char *path,
                                           const GString *keylog,
                                           GError **error);
gboolean capture_writer_write(struct capture_writer *w,
                              const struct packet_list *list, GError **error);
gboolean capture_writer_close(struct capture_writer *w, GError **error);

/* Convenience: open, write everything, close. */
gboolean capture_write_file(const char *path, const struct packet_list *list,
                            const GString *keylog, GError **error);

#endif
