/*
 * Proves the sanitizer runtimes are really active in the C test build: built
 * with the same flags as the tests, `canary asan` must die with an
 * AddressSanitizer report and `canary ubsan` with an UndefinedBehaviorSanitizer
 * one. mk/c.mk fails the run when either goes unnoticed.
 */
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

int main(int argc, char **argv) {
    if (argc > 1 && strcmp(argv[1], "asan") == 0) {
        volatile char *p = malloc(8);
        p[8] = 1; /* heap-buffer-overflow */
        free((void *)p);
    } else if (argc > 1 && strcmp(argv[1], "ubsan") == 0) {
        volatile int big = INT_MAX;
        int sum = big + argc; /* signed overflow */
        printf("%d\n", sum);
    }
    return 0;
}
