<?php

declare(strict_types=1);

namespace OAuth1;

use FFI\CData;

/**
 * Checks received requests (oauth1_verifier) against the provider's
 * credentials and a nonce store: every check of the core, in its order
 * (tests/conformance/VERIFY.md), the nonce recorded only when every other
 * check passed.
 */
final class Verifier
{
    use OwnsHandle {
        handle as private;
    }

    private const FREE_FUNCTION = 'oauth1_verifier_free';
    private const CLOSED_MESSAGE = 'the Verifier is closed';

    private ?CData $handle = null;
    public readonly MemoryNonceStore $nonceStore;

    /**
     * @param ?MemoryNonceStore $nonceStore null: a new one of its own
     * @param ?list<string> $signatureMethods the methods allowed, exact names; null: the
     *        library's defaults (every method but PLAINTEXT)
     * @param ?int $timestampWindow seconds either way (null: the library's default, 300)
     * @param ?int $now a fixed clock in Unix seconds (tests, replays); null: the system clock
     * @throws UnsupportedSignatureMethodException an unknown method name
     */
    public function __construct(
        public readonly Credentials $credentials,
        ?MemoryNonceStore $nonceStore = null,
        ?array $signatureMethods = null,
        ?int $timestampWindow = null,
        ?int $now = null,
    ) {
        $this->nonceStore = $nonceStore ?? new MemoryNonceStore();
        $ffi = Library::ffi();
        $handle = $ffi->new('oauth1_verifier *');
        Library::check($ffi->oauth1_verifier_new(\FFI::addr($handle)));
        $this->handle = $handle;
        $this->configure($signatureMethods, $timestampWindow, $now);
    }

    /**
     * A verifier for the requests of a provider profile's consumers (e.g. a
     * WooCommerce shop, an LTI 1.1 tool; oauth1_verifier_new_for_profile):
     * exactly the profile's signature methods, then the options as in the
     * constructor.
     *
     * @param ?list<string> $signatureMethods null: the profile's methods
     * @throws InvalidParameterException an unknown profile
     */
    public static function forProfile(
        string $profile,
        Credentials $credentials,
        ?MemoryNonceStore $nonceStore = null,
        ?array $signatureMethods = null,
        ?int $timestampWindow = null,
        ?int $now = null,
    ): self {
        $ffi = Library::ffi();
        $handle = $ffi->new('oauth1_verifier *');
        Library::check($ffi->oauth1_verifier_new_for_profile(Library::cstr($profile, 'profile'), \FFI::addr($handle)));
        $verifier = (new \ReflectionClass(self::class))->newInstanceWithoutConstructor();
        $verifier->handle = $handle;
        $verifier->credentials = $credentials;
        $verifier->nonceStore = $nonceStore ?? new MemoryNonceStore();
        $verifier->configure($signatureMethods, $timestampWindow, $now);
        return $verifier;
    }

    /** The signature methods allowed, by their exact names. @return list<string> */
    public function signatureMethods(): array
    {
        $allowed = [];
        foreach (['HMAC-SHA1', 'HMAC-SHA256', 'HMAC-SHA512', 'PLAINTEXT', 'RSA-SHA1', 'RSA-SHA256', 'RSA-SHA512'] as $name) {
            if ($this->isAllowed($name)) {
                $allowed[] = $name;
            }
        }
        return $allowed;
    }

    /** @param ?list<string> $signatureMethods */
    private function configure(?array $signatureMethods, ?int $timestampWindow, ?int $now): void
    {
        $ffi = Library::ffi();
        $handle = $this->handle();
        try {
            if ($signatureMethods !== null) {
                Library::check($ffi->oauth1_verifier_set_signature_methods($handle, null, 0));
                foreach ($signatureMethods as $method) {
                    $this->allowSignatureMethod($method);
                }
            }
            if ($timestampWindow !== null) {
                Library::check($ffi->oauth1_verifier_set_timestamp_window(
                    $handle,
                    MemoryNonceStore::seconds($timestampWindow, 'timestampWindow'),
                ));
            }
            if ($now !== null) {
                Library::check($ffi->oauth1_verifier_set_clock($handle, MemoryNonceStore::seconds($now, 'now')));
            }
        } catch (\Throwable $e) {
            $this->close();
            throw $e;
        }
    }

    /** Allows one more signature method, by its exact name (e.g. PLAINTEXT, off by default). */
    public function allowSignatureMethod(string $name): void
    {
        Library::check(Library::ffi()->oauth1_verifier_allow_signature_method(
            $this->handle(),
            Library::cstr($name, 'signature method'),
        ));
    }

    public function isAllowed(string $name): bool
    {
        $allowed = Library::ffi()->new('bool');
        Library::check(Library::ffi()->oauth1_verifier_is_allowed(
            $this->handle(),
            Library::cstr($name, 'signature method'),
            \FFI::addr($allowed),
        ));
        return $allowed->cdata;
    }

    /** The timestamp window, in seconds either way. */
    public function timestampWindow(): int
    {
        $seconds = Library::ffi()->new('uint64_t');
        Library::check(Library::ffi()->oauth1_verifier_timestamp_window($this->handle(), \FFI::addr($seconds)));
        return $seconds->cdata;
    }

    /** Goes back to the system clock (after a fixed $now). */
    public function useSystemClock(): void
    {
        Library::check(Library::ffi()->oauth1_verifier_use_system_clock($this->handle()));
    }

    /** The time the checks use now, in Unix seconds. */
    public function now(): int
    {
        $now = Library::ffi()->new('uint64_t');
        Library::check(Library::ffi()->oauth1_verifier_now($this->handle(), \FFI::addr($now)));
        return $now->cdata;
    }

    /**
     * Verifies a received request given with its headers, as a server has them
     * (Authorization and Content-Type are read; names are case-insensitive).
     * $contentType, when given, is sent as a Content-Type header before $headers.
     *
     * @param iterable<string, string|list<string>> $headers
     * @throws VerificationException the request is refused: what to answer
     * @throws OAuth1Exception an input that cannot be passed (e.g. a NUL byte)
     */
    public function verify(
        string $method,
        string $url,
        iterable $headers = [],
        ?string $body = null,
        ?string $contentType = null,
    ): VerifiedRequest {
        $all = [];
        if ($contentType !== null) {
            $all[] = ['Content-Type', $contentType];
        }
        foreach ($headers as $name => $value) {
            $all[] = [$name, $value];
        }
        [$array, $count] = Library::headers(self::grouped($all), $keep);
        // $keep holds the C strings $array points at until the call is done.
        $verifiedRequest = $this->verifyWith(fn (CData $v, CData $c, CData $n, CData $verified, CData $problem) =>
            Library::ffi()->oauth1_verifier_verify_headers(
                $v,
                $c,
                $n,
                Library::cstr($method, 'method'),
                Library::cstr($url, 'url'),
                $array,
                $count,
                $body,
                $body === null ? 0 : strlen($body),
                $verified,
                $problem,
            ));
        unset($keep);
        return $verifiedRequest;
    }

    /**
     * Verifies a received request given its Authorization value (null: none; the
     * parameters may then be in the query or form body).
     *
     * @throws VerificationException the request is refused: what to answer
     */
    public function verifyAuthorization(
        string $method,
        string $url,
        ?string $authorization,
        ?string $body = null,
        ?string $contentType = null,
    ): VerifiedRequest {
        return $this->verifyWith(fn (CData $v, CData $c, CData $n, CData $verified, CData $problem) =>
            Library::ffi()->oauth1_verifier_verify(
                $v,
                $c,
                $n,
                Library::cstr($method, 'method'),
                Library::cstr($url, 'url'),
                Library::optCstr($authorization, 'authorization'),
                $body,
                $body === null ? 0 : strlen($body),
                Library::optCstr($contentType, 'contentType'),
                $verified,
                $problem,
            ));
    }

    /**
     * Runs one verify call: $call(verifier, credentials, nonce store,
     * oauth1_verified **, oauth1_problem **) returns the library's result.
     *
     * @param callable(CData, CData, CData, CData, CData): int $call
     */
    private function verifyWith(callable $call): VerifiedRequest
    {
        $ffi = Library::ffi();
        $verifier = $this->handle();
        $credentials = $this->credentials->handle();
        $nonces = $this->nonceStore->handle();
        $verified = $ffi->new('oauth1_verified *');
        $problem = $ffi->new('oauth1_problem *');
        $result = $call($verifier, $credentials, $nonces, \FFI::addr($verified), \FFI::addr($problem));
        return self::outcome($result, $verified, $problem);
    }

    /**
     * Headers as name => list of values, keeping each (name, value) pair even
     * when names repeat in different cases.
     *
     * @param list<array{0: string, 1: string|list<string>}> $pairs
     * @return \Generator<string, list<string>>
     */
    private static function grouped(array $pairs): \Generator
    {
        foreach ($pairs as [$name, $value]) {
            yield (string) $name => array_values((array) $value);
        }
    }

    private static function outcome(int $result, CData $verified, CData $problem): VerifiedRequest
    {
        $ffi = Library::ffi();
        if ($result === 13) {
            throw new VerificationException($problem);
        }
        Library::check($result);
        try {
            $optional = fn (string $function) => Library::stringOut(
                fn ($out) => $ffi->$function($verified, $out),
                true,
            );
            $timestamp = $ffi->new('uint64_t');
            $found = $ffi->oauth1_verified_timestamp($verified, \FFI::addr($timestamp));
            if ($found !== 4) {
                Library::check($found);
            }
            return new VerifiedRequest(
                $optional('oauth1_verified_consumer_key'),
                $optional('oauth1_verified_token'),
                $optional('oauth1_verified_signature_method'),
                $optional('oauth1_verified_realm'),
                $optional('oauth1_verified_nonce'),
                $found === 4 ? null : $timestamp->cdata,
                $optional('oauth1_verified_parameter_location'),
                Library::pairs(
                    fn ($count) => $ffi->oauth1_verified_oauth_parameter_count($verified, $count),
                    fn ($i, $name, $value) => $ffi->oauth1_verified_oauth_parameter($verified, $i, $name, $value),
                ),
            );
        } finally {
            $ffi->oauth1_verified_free($verified);
        }
    }
}
