#ifndef DUIDING_NATIVE_H
#define DUIDING_NATIVE_H

/* Thin wrappers around ICU and Snowball for Duiding.
 * Only stdint types and opaque pointers appear here: Foundation on Linux ships its own
 * ICU headers, and a Swift module that sees both fails to build. Text is UTF-16, offsets
 * are UTF-16 code units. Error codes are ICU's UErrorCode values (0 = success,
 * > 0 = failure, < 0 = warning). None of these objects is thread-safe: one per thread. */

#include <stdint.h>

#ifdef __cplusplus
extern "C" {
#endif

/* Segment kinds reported by duiding_break. */
enum {
    DUIDING_SEGMENT_OTHER = 0,  /* spaces, punctuation, symbols, emoji */
    DUIDING_SEGMENT_NUMBER = 1,
    DUIDING_SEGMENT_WORD = 2,   /* letters, kana, ideographs */
};

typedef struct duiding_breaker duiding_breaker;

/* Opens a word (sentences == 0) or sentence (sentences != 0) break iterator for a locale. */
duiding_breaker *duiding_breaker_open(const char *locale, int32_t sentences, int32_t *error);
void duiding_breaker_close(duiding_breaker *breaker);

/* Segments text[0..<length]. Writes the end offset and kind of each segment into ends[]
 * and kinds[] (at most capacity). Returns the number of segments; when it exceeds
 * capacity, nothing beyond capacity was written and the caller retries with more room. */
int32_t duiding_break(duiding_breaker *breaker, const uint16_t *text, int32_t length,
                      int32_t *ends, uint8_t *kinds, int32_t capacity, int32_t *error);

/* Converts UTF-8 to UTF-16. Returns the UTF-16 length (which may exceed capacity; then
 * retry). Invalid UTF-8 sets *error > 0 and *invalid_offset to the first bad byte. */
int32_t duiding_utf8_to_utf16(const uint8_t *source, int32_t length, uint16_t *dest,
                              int32_t capacity, int32_t *invalid_offset, int32_t *error);

/* Folds for matching: full case folding, canonical decomposition with combining marks
 * removed (geïnformeerd -> geinformeerd), typographic apostrophes to ', hyphens and soft
 * hyphens removed. Returns the folded length (retry when it exceeds capacity). */
int32_t duiding_fold(const uint16_t *text, int32_t length, uint16_t *dest, int32_t capacity,
                     int32_t *error);

typedef struct duiding_stemmer duiding_stemmer;

/* Opens a Snowball stemmer ("dutch", "english", ...); NULL when unknown. */
duiding_stemmer *duiding_stemmer_open(const char *algorithm);
void duiding_stemmer_close(duiding_stemmer *stemmer);

/* Stems a lower-case UTF-8 word. The result stays valid until the next call on this
 * stemmer; its length goes to *result_length. NULL on allocation failure. */
const uint8_t *duiding_stem(duiding_stemmer *stemmer, const uint8_t *word, int32_t length,
                            int32_t *result_length);

#ifdef __cplusplus
}
#endif

#endif
