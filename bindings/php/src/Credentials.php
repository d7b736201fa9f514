<?php

declare(strict_types=1);

namespace OAuth1;

use FFI\CData;

/**
 * The provider's credentials held in memory (oauth1_credentials): consumers
 * with their secret and/or RSA public key, tokens with their secret and the
 * consumer they were issued to.
 */
final class Credentials
{
    use OwnsHandle;

    private const FREE_FUNCTION = 'oauth1_credentials_free';
    private const CLOSED_MESSAGE = 'the Credentials are closed';

    private ?CData $handle = null;

    public function __construct()
    {
        $ffi = Library::ffi();
        $handle = $ffi->new('oauth1_credentials *');
        Library::check($ffi->oauth1_credentials_new(\FFI::addr($handle)));
        $this->handle = $handle;
    }

    /**
     * Adds (or replaces) a consumer.
     *
     * @param ?string $secret for HMAC-* and PLAINTEXT
     * @param ?string $rsaPublicKey PEM (BEGIN PUBLIC KEY or BEGIN RSA PUBLIC KEY), for RSA-*
     * @throws InvalidKeyException the PEM cannot be parsed (nothing changed)
     */
    public function addConsumer(string $consumerKey, ?string $secret, ?string $rsaPublicKey = null): void
    {
        Library::check(Library::ffi()->oauth1_credentials_add_consumer(
            $this->handle(),
            Library::cstr($consumerKey, 'consumerKey'),
            Library::optCstr($secret, 'secret'),
            Library::optCstr($rsaPublicKey, 'rsaPublicKey'),
        ));
    }

    /** Adds (or replaces) a token, its secret and the key of the consumer it was issued to. */
    public function addToken(string $token, string $secret, string $consumerKey): void
    {
        Library::check(Library::ffi()->oauth1_credentials_add_token(
            $this->handle(),
            Library::cstr($token, 'token'),
            Library::cstr($secret, 'secret'),
            Library::cstr($consumerKey, 'consumerKey'),
        ));
    }

    /** Removes a consumer; false when it was not there. */
    public function removeConsumer(string $consumerKey): bool
    {
        return self::removed(Library::ffi()->oauth1_credentials_remove_consumer(
            $this->handle(),
            Library::cstr($consumerKey, 'consumerKey'),
        ));
    }

    /** Removes a token (exchanged, revoked or expired); false when it was not there. */
    public function removeToken(string $token): bool
    {
        return self::removed(Library::ffi()->oauth1_credentials_remove_token(
            $this->handle(),
            Library::cstr($token, 'token'),
        ));
    }

    private static function removed(int $result): bool
    {
        if ($result === 4) {
            return false;
        }
        Library::check($result);
        return true;
    }

    public function consumerCount(): int
    {
        $handle = $this->handle();
        return Library::sizeOut(fn ($out) => Library::ffi()->oauth1_credentials_consumer_count($handle, $out));
    }

    public function tokenCount(): int
    {
        $handle = $this->handle();
        return Library::sizeOut(fn ($out) => Library::ffi()->oauth1_credentials_token_count($handle, $out));
    }
}
