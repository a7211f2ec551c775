/* A parsed field's value as a reader wants to see it: numbers, names from
 * the registries, text, or hex.
 * SPDX-License-Identifier: GPL-2.0-or-later
 */
#ifndef TLSX_FIELDTEXT_H
#define TLSX_FIELDTEXT_H

#include "walker.h"

/* data is the whole message the field's offset refers to. Caller frees;
 * never NULL (empty for containers without a value of their own). */
char *field_value_text(const struct field *f, const guint8 *data);
/* The same, appended to s: the tree builds each label in one buffer. */
void field_value_append(GString *s, const struct field *f, const guint8 *data);

#endif
