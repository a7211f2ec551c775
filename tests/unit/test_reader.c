/* SPDX-License-Identifier: GPL-2.0-or-later */
#include "reader.h"

/* RFC 9000 §A.1's examples, and a cut one. */
static void test_varint(void)
{
    static const guint8 data[] = { 0xc2, 0x19, 0x7c, 0x5e, 0xff, 0x14, 0xe8, 0x8c,
                                   0x9d, 0x7f, 0x3e, 0x7d, 0x7b, 0xbd, 0x25, 0x40, 0x25 };
    struct reader r;
    guint64 v;
    rd_init(&r, data, sizeof data);
    g_assert_true(rd_varint(&r, &v));
    g_assert_cmpuint(v, ==, G_GUINT64_CONSTANT(151288809941952652));
    g_assert_true(rd_varint(&r, &v));
    g_assert_cmpuint(v, ==, 494878333);
    g_assert_true(rd_varint(&r, &v));
    g_assert_cmpuint(v, ==, 15293);
    g_assert_true(rd_varint(&r, &v));
    g_assert_cmpuint(v, ==, 37);
    g_assert_true(rd_varint(&r, &v));
    g_assert_cmpuint(v, ==, 37);
    g_assert_cmpuint(rd_left(&r), ==, 0);
    g_assert_false(rd_varint(&r, &v));
    rd_init(&r, data, 7);  /* an 8-byte integer cut short */
    g_assert_false(rd_varint(&r, &v));
    g_assert_cmpuint(rd_left(&r), ==, 7);
}

static void test_fixed_reads(void)
{
    static const guint8 b[] = { 1, 2, 3, 4, 5, 6, 7 };
    struct reader r;
    guint8 u8;
    guint16 u16;
    guint32 u32;
    rd_init(&r, b, sizeof b);
    g_assert_true(rd_u8(&r, &u8));
    g_assert_cmpuint(u8, ==, 1);
    g_assert_true(rd_u16(&r, &u16));
    g_assert_cmpuint(u16, ==, 0x0203);
    g_assert_true(rd_u32(&r, &u32));
    g_assert_cmpuint(u32, ==, 0x04050607);
    g_assert_false(rd_u8(&r, &u8));
    g_assert_cmpuint(rd_left(&r), ==, 0);
}

static void test_vector_bounds(void)
{
    static const guint8 b[] = { 0x00, 0x03, 'a', 'b', 'c', 0x05, 'x' };
    struct reader r, v;
    rd_init(&r, b, sizeof b);
    g_assert_true(rd_vec16(&r, &v));
    g_assert_cmpuint(rd_span(&v).offset, ==, 2);
    g_assert_cmpuint(rd_span(&v).length, ==, 3);
    /* A length prefix larger than what is left fails and consumes nothing. */
    g_assert_false(rd_vec8(&r, &v));
    g_assert_cmpuint(rd_offset(&r), ==, 5);
    /* A sub-reader cannot see past its own end. */
    rd_init(&r, b, sizeof b);
    g_assert_true(rd_vec16(&r, &v));
    g_assert_false(rd_skip(&v, 4));
    g_assert_true(rd_skip(&v, 3));
}

static void test_u24_truncated(void)
{
    static const guint8 b[] = { 0x01, 0x02 };
    struct reader r;
    guint32 v = 99;
    rd_init(&r, b, sizeof b);
    g_assert_false(rd_u24(&r, &v));
    g_assert_cmpuint(v, ==, 99);
    g_assert_cmpuint(rd_left(&r), ==, 2);
}

/* Copies and comparisons stay inside the reader's bytes, and a view of a
 * span is refused when the message is too short for it. */
static void test_copy_equal_view(void)
{
    static const guint8 msg[] = { 1, 2, 3, 4, 5, 6 };
    static const guint8 mid[] = { 3, 4 }, tail[] = { 5, 6 };
    struct reader r, v;
    struct span in = { 2, 2 }, out = { 5, 2 };
    guint8 buf[4] = { 0 };
    rd_init(&r, msg, sizeof msg);
    g_assert_true(rd_copy(&r, buf, 4));
    g_assert_cmpuint(buf[3], ==, 4);
    g_assert_cmpuint(rd_left(&r), ==, 6);  /* copying does not move */
    g_assert_false(rd_copy(&r, buf, 7));
    g_assert_true(rd_view(msg, sizeof msg, &in, &v));
    g_assert_true(rd_equal(&v, mid, 2));
    g_assert_false(rd_equal(&v, mid, 1));  /* exactly, not a prefix */
    g_assert_true(rd_equal_at(&r, 4, tail, 2));
    g_assert_false(rd_equal_at(&r, 5, tail, 2));
    g_assert_false(rd_equal_at(&r, 7, tail, 0));
    g_assert_false(rd_view(msg, sizeof msg, &out, &v));
}

int main(int argc, char **argv)
{
    g_test_init(&argc, &argv, NULL);
    g_test_add_func("/reader/varint", test_varint);
    g_test_add_func("/reader/fixed", test_fixed_reads);
    g_test_add_func("/reader/vector-bounds", test_vector_bounds);
    g_test_add_func("/reader/u24-truncated", test_u24_truncated);
    g_test_add_func("/reader/copy-equal-view", test_copy_equal_view);
    return g_test_run();
}
