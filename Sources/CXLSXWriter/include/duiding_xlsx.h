#ifndef DUIDING_XLSX_H
#define DUIDING_XLSX_H

/* A small wrapper over Debian's libxlsxwriter: sheets of strings and numbers with a few
 * styles. Only stdint types and an opaque pointer in this header. */

#include <stdint.h>

#ifdef __cplusplus
extern "C" {
#endif

/* Style bits, combinable. */
enum {
    DUIDING_XLSX_BOLD = 1,
    DUIDING_XLSX_ITALIC = 2,
    DUIDING_XLSX_PERCENT = 4,  /* number format 0% (value 0.45 shows as 45%) */
    DUIDING_XLSX_RED = 8,      /* significantly higher: red text; with PERCENT also ▲ */
    DUIDING_XLSX_BLUE = 16,    /* significantly lower: blue text; with PERCENT also ▼ */
    DUIDING_XLSX_WRAP = 32,
    DUIDING_XLSX_STARRED = 64, /* with PERCENT: 0%"*", a result on a small base */
    DUIDING_XLSX_COUNT = 128,  /* number format 0" (aantal)": a count where a percentage would stand */
};

typedef struct duiding_xlsx duiding_xlsx;

duiding_xlsx *duiding_xlsx_open(const char *path);
/* Adds a sheet and makes it current. Returns 0 on success. */
int32_t duiding_xlsx_add_sheet(duiding_xlsx *book, const char *name);
int32_t duiding_xlsx_string(duiding_xlsx *book, int32_t row, int32_t column, const char *text, int32_t style);
int32_t duiding_xlsx_number(duiding_xlsx *book, int32_t row, int32_t column, double value, int32_t style);
int32_t duiding_xlsx_column_width(duiding_xlsx *book, int32_t first, int32_t last, double width);
/* Writes the file and frees the book. Returns 0 on success. */
int32_t duiding_xlsx_close(duiding_xlsx *book);
const char *duiding_xlsx_error(int32_t code);

#ifdef __cplusplus
}
#endif

#endif
