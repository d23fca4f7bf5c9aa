#ifndef DUIDING_READSTAT_H
#define DUIDING_READSTAT_H

/* Reads SPSS .sav files with Debian's libreadstat into a table of UTF-8 strings. Numeric
 * values with a value label come back as that label (what people see in SPSS); other
 * numbers in their shortest decimal form; missing values as "". */

#include <stdint.h>

#ifdef __cplusplus
extern "C" {
#endif

typedef struct duiding_sav duiding_sav;

/* Reads the whole file. On failure returns NULL and writes a message into error. */
duiding_sav *duiding_sav_read(const char *path, char *error, int32_t error_capacity);
void duiding_sav_free(duiding_sav *sav);

int32_t duiding_sav_columns(const duiding_sav *sav);
int32_t duiding_sav_rows(const duiding_sav *sav);
const char *duiding_sav_name(const duiding_sav *sav, int32_t column);
/* The variable label ("" when none). */
const char *duiding_sav_label(const duiding_sav *sav, int32_t column);
const char *duiding_sav_value(const duiding_sav *sav, int32_t row, int32_t column);
/* The number of value labels of a column (0 when it has none). */
int32_t duiding_sav_value_label_count(const duiding_sav *sav, int32_t column);
/* The index-th value label of a column, in file order; its value goes to *number (NaN for a
 * string value). */
const char *duiding_sav_value_label(const duiding_sav *sav, int32_t column, int32_t index, double *number);

#ifdef __cplusplus
}
#endif

#endif
