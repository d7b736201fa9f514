/*
 * The C API's figure for the bindings' benchmarks (`make bench-php`,
 * `make bench-ruby`): signs the project's standard request exactly as
 * tests/c/bench.c does (tests/c/bench_common.h; rounds of 20 000 after a
 * warm-up) and prints the median nanoseconds per signature. A binding's
 * bench runs it between its own rounds, so the ratio of the two shares the
 * machine's moment.
 *
 *   sign_median [ROUNDS]   (default 5)
 */
#define _POSIX_C_SOURCE 200809L
#include "bench_common.h"

static oauth1_signer *signer;
static oauth1_sign_options *options;
static volatile size_t sink;

#define ITERS 20000
#define MAX_ROUNDS 101

int main(int argc, char **argv) {
    int rounds = argc > 1 ? atoi(argv[1]) : 5;
    if (rounds < 1) rounds = 1;
    if (rounds > MAX_ROUNDS) rounds = MAX_ROUNDS;
    standard_signer(&signer, &options);
    for (int i = 0; i < ITERS; i++) sink += sign_standard(signer, options, NULL, 0);
    double samples[MAX_ROUNDS];
    for (int k = 0; k < rounds; k++) {
        double start = now_ns();
        for (int i = 0; i < ITERS; i++) sink += sign_standard(signer, options, NULL, 0);
        samples[k] = (now_ns() - start) / ITERS;
    }
    qsort(samples, (size_t)rounds, sizeof samples[0], cmp_double);
    printf("%.1f\n", samples[rounds / 2]);
    oauth1_sign_options_free(options);
    oauth1_signer_free(signer);
    return 0;
}
