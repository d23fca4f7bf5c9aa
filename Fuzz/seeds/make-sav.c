/* Writes SPSS seed files for the `sav` fuzz target with Debian's libreadstat (its writer):
 * uncompressed, row-compressed and zlib (.zsav) variants, with value labels on a number and a
 * string, variable labels, a missing value, a long string and UTF-8 text.
 *   cc make-sav.c -lreadstat -o /tmp/make-sav && /tmp/make-sav ../corpus/sav */
#include <readstat.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static ssize_t write_bytes(const void *data, size_t len, void *ctx) { return (ssize_t)fwrite(data, 1, len, ctx); }

static void write_file(const char *dir, const char *name, readstat_compress_t compression, int long_string) {
    char path[1024];
    snprintf(path, sizeof path, "%s/%s", dir, name);
    FILE *f = fopen(path, "wb");
    if (!f) { perror(path); exit(1); }
    readstat_writer_t *w = readstat_writer_init();
    readstat_set_data_writer(w, write_bytes);
    readstat_writer_set_file_label(w, "Duiding fuzz seed");
    readstat_writer_set_compression(w, compression);
    readstat_label_set_t *sexes = readstat_add_label_set(w, READSTAT_TYPE_DOUBLE, "geslacht");
    readstat_label_double_value(sexes, 1, "man");
    readstat_label_double_value(sexes, 2, "vrouw");
    readstat_label_set_t *levels = readstat_add_label_set(w, READSTAT_TYPE_STRING, "laag");
    readstat_label_string_value(levels, "g", "gemeente");
    readstat_label_string_value(levels, "p", "provincie");
    readstat_variable_t *id = readstat_add_variable(w, "id", READSTAT_TYPE_STRING, 8);
    readstat_variable_set_label(id, "Respondentnummer");
    readstat_variable_t *text = readstat_add_variable(w, "tekst", READSTAT_TYPE_STRING, long_string ? 600 : 80);
    readstat_variable_set_label(text, "Toelichting effecten (één zin)");
    readstat_variable_t *sex = readstat_add_variable(w, "geslacht", READSTAT_TYPE_DOUBLE, 0);
    readstat_variable_set_label_set(sex, sexes);
    readstat_variable_add_missing_double_value(sex, 9);
    readstat_variable_t *level = readstat_add_variable(w, "laag", READSTAT_TYPE_STRING, 1);
    readstat_variable_set_label_set(level, levels);
    readstat_variable_t *weight = readstat_add_variable(w, "gewicht", READSTAT_TYPE_DOUBLE, 0);
    readstat_variable_set_label(weight, "Weegfactor");
    const char *ids[] = {"S1", "S2", "S3"};
    const char *texts[] = {"Ik ben voorzichtiger geworden met wat ik zeg.", "Geen effecten; café, “aanhalingstekens” 😀.",
                           "Ik mijd bepaalde straten en slaap slecht."};
    double sexes_v[] = {1, 2, 9};
    const char *levels_v[] = {"g", "p", "x"};
    double weights[] = {0.8, 1.25, 1e20};
    if (readstat_begin_writing_sav(w, f, 3) != READSTAT_OK) { fprintf(stderr, "%s: cannot write\n", path); exit(1); }
    for (int r = 0; r < 3; r++) {
        readstat_begin_row(w);
        readstat_insert_string_value(w, id, ids[r]);
        char big[601];
        if (long_string && r == 1) { memset(big, 'a', 599); big[599] = 'z'; big[600] = 0; readstat_insert_string_value(w, text, big); }
        else readstat_insert_string_value(w, text, texts[r]);
        if (r == 2) readstat_insert_missing_value(w, sex); else readstat_insert_double_value(w, sex, sexes_v[r]);
        readstat_insert_string_value(w, level, levels_v[r]);
        readstat_insert_double_value(w, weight, weights[r]);
        readstat_end_row(w);
    }
    readstat_end_writing(w);
    readstat_writer_free(w);
    fclose(f);
}

int main(int argc, char **argv) {
    const char *dir = argc > 1 ? argv[1] : ".";
    write_file(dir, "plain.sav", READSTAT_COMPRESS_NONE, 0);
    write_file(dir, "rows.sav", READSTAT_COMPRESS_ROWS, 0);
    write_file(dir, "zlib.zsav", READSTAT_COMPRESS_BINARY, 0);
    write_file(dir, "long-string.sav", READSTAT_COMPRESS_ROWS, 1);
    return 0;
}
