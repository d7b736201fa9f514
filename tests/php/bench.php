<?php

/**
 * `make bench-php`: signs the project's standard request (POST, query + form
 * body, HMAC-SHA256, realm, fixed timestamp and nonce; the one of
 * `make bench`) through the PHP binding and, in the same run and round by
 * round, with the PECL oauth extension (Debian php-oauth:
 * OAuth::getRequestHeader, the Authorization header, the body parsed with
 * parse_str as its API needs) and through the C API (tests/c/sign_median.c,
 * a process run between the rounds). Prints each median and the ratios, and
 * what one FFI call costs from PHP. Prints only: timings are asserted nowhere.
 *
 *     php tests/php/bench.php C_SIGN_MEDIAN
 */

declare(strict_types=1);

require __DIR__ . '/../../bindings/php/autoload.php';

use OAuth1\Library;
use OAuth1\OAuth1;
use OAuth1\SignOptions;
use OAuth1\Signer;

const URL = 'https://api.example.com:443/v1/records/search?limit=50&offset=100&q=caf%C3%A9%20au%20lait';
const BODY = 'status=active&tags=a%2Cb&name=John+Doe';
const FORM = 'application/x-www-form-urlencoded';
const CK = 'ck_5f4dcc3b5aa765d61d8327deb882cf99';
const CS = 'cs_2c26b46b68ffc68ff99b453c1d30413413422d706';
const TK = 'tk_6b86b273ff34fce19d6b804eff5a3f57';
const TS = 'ts_d4735e3a265e46eff7f4b6f0b3e2ab4b';
const ENCODED_SIGNATURE = '7YW4s%2FRtwCowc9nBLyiBo%2FEfsYqdRKwcZmi%2BE0%2BWDxI%3D';
const ROUNDS = 15;
const ITERS = 20000;

/** @param callable(): string $f */
function round_ns(callable $f, int $iters): float
{
    $start = hrtime(true);
    for ($i = 0; $i < $iters; $i++) {
        $f();
    }
    return (hrtime(true) - $start) / $iters;
}

/** @param list<float> $xs */
function median(array $xs): float
{
    sort($xs);
    return $xs[intdiv(count($xs), 2)];
}

function main(array $argv): int
{
    $cProgram = $argv[1] ?? null;
    if ($cProgram === null || !is_executable($cProgram)) {
        fwrite(STDERR, "usage: php tests/php/bench.php C_SIGN_MEDIAN\n");
        return 2;
    }
    if (!extension_loaded('oauth')) {
        fwrite(STDERR, "the PECL oauth extension (Debian php-oauth) is not loaded\n");
        return 2;
    }
    $signer = new Signer(CK, CS, token: TK, tokenSecret: TS, signatureMethod: 'HMAC-SHA256', realm: '1234567_SB1');
    $options = new SignOptions(timestamp: '1700000000', nonce: 'kllo9940pd9333jh');
    $ours = static fn (): string => $signer->sign('POST', URL, BODY, FORM, options: $options)->authorizationHeader();
    $oursPerCall = static fn (): string => $signer->sign('POST', URL, BODY, FORM, timestamp: '1700000000',
        nonce: 'kllo9940pd9333jh')->authorizationHeader();
    $pecl = new OAuth(CK, CS, OAUTH_SIG_METHOD_HMACSHA256, OAUTH_AUTH_TYPE_AUTHORIZATION);
    $pecl->setToken(TK, TS);
    $pecl->setTimestamp('1700000000');
    $pecl->setNonce('kllo9940pd9333jh');
    $pecl->setVersion('1.0');
    $theirs = static function () use ($pecl): string {
        parse_str(BODY, $parameters);
        return $pecl->getRequestHeader('POST', URL, $parameters);
    };
    // One FFI call with next to no work in the library: what crossing costs.
    $ffi = Library::ffi();
    $crossing = static fn (): int => $ffi->oauth1_last_error_message(null, 0);

    // Same request, same answer: the comparison is fair.
    foreach (['this binding' => $ours(), 'this binding, per-call options' => $oursPerCall(), 'PECL oauth' => $theirs()] as $who => $header) {
        if (!str_contains($header, 'oauth_signature="' . ENCODED_SIGNATURE . '"')) {
            fwrite(STDERR, "{$who} gave another signature: {$header}\n");
            return 1;
        }
    }

    $contenders = [
        'ours' => [$ours, ITERS],
        'per-call' => [$oursPerCall, ITERS],
        'pecl' => [$theirs, ITERS],
        'crossing' => [$crossing, ITERS * 5],
    ];
    foreach ($contenders as [$f, $iters]) { // warm up
        round_ns($f, intdiv($iters, 10));
    }
    $samples = array_fill_keys([...array_keys($contenders), 'c'], []);
    for ($round = 0; $round < ROUNDS; $round++) {
        foreach ($contenders as $name => [$f, $iters]) {
            $samples[$name][] = round_ns($f, $iters);
        }
        $c = trim((string) shell_exec(escapeshellarg($cProgram) . ' 1'));
        if (!is_numeric($c)) {
            fwrite(STDERR, "{$cProgram} printed no figure\n");
            return 1;
        }
        $samples['c'][] = (float) $c;
    }
    $m = array_map('median', $samples);
    $cValue = $m['c'];
    printf("php bench: standard request (POST, query + form body, HMAC-SHA256, realm), fixed nonce and timestamp; PHP %s, FFI\n", PHP_VERSION);
    printf("  %-44s %-44s median %8.0f ns\n", 'liboauth1 ' . OAuth1::version() . ' C API (same run)', 'oauth1_signer_sign + header + free', $cValue);
    printf("  %-44s %-44s median %8.0f ns  (%.1fx C)\n", 'liboauth1 PHP binding', 'sign(options: prepared)->authorizationHeader()', $m['ours'], $m['ours'] / $cValue);
    printf("  %-44s %-44s median %8.0f ns  (%.1fx C)\n", 'liboauth1 PHP binding', 'sign(timestamp:, nonce:)->authorizationHeader()', $m['per-call'], $m['per-call'] / $cValue);
    printf("  %-44s %-44s median %8.0f ns  (%.1fx C)\n", 'PECL oauth ' . phpversion('oauth') . ' (C extension)', 'parse_str + OAuth::getRequestHeader()', $m['pecl'], $m['pecl'] / $cValue);
    printf("  %-44s %-44s median %8.0f ns\n", 'one FFI call from PHP', 'oauth1_last_error_message(NULL, 0)', $m['crossing']);
    $overhead = $m['ours'] - $cValue;
    printf(
        "php bench: the binding signs in %.2f µs, %.1fx the C API's %.2f µs and %.2fx PECL oauth's %.2f µs (%s); "
        . "the binding's own cost is %.2f µs (%.0f%% of its time): 4 FFI calls (sign, header, string_free, signed_free) "
        . "at ~%.0f ns each = %.2f µs (PHP's FFI looks the function up by name and prepares the libffi call on every call), "
        . "the rest the CData slots, argument checks and copying the header out\n",
        $m['ours'] / 1000, $m['ours'] / $cValue, $cValue / 1000, $m['ours'] / $m['pecl'], $m['pecl'] / 1000,
        $m['ours'] <= $m['pecl'] ? sprintf('%.1fx faster', $m['pecl'] / $m['ours']) : sprintf('%.1fx slower', $m['ours'] / $m['pecl']),
        $overhead / 1000, 100 * $overhead / $m['ours'], $m['crossing'], 4 * $m['crossing'] / 1000,
    );
    return 0;
}

exit(main($argv));
