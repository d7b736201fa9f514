<?php

/**
 * The PHP conformance runner: every case of the conformance files found in a
 * folder, through the PHP binding (bindings/php) as a user would call it.
 * Prints, per file, "php vectors.json: N passed, M failed", then each
 * failure's case id and the first field that differs; exits 1 on any failure
 * and 2 when the folder holds none of the files it knows. A case it cannot
 * run (unreadable, unknown shape) is a failure; nothing is skipped silently.
 *
 *     php tests/php/conformance.php [DIR]   (default: CONFORMANCE_DIR, then tests/conformance/vectors)
 *
 * The same case handling as tests/python/conformance.py and tests/c/conformance.c.
 */

declare(strict_types=1);

require __DIR__ . '/../../bindings/php/autoload.php';

use OAuth1\Credentials;
use OAuth1\MemoryNonceStore;
use OAuth1\OAuth1Exception;
use OAuth1\Omit;
use OAuth1\SignedRequest;
use OAuth1\Signer;
use OAuth1\UnsupportedSignatureMethodException;
use OAuth1\VerificationException;
use OAuth1\VerifiedRequest;
use OAuth1\Verifier;

/** The case itself is malformed: it cannot be run. */
final class CaseError extends Exception
{
}

function is_object_array(mixed $v): bool
{
    return is_array($v) && ($v === [] || !array_is_list($v));
}

/** @param list<string> $types */
function field(mixed $block, string $name, array $types, string $blockName): mixed
{
    if (!is_object_array($block)) {
        throw new CaseError("{$blockName} is not an object");
    }
    if (!array_key_exists($name, $block)) {
        throw new CaseError("{$blockName}.{$name} is missing");
    }
    $value = $block[$name];
    $type = match (true) {
        is_string($value) => 'string',
        is_int($value) => 'int',
        is_bool($value) => 'bool',
        $value === null => 'null',
        is_object_array($value) => 'object',
        is_array($value) => 'list',
        default => get_debug_type($value),
    };
    if (!in_array($type, $types, true)) {
        throw new CaseError("{$blockName}.{$name} has type {$type}");
    }
    return $value;
}

/** Signs a signing case's input through the binding, as a user would. */
function sign_case(array $case): SignedRequest
{
    $request = $case['request'] ?? null;
    $o = $case['oauth'] ?? null;
    if (!is_object_array($request)) {
        throw new CaseError('request is missing or not an object');
    }
    if (!is_object_array($o)) {
        throw new CaseError('oauth is missing or not an object');
    }
    $opt = static fn (string $name): ?string => ($o[$name] ?? null) === null ? null : field($o, $name, ['string'], 'oauth');
    $extra = $o['extra_oauth_params'] ?? [];
    if (!is_array($extra) || ($extra !== [] && array_is_list($extra)) || array_filter($extra, 'is_string') !== $extra) {
        throw new CaseError('oauth.extra_oauth_params is not an object of strings');
    }
    $token = $opt('token');
    $signer = new Signer(
        field($o, 'consumer_key', ['string'], 'oauth'),
        field($o, 'consumer_secret', ['string'], 'oauth'),
        token: $token,
        tokenSecret: $token === null ? null : ($opt('token_secret') ?? ''),
        signatureMethod: field($o, 'signature_method', ['string'], 'oauth'),
        realm: $opt('realm'),
        rsaPrivateKey: $opt('rsa_private_key_pem'),
        includeVersion: $opt('version') !== null,
        bodyHash: (bool) ($o['body_hash'] ?? false),
    );
    $timestamp = $opt('timestamp');
    $nonce = $opt('nonce');
    return $signer->sign(
        field($request, 'method', ['string'], 'request'),
        field($request, 'url', ['string'], 'request'),
        array_key_exists('body', $request) ? field($request, 'body', ['string', 'null'], 'request') : null,
        array_key_exists('content_type', $request) ? field($request, 'content_type', ['string', 'null'], 'request') : null,
        timestamp: $timestamp ?? Omit::Parameter,
        nonce: $nonce ?? Omit::Parameter,
        callback: $opt('callback'),
        verifier: $opt('verifier'),
        extraOAuthParams: $extra,
    );
}

function expect_field(array $case, string $field): string
{
    return field($case['expect'] ?? null, $field, ['string'], 'expect');
}

function check_vector(array $case): ?string
{
    try {
        $signed = sign_case($case);
    } catch (OAuth1Exception $e) {
        return "refused: {$e->kind()}: {$e->getMessage()}";
    }
    foreach (['normalized_parameters' => 'normalizedParameters', 'base_string' => 'baseString', 'signature' => 'signature'] as $field => $getter) {
        $want = expect_field($case, $field);
        $got = $signed->$getter();
        if ($got !== $want) {
            return "{$field}: expected " . json_encode($want) . ', got ' . json_encode($got);
        }
    }
    return null;
}

function check_error(array $case): ?string
{
    $want = expect_field($case, 'error');
    try {
        $signed = sign_case($case);
    } catch (OAuth1Exception $e) {
        return $e->kind() === $want ? null : "error: expected {$want}, got {$e->kind()}: {$e->getMessage()}";
    }
    return "error: expected {$want}, got a signature " . json_encode($signed->signature());
}

/**
 * The provider of a `provider` block (VERIFY.md, "Provider model"). Method names
 * the library does not know are left out of the allowed list, as in the Rust
 * runner: no request can use them anyway.
 */
function build_provider(mixed $block): Verifier
{
    $now = field($block, 'now', ['int'], 'provider');
    $window = field($block, 'timestamp_window', ['int'], 'provider');
    $credentials = new Credentials();
    foreach (field($block, 'consumers', ['object'], 'provider') as $key => $consumer) {
        $where = 'provider.consumers[' . json_encode((string) $key) . ']';
        $credentials->addConsumer(
            (string) $key,
            field($consumer, 'secret', ['string', 'null'], $where),
            field($consumer, 'rsa_public_key_pem', ['string', 'null'], $where),
        );
    }
    foreach (field($block, 'tokens', ['object'], 'provider') as $token => $t) {
        $where = 'provider.tokens[' . json_encode((string) $token) . ']';
        $credentials->addToken((string) $token, field($t, 'secret', ['string'], $where), field($t, 'consumer_key', ['string'], $where));
    }
    $nonces = new MemoryNonceStore();
    foreach (field($block, 'seen_nonces', ['list', 'object'], 'provider') as $entry) {
        if (!(is_array($entry) && array_is_list($entry) && count($entry) === 4 && is_int($entry[2])
            && is_string($entry[0]) && is_string($entry[1]) && is_string($entry[3]))) {
            throw new CaseError('provider.seen_nonces entry ' . json_encode($entry) . ' is not [str, str, int, str]');
        }
        $nonces->checkAndRecord($entry[0], $entry[1], $entry[2], $entry[3], $now, $window);
    }
    $verifier = new Verifier($credentials, $nonces, signatureMethods: [], timestampWindow: $window, now: $now);
    foreach (field($block, 'signature_methods', ['list', 'object'], 'provider') as $method) {
        if (!is_string($method)) {
            throw new CaseError('a signature method is not a string');
        }
        try {
            $verifier->allowSignatureMethod($method);
        } catch (UnsupportedSignatureMethodException) {
            // not one the library knows: no request can use it
        }
    }
    return $verifier;
}

/** Verifies a case's request through the binding, as a provider would. */
function verify_request(Verifier $verifier, mixed $request): VerifiedRequest|VerificationException
{
    if (!is_object_array($request)) {
        throw new CaseError('request is missing or not an object');
    }
    $headers = array_key_exists('headers', $request) ? field($request, 'headers', ['object'], 'request') : [];
    foreach ($headers as $name => $value) {
        if (!is_string($value)) {
            throw new CaseError("request.headers.{$name} is not a string");
        }
    }
    try {
        return $verifier->verify(
            field($request, 'method', ['string'], 'request'),
            field($request, 'url', ['string'], 'request'),
            $headers,
            array_key_exists('body', $request) ? field($request, 'body', ['string', 'null'], 'request') : null,
            array_key_exists('content_type', $request) ? field($request, 'content_type', ['string', 'null'], 'request') : null,
        );
    } catch (VerificationException $e) {
        return $e;
    }
}

/** The first difference between an outcome and a case's `expect`. */
function compare_verify(mixed $expect, VerifiedRequest|VerificationException $outcome): ?string
{
    $ok = field($expect, 'ok', ['bool'], 'expect');
    if ($ok) {
        return $outcome instanceof VerificationException ? "expected ok, got {$outcome->problem}: {$outcome->getMessage()}" : null;
    }
    $want = field($expect, 'problem', ['string'], 'expect');
    $wantParams = array_key_exists('parameters', $expect) ? field($expect, 'parameters', ['list', 'object'], 'expect') : [];
    if (!$outcome instanceof VerificationException) {
        return "expected {$want} " . json_encode($wantParams) . ', got ok';
    }
    if ($outcome->problem !== $want) {
        return "problem: expected {$want}, got {$outcome->problem}: {$outcome->getMessage()}";
    }
    if ($outcome->parameters !== $wantParams) {
        return 'parameters: expected ' . json_encode($wantParams) . ', got ' . json_encode($outcome->parameters) . " ({$outcome->getMessage()})";
    }
    return null;
}

function check_verify(array $case): ?string
{
    $verifier = build_provider($case['provider'] ?? null);
    return compare_verify($case['expect'] ?? null, verify_request($verifier, $case['request'] ?? null));
}

const RUNNERS = [
    'vectors.json' => 'check_vector',
    'errors.json' => 'check_error',
    'verify.json' => 'check_verify',
];

/** @return array{0: int, 1: list<array{0: string, 1: string}>} passed, [(case id, what differs)] */
function run_file(string $path, callable $runner): array
{
    $text = @file_get_contents($path);
    if ($text === false) {
        return [0, [[$path, 'cannot read it']]];
    }
    try {
        $cases = json_decode($text, true, 512, JSON_THROW_ON_ERROR);
    } catch (JsonException $e) {
        return [0, [[$path, "cannot read: {$e->getMessage()}"]]];
    }
    if (!is_array($cases) || !array_is_list($cases)) {
        return [0, [[$path, 'not a JSON list']]];
    }
    $passed = 0;
    $failures = [];
    foreach ($cases as $i => $case) {
        $id = is_object_array($case) && is_string($case['id'] ?? null) ? $case['id'] : "#{$i}";
        try {
            $outcome = is_object_array($case) ? $runner($case) : 'case is not an object';
        } catch (CaseError $e) {
            $outcome = "cannot run: {$e->getMessage()}";
        } catch (Throwable $e) { // a case the runner cannot run is a failure
            $outcome = 'cannot run: ' . get_class($e) . ": {$e->getMessage()}";
        }
        if ($outcome === null) {
            $passed++;
        } else {
            $failures[] = [$id, $outcome];
        }
    }
    return [$passed, $failures];
}

function main(array $argv): int
{
    $folder = $argv[1] ?? (getenv('CONFORMANCE_DIR') ?: 'tests/conformance/vectors');
    if (!is_dir($folder)) {
        fwrite(STDERR, "php: {$folder} is not a folder\n");
        return 2;
    }
    $failed = false;
    $ran = 0;
    foreach (RUNNERS as $name => $runner) {
        $path = "{$folder}/{$name}";
        if (!file_exists($path)) {
            continue;
        }
        $ran++;
        [$passed, $failures] = run_file($path, $runner);
        echo "php {$name}: {$passed} passed, " . count($failures) . " failed\n";
        foreach ($failures as [$id, $why]) {
            echo "  FAIL {$id}: {$why}\n";
        }
        $failed = $failed || $failures !== [];
    }
    if ($ran === 0) {
        fwrite(STDERR, 'php: none of ' . implode(', ', array_keys(RUNNERS)) . " in {$folder}\n");
        return 2;
    }
    return $failed ? 1 : 0;
}

exit(main($argv));
