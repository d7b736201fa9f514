/*
 * The counting checks of the C test programs (unit.c, profiles.c): CHECK
 * counts a condition, CHECK_RC a call's result code (showing the thread's
 * last error when it differs); each program prints the two counts at the
 * end. Header-only: each program includes it once.
 */
#ifndef OAUTH1_TESTS_CHECK_H
#define OAUTH1_TESTS_CHECK_H

#include <oauth1.h>
#include <stdio.h>

/* Atomic: unit.c checks from several threads at once. */
static _Atomic int passed, failed;

/* The calling thread's last error message (a buffer per thread). */
static inline const char *last_error(void) {
    static _Thread_local char buf[1024];
    oauth1_last_error_message(buf, sizeof buf);
    return buf;
}

#define CHECK(cond)                                                         \
    do {                                                                    \
        if (cond) {                                                         \
            passed++;                                                       \
        } else {                                                            \
            failed++;                                                       \
            fprintf(stderr, "FAIL %s:%d: %s\n", __FILE__, __LINE__, #cond); \
        }                                                                   \
    } while (0)

#define CHECK_RC(call, want)                                                         \
    do {                                                                             \
        oauth1_result rc_ = (call);                                                  \
        if (rc_ == (oauth1_result)(want)) {                                          \
            passed++;                                                                \
        } else {                                                                     \
            failed++;                                                                \
            fprintf(stderr, "FAIL %s:%d: %s gave %u (%s), expected %u\n", __FILE__,  \
                    __LINE__, #call, (unsigned)rc_, last_error(), (unsigned)(want)); \
        }                                                                            \
    } while (0)

#define OK OAUTH1_RESULT_OK

#endif
