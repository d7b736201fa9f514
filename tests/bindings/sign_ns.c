/*
 * The C figure the binding benchmarks (bench-node, bench-go) divide by: the
 * standard request of `make bench` (crates/oauth1/benches/common/mod.rs,
 * tests/c/bench.c) signed through the C API in a loop, as tests/c/bench.c
 * does (tests/c/bench_common.h: sign, render the Authorization header, free
 * both; options made once).
 * Run once per round by the language's benchmark, so that both share the
 * machine's moment; prints the median ns per signing of its own rounds.
 *
 *   sign_ns [ITERS [ROUNDS]]   (default 20000 iterations, 1 round)
 */
#define _POSIX_C_SOURCE 200809L
#include "../c/bench_common.h"

int main(int argc, char **argv) {
    long iters = argc > 1 ? atol(argv[1]) : 20000;
    long rounds = argc > 2 ? atol(argv[2]) : 1;
    if (iters < 1 || rounds < 1 || rounds > 1000) {
        fprintf(stderr, "usage: sign_ns [ITERS [ROUNDS]]\n");
        return 2;
    }
    oauth1_signer *signer = NULL;
    oauth1_sign_options *options = NULL;
    standard_signer(&signer, &options);

    size_t sink = 0;
    double *samples = calloc((size_t)rounds, sizeof *samples);
    for (long r = -1; r < rounds; r++) { /* round -1 warms up */
        double start = now_ns();
        for (long i = 0; i < iters; i++) {
            char header[512];
            sink += sign_standard(signer, options, i == 0 ? header : NULL, sizeof header);
            if (i == 0 && strstr(header, SIGNATURE_ENCODED) == NULL) {
                fprintf(stderr, "sign_ns: not the standard signature %s: %s\n", SIGNATURE, header);
                return 1;
            }
        }
        if (r >= 0) samples[r] = (now_ns() - start) / (double)iters;
    }
    qsort(samples, (size_t)rounds, sizeof *samples, cmp_double);
    printf("%.1f\n", samples[rounds / 2]);
    free(samples);
    oauth1_sign_options_free(options);
    oauth1_signer_free(signer);
    return sink == 0;
}
