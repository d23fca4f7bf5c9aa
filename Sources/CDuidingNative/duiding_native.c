#include "duiding_native.h"

#include <stdlib.h>
#include <libstemmer.h>
#include <unicode/ubrk.h>
#include <unicode/uchar.h>
#include <unicode/unorm2.h>
#include <unicode/ustring.h>
#include <unicode/utf16.h>

struct duiding_breaker {
    UBreakIterator *iterator;
    int32_t sentences;
};

duiding_breaker *duiding_breaker_open(const char *locale, int32_t sentences, int32_t *error) {
    UErrorCode status = U_ZERO_ERROR;
    UBreakIterator *it = ubrk_open(sentences ? UBRK_SENTENCE : UBRK_WORD, locale, NULL, 0, &status);
    *error = status;
    if (U_FAILURE(status)) return NULL;
    duiding_breaker *b = malloc(sizeof *b);
    if (!b) { ubrk_close(it); *error = U_MEMORY_ALLOCATION_ERROR; return NULL; }
    b->iterator = it;
    b->sentences = sentences;
    return b;
}

void duiding_breaker_close(duiding_breaker *breaker) {
    if (!breaker) return;
    ubrk_close(breaker->iterator);
    free(breaker);
}

static uint8_t kind_of(int32_t status) {
    if (status >= UBRK_WORD_LETTER) return DUIDING_SEGMENT_WORD;  /* letter, kana, ideo */
    if (status >= UBRK_WORD_NUMBER) return DUIDING_SEGMENT_NUMBER;
    return DUIDING_SEGMENT_OTHER;
}

int32_t duiding_break(duiding_breaker *breaker, const uint16_t *text, int32_t length,
                      int32_t *ends, uint8_t *kinds, int32_t capacity, int32_t *error) {
    UErrorCode status = U_ZERO_ERROR;
    ubrk_setText(breaker->iterator, (const UChar *)text, length, &status);
    *error = status;
    if (U_FAILURE(status)) return 0;
    int32_t count = 0;
    ubrk_first(breaker->iterator);
    for (int32_t end = ubrk_next(breaker->iterator); end != UBRK_DONE;
         end = ubrk_next(breaker->iterator)) {
        if (count < capacity) {
            ends[count] = end;
            kinds[count] = breaker->sentences ? DUIDING_SEGMENT_OTHER
                                              : kind_of(ubrk_getRuleStatus(breaker->iterator));
        }
        count++;
    }
    return count;
}

int32_t duiding_utf8_to_utf16(const uint8_t *source, int32_t length, uint16_t *dest,
                              int32_t capacity, int32_t *invalid_offset, int32_t *error) {
    UErrorCode status = U_ZERO_ERROR;
    int32_t out = 0;
    u_strFromUTF8((UChar *)dest, capacity, &out, (const char *)source, length, &status);
    if (status == U_BUFFER_OVERFLOW_ERROR || status == U_STRING_NOT_TERMINATED_WARNING)
        status = U_ZERO_ERROR;
    *invalid_offset = -1;
    if (status == U_INVALID_CHAR_FOUND) {
        /* Find the first bad byte so the caller can say where. */
        int32_t i = 0;
        while (i < length) {
            UChar32 c;
            int32_t start = i;
            U8_NEXT(source, i, length, c);
            if (c < 0) { *invalid_offset = start; break; }
        }
    }
    *error = status;
    return out;
}

static int is_removed(UChar32 c) {
    if (c == 0x2D || c == 0xAD || c == 0x2010 || c == 0x2011) return 1; /* hyphens, soft hyphen */
    int8_t type = u_charType(c);
    return type == U_NON_SPACING_MARK || type == U_ENCLOSING_MARK;
}

int32_t duiding_fold(const uint16_t *text, int32_t length, uint16_t *dest, int32_t capacity,
                     int32_t *error) {
    UErrorCode status = U_ZERO_ERROR;
    const UNormalizer2 *nfd = unorm2_getNFDInstance(&status);
    if (U_FAILURE(status)) { *error = status; return 0; }
    /* Folding and decomposition can grow text; 4x is ample for both steps. */
    int32_t room = length * 4 + 16;
    UChar *folded = malloc(sizeof(UChar) * (size_t)room);
    UChar *decomposed = malloc(sizeof(UChar) * (size_t)room);
    if (!folded || !decomposed) {
        free(folded); free(decomposed);
        *error = U_MEMORY_ALLOCATION_ERROR;
        return 0;
    }
    int32_t n = u_strFoldCase(folded, room, (const UChar *)text, length, U_FOLD_CASE_DEFAULT, &status);
    int32_t m = U_SUCCESS(status) ? unorm2_normalize(nfd, folded, n, decomposed, room, &status) : 0;
    int32_t out = 0;
    if (U_SUCCESS(status)) {
        for (int32_t i = 0; i < m;) {
            UChar32 c;
            U16_NEXT(decomposed, i, m, c);
            if (is_removed(c)) continue;
            if (c == 0x2019 || c == 0x2018 || c == 0x02BC || c == 0x0060 || c == 0x00B4) c = 0x27;
            if (U16_LENGTH(c) == 2) {
                if (out + 1 < capacity) { dest[out] = U16_LEAD(c); dest[out + 1] = U16_TRAIL(c); }
                out += 2;
            } else {
                if (out < capacity) dest[out] = (uint16_t)c;
                out += 1;
            }
        }
    }
    free(folded);
    free(decomposed);
    *error = status;
    return out;
}

struct duiding_stemmer {
    struct sb_stemmer *stemmer;
};

duiding_stemmer *duiding_stemmer_open(const char *algorithm) {
    struct sb_stemmer *s = sb_stemmer_new(algorithm, "UTF_8");
    if (!s) return NULL;
    duiding_stemmer *d = malloc(sizeof *d);
    if (!d) { sb_stemmer_delete(s); return NULL; }
    d->stemmer = s;
    return d;
}

void duiding_stemmer_close(duiding_stemmer *stemmer) {
    if (!stemmer) return;
    sb_stemmer_delete(stemmer->stemmer);
    free(stemmer);
}

const uint8_t *duiding_stem(duiding_stemmer *stemmer, const uint8_t *word, int32_t length,
                            int32_t *result_length) {
    const sb_symbol *out = sb_stemmer_stem(stemmer->stemmer, word, length);
    *result_length = out ? sb_stemmer_length(stemmer->stemmer) : 0;
    return out;
}
