#include "duiding_xlsx.h"

#include <stdio.h>
#include <stdlib.h>
#include <xlsxwriter.h>

struct duiding_xlsx {
    lxw_workbook *workbook;
    lxw_worksheet *sheet;
    lxw_format *formats[256];
};

duiding_xlsx *duiding_xlsx_open(const char *path) {
    duiding_xlsx *book = calloc(1, sizeof *book);
    if (!book) return NULL;
    book->workbook = workbook_new(path);
    if (!book->workbook) { free(book); return NULL; }
    return book;
}

int32_t duiding_xlsx_add_sheet(duiding_xlsx *book, const char *name) {
    book->sheet = workbook_add_worksheet(book->workbook, name);
    return book->sheet ? 0 : LXW_ERROR_SHEETNAME_LENGTH_EXCEEDED;
}

static lxw_format *format_for(duiding_xlsx *book, int32_t style) {
    style &= 255;
    if (style == 0) return NULL;
    if (book->formats[style]) return book->formats[style];
    lxw_format *f = workbook_add_format(book->workbook);
    if (style & DUIDING_XLSX_BOLD) format_set_bold(f);
    if (style & DUIDING_XLSX_ITALIC) format_set_italic(f);
    if (style & DUIDING_XLSX_PERCENT) {
        /* The marks are in the number format: the cell stays a number and prints them in black and white. */
        const char *mark = (style & DUIDING_XLSX_RED) ? "\u25B2" : (style & DUIDING_XLSX_BLUE) ? "\u25BC" : "";
        const char *star = (style & DUIDING_XLSX_STARRED) ? "*" : "";
        char number_format[32] = "0%";
        if (*mark || *star) snprintf(number_format, sizeof number_format, "0%%\"%s%s\"", mark, star);
        format_set_num_format(f, number_format);
    }
    if (style & DUIDING_XLSX_COUNT) format_set_num_format(f, "0\" (aantal)\"");
    if (style & DUIDING_XLSX_RED) format_set_font_color(f, 0xC00000);
    if (style & DUIDING_XLSX_BLUE) format_set_font_color(f, 0x0070C0);
    if (style & DUIDING_XLSX_WRAP) format_set_text_wrap(f);
    book->formats[style] = f;
    return f;
}

int32_t duiding_xlsx_string(duiding_xlsx *book, int32_t row, int32_t column, const char *text, int32_t style) {
    if (!book->sheet) return LXW_ERROR_NULL_PARAMETER_IGNORED;
    return worksheet_write_string(book->sheet, (lxw_row_t)row, (lxw_col_t)column, text, format_for(book, style));
}

int32_t duiding_xlsx_number(duiding_xlsx *book, int32_t row, int32_t column, double value, int32_t style) {
    if (!book->sheet) return LXW_ERROR_NULL_PARAMETER_IGNORED;
    return worksheet_write_number(book->sheet, (lxw_row_t)row, (lxw_col_t)column, value, format_for(book, style));
}

int32_t duiding_xlsx_column_width(duiding_xlsx *book, int32_t first, int32_t last, double width) {
    if (!book->sheet) return LXW_ERROR_NULL_PARAMETER_IGNORED;
    return worksheet_set_column(book->sheet, (lxw_col_t)first, (lxw_col_t)last, width, NULL);
}

int32_t duiding_xlsx_close(duiding_xlsx *book) {
    int32_t result = workbook_close(book->workbook);
    free(book);
    return result;
}

const char *duiding_xlsx_error(int32_t code) { return lxw_strerror((lxw_error)code); }
