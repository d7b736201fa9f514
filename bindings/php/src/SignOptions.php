<?php

declare(strict_types=1);

namespace OAuth1;

use FFI\CData;

/**
 * Per-request protocol parameters (oauth1_sign_options): timestamp, nonce,
 * callback, verifier and further oauth_* parameters. Made once, it may be
 * passed to many Signer::sign() calls.
 */
final class SignOptions
{
    use OwnsHandle;

    private const FREE_FUNCTION = 'oauth1_sign_options_free';
    private const CLOSED_MESSAGE = 'the SignOptions are closed';

    private ?CData $handle = null;

    /**
     * @param string|int|Omit|null $timestamp null: the clock; a fixed value; or Omit::Parameter
     * @param string|Omit|null $nonce null: a fresh random nonce; a fixed value; or Omit::Parameter
     * @param ?string $callback oauth_callback (request-token requests)
     * @param ?string $verifier oauth_verifier (access-token requests)
     * @param iterable<string, string> $extraOAuthParams further oauth_* parameters, raw values
     */
    public function __construct(
        string|int|Omit|null $timestamp = null,
        string|Omit|null $nonce = null,
        ?string $callback = null,
        ?string $verifier = null,
        iterable $extraOAuthParams = [],
    ) {
        $ffi = Library::ffi();
        $handle = $ffi->new('oauth1_sign_options *');
        Library::check($ffi->oauth1_sign_options_new(\FFI::addr($handle)));
        $this->handle = $handle;
        try {
            [$mode, $value] = self::generated(is_int($timestamp) ? (string) $timestamp : $timestamp, 'timestamp');
            Library::check($ffi->oauth1_sign_options_set_timestamp($handle, $mode, $value));
            [$mode, $value] = self::generated($nonce, 'nonce');
            Library::check($ffi->oauth1_sign_options_set_nonce($handle, $mode, $value));
            if ($callback !== null) {
                Library::check($ffi->oauth1_sign_options_set_callback($handle, Library::cstr($callback, 'callback')));
            }
            if ($verifier !== null) {
                Library::check($ffi->oauth1_sign_options_set_verifier($handle, Library::cstr($verifier, 'verifier')));
            }
            foreach ($extraOAuthParams as $name => $value) {
                Library::check($ffi->oauth1_sign_options_add_extra_oauth_param(
                    $handle,
                    Library::cstr((string) $name, 'an extra parameter name'),
                    Library::cstr($value, "extra parameter {$name}"),
                ));
            }
        } catch (\Throwable $e) {
            // A constructor that throws gets no __destruct.
            $this->close();
            throw $e;
        }
    }

    /** @return array{0: int, 1: ?string} the oauth1_generated mode and value */
    private static function generated(string|Omit|null $value, string $what): array
    {
        return match (true) {
            $value === null => [0, null],
            $value instanceof Omit => [2, null],
            default => [1, Library::cstr($value, $what)],
        };
    }
}
