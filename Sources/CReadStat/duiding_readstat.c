#include "duiding_readstat.h"

#include <math.h>
#include <readstat.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

typedef struct {
    char *set;
    double number;
    char *string;  /* for string-valued labels */
    char *label;
} value_label;

struct duiding_sav {
    int32_t columns, rows;
    char **names, **labels, **label_sets;
    char **cells;  /* rows * columns, row-major, grown as values arrive */
    size_t cell_capacity;
    int32_t rows_seen;
    value_label *value_labels;
    int32_t value_label_count, value_label_capacity;
    int failed;
};

static char *copy(const char *s) {
    if (!s) s = "";
    size_t n = strlen(s) + 1;
    char *out = malloc(n);
    if (out) memcpy(out, s, n);
    return out;
}

static int on_metadata(readstat_metadata_t *metadata, void *ctx) {
    duiding_sav *sav = ctx;
    sav->columns = readstat_get_var_count(metadata);
    sav->rows = readstat_get_row_count(metadata);
    if (sav->columns < 0 || sav->rows < 0) { sav->failed = 1; return READSTAT_HANDLER_ABORT; }
    sav->names = calloc((size_t)sav->columns + 1, sizeof(char *));
    sav->labels = calloc((size_t)sav->columns + 1, sizeof(char *));
    sav->label_sets = calloc((size_t)sav->columns + 1, sizeof(char *));
    /* The header's case count is not allocated up front: a damaged file can claim billions. */
    if (!sav->names || !sav->labels || !sav->label_sets) { sav->failed = 1; return READSTAT_HANDLER_ABORT; }
    return READSTAT_HANDLER_OK;
}

static int on_variable(int index, readstat_variable_t *variable, const char *val_labels, void *ctx) {
    duiding_sav *sav = ctx;
    if (index < 0 || index >= sav->columns) return READSTAT_HANDLER_OK;
    sav->names[index] = copy(readstat_variable_get_name(variable));
    sav->labels[index] = copy(readstat_variable_get_label(variable));
    sav->label_sets[index] = val_labels ? copy(val_labels) : NULL;
    return READSTAT_HANDLER_OK;
}

static int on_value_label(const char *set, readstat_value_t value, const char *label, void *ctx) {
    duiding_sav *sav = ctx;
    if (sav->value_label_count == sav->value_label_capacity) {
        int32_t capacity = sav->value_label_capacity ? sav->value_label_capacity * 2 : 64;
        value_label *grown = realloc(sav->value_labels, sizeof(value_label) * (size_t)capacity);
        if (!grown) { sav->failed = 1; return READSTAT_HANDLER_ABORT; }
        sav->value_labels = grown;
        sav->value_label_capacity = capacity;
    }
    value_label *v = &sav->value_labels[sav->value_label_count++];
    v->set = copy(set);
    v->label = copy(label);
    if (readstat_value_type_class(value) == READSTAT_TYPE_CLASS_STRING) {
        v->string = copy(readstat_string_value(value));
        v->number = NAN;
    } else {
        v->string = NULL;
        v->number = readstat_double_value(value);
    }
    return READSTAT_HANDLER_OK;
}

static const char *label_for(const duiding_sav *sav, const char *set, readstat_value_t value) {
    if (!set) return NULL;
    int is_string = readstat_value_type_class(value) == READSTAT_TYPE_CLASS_STRING;
    for (int32_t i = 0; i < sav->value_label_count; i++) {
        const value_label *v = &sav->value_labels[i];
        if (strcmp(v->set, set) != 0) continue;
        if (is_string && v->string && strcmp(v->string, readstat_string_value(value)) == 0) return v->label;
        if (!is_string && !v->string && v->number == readstat_double_value(value)) return v->label;
    }
    return NULL;
}

static int on_value(int row, readstat_variable_t *variable, readstat_value_t value, void *ctx) {
    duiding_sav *sav = ctx;
    int column = readstat_variable_get_index(variable);
    if (row < 0 || row >= sav->rows || column < 0 || column >= sav->columns) return READSTAT_HANDLER_OK;
    size_t needed = ((size_t)row + 1) * (size_t)sav->columns;
    if (needed > sav->cell_capacity) {
        size_t capacity = sav->cell_capacity ? sav->cell_capacity * 2 : (size_t)sav->columns * 64;
        if (capacity < needed) capacity = needed;
        char **grown = realloc(sav->cells, capacity * sizeof(char *));
        if (!grown) { sav->failed = 1; return READSTAT_HANDLER_ABORT; }
        memset(grown + sav->cell_capacity, 0, (capacity - sav->cell_capacity) * sizeof(char *));
        sav->cells = grown;
        sav->cell_capacity = capacity;
    }
    if (row + 1 > sav->rows_seen) sav->rows_seen = row + 1;
    char buffer[64];
    const char *text = "";
    if (readstat_value_is_system_missing(value)) {
        text = "";
    } else if (readstat_value_type_class(value) == READSTAT_TYPE_CLASS_STRING) {
        const char *label = label_for(sav, sav->label_sets[column], value);
        text = label ? label : readstat_string_value(value);
    } else {
        const char *label = label_for(sav, sav->label_sets[column], value);
        if (label) {
            text = label;
        } else {
            double d = readstat_double_value(value);
            if (d == floor(d) && fabs(d) < 1e15) snprintf(buffer, sizeof buffer, "%.0f", d);
            else snprintf(buffer, sizeof buffer, "%.15g", d);
            text = buffer;
        }
    }
    sav->cells[(size_t)row * (size_t)sav->columns + (size_t)column] = copy(text);
    return READSTAT_HANDLER_OK;
}

duiding_sav *duiding_sav_read(const char *path, char *error, int32_t error_capacity) {
    duiding_sav *sav = calloc(1, sizeof *sav);
    readstat_parser_t *parser = readstat_parser_init();
    if (!sav || !parser) {
        snprintf(error, (size_t)error_capacity, "out of memory");
        free(sav);
        if (parser) readstat_parser_free(parser);
        return NULL;
    }
    readstat_set_metadata_handler(parser, on_metadata);
    readstat_set_variable_handler(parser, on_variable);
    readstat_set_value_label_handler(parser, on_value_label);
    readstat_set_value_handler(parser, on_value);
    readstat_error_t result = readstat_parse_sav(parser, path, sav);
    readstat_parser_free(parser);
    if (result != READSTAT_OK || sav->failed) {
        snprintf(error, (size_t)error_capacity, "%s",
                 result != READSTAT_OK ? readstat_error_message(result) : "the file could not be read completely");
        duiding_sav_free(sav);
        return NULL;
    }
    sav->rows = sav->rows_seen;  /* the cases the file holds, whatever its header says */
    return sav;
}

void duiding_sav_free(duiding_sav *sav) {
    if (!sav) return;
    for (int32_t c = 0; c < sav->columns; c++) {
        if (sav->names) free(sav->names[c]);
        if (sav->labels) free(sav->labels[c]);
        if (sav->label_sets) free(sav->label_sets[c]);
    }
    for (size_t i = 0; i < sav->cell_capacity; i++) free(sav->cells[i]);
    for (int32_t i = 0; i < sav->value_label_count; i++) {
        free(sav->value_labels[i].set);
        free(sav->value_labels[i].string);
        free(sav->value_labels[i].label);
    }
    free(sav->value_labels);
    free(sav->names);
    free(sav->labels);
    free(sav->label_sets);
    free(sav->cells);
    free(sav);
}

int32_t duiding_sav_columns(const duiding_sav *sav) { return sav->columns; }
int32_t duiding_sav_rows(const duiding_sav *sav) { return sav->rows; }

const char *duiding_sav_name(const duiding_sav *sav, int32_t column) {
    return sav->names[column] ? sav->names[column] : "";
}

const char *duiding_sav_label(const duiding_sav *sav, int32_t column) {
    return sav->labels[column] ? sav->labels[column] : "";
}

const char *duiding_sav_value(const duiding_sav *sav, int32_t row, int32_t column) {
    size_t index = (size_t)row * (size_t)sav->columns + (size_t)column;
    const char *cell = index < sav->cell_capacity ? sav->cells[index] : NULL;
    return cell ? cell : "";
}

/* The value labels of a column's label set, as (number or string, label) in file order. */
static const value_label *nth_value_label(const duiding_sav *sav, int32_t column, int32_t n) {
    const char *set = sav->label_sets[column];
    if (!set) return NULL;
    for (int32_t i = 0; i < sav->value_label_count; i++) {
        if (strcmp(sav->value_labels[i].set, set) != 0) continue;
        if (n-- == 0) return &sav->value_labels[i];
    }
    return NULL;
}

int32_t duiding_sav_value_label_count(const duiding_sav *sav, int32_t column) {
    int32_t n = 0;
    while (nth_value_label(sav, column, n)) n++;
    return n;
}

const char *duiding_sav_value_label(const duiding_sav *sav, int32_t column, int32_t index, double *number) {
    const value_label *v = nth_value_label(sav, column, index);
    if (!v) { *number = NAN; return ""; }
    *number = v->number;
    return v->label ? v->label : "";
}
