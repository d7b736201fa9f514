<?php

declare(strict_types=1);

namespace OAuth1;

use FFI\CData;

/**
 * Makes NetSuite SOAP TokenPassport elements for one account, integration
 * and token (oauth1_token_passport_signer): HMAC-SHA256 over
 * account&consumerKey&token&nonce&timestamp keyed with
 * consumerSecret&tokenSecret. Timestamps never go backwards.
 */
final class TokenPassportSigner
{
    use OwnsHandle {
        handle as private;
    }

    private const FREE_FUNCTION = 'oauth1_token_passport_signer_free';
    private const CLOSED_MESSAGE = 'the TokenPassportSigner is closed';

    private ?CData $handle = null;

    /**
     * @param string $account the NetSuite account id: 1234567, 1234567_SB1 or 1234567-sb1 (sent as 1234567_SB1)
     * @throws InvalidParameterException
     */
    public function __construct(
        string $account,
        string $consumerKey,
        string $consumerSecret,
        string $token,
        string $tokenSecret,
    ) {
        $ffi = Library::ffi();
        $handle = $ffi->new('oauth1_token_passport_signer *');
        Library::check($ffi->oauth1_token_passport_signer_new(
            Library::cstr($account, 'account'),
            Library::cstr($consumerKey, 'consumerKey'),
            Library::cstr($consumerSecret, 'consumerSecret'),
            Library::cstr($token, 'token'),
            Library::cstr($tokenSecret, 'tokenSecret'),
            \FFI::addr($handle),
        ));
        $this->handle = $handle;
    }

    /**
     * Signs a TokenPassport: null for the clock and a fresh 20-character nonce,
     * or fixed values (Unix seconds; 6-64 letters and digits).
     *
     * @throws InvalidParameterException e.g. a fixed timestamp earlier than the last one
     */
    public function sign(string|int|null $timestamp = null, ?string $nonce = null): TokenPassport
    {
        $ffi = Library::ffi();
        $passport = $ffi->new('oauth1_token_passport *');
        Library::check($ffi->oauth1_token_passport_signer_sign(
            $this->handle(),
            $timestamp === null ? 0 : 1,
            $timestamp === null ? null : Library::cstr((string) $timestamp, 'timestamp'),
            $nonce === null ? 0 : 1,
            Library::optCstr($nonce, 'nonce'),
            \FFI::addr($passport),
        ));
        return new TokenPassport($passport);
    }
}
