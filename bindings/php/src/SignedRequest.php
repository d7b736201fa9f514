<?php

declare(strict_types=1);

namespace OAuth1;

use FFI\CData;

/**
 * A signed request (oauth1_signed): the signature, what it covers, and
 * every way to send it: Authorization header, URL query or form body
 * (RFC 5849 s3.5). Each getter asks the library.
 */
final class SignedRequest
{
    use OwnsHandle {
        handle as private;
    }

    private const FREE_FUNCTION = 'oauth1_signed_free';
    private const CLOSED_MESSAGE = 'the SignedRequest is closed';

    /** @internal */
    public function __construct(private ?CData $handle)
    {
    }

    /** The signature (oauth_signature), not percent-encoded. */
    public function signature(): string
    {
        return $this->get('oauth1_signed_signature');
    }

    /** The signature base string: compare it with the provider's to debug an invalid signature. */
    public function baseString(): string
    {
        return $this->get('oauth1_signed_base_string');
    }

    /** The normalized request parameters (RFC 5849 s3.4.1.3.2). */
    public function normalizedParameters(): string
    {
        return $this->get('oauth1_signed_normalized_parameters');
    }

    /** The Authorization header value: `OAuth realm="...", oauth_consumer_key="...", ...`. */
    public function authorizationHeader(): string
    {
        return $this->get('oauth1_signed_authorization_header');
    }

    /** @return array{Authorization: string} */
    public function headers(): array
    {
        return ['Authorization' => $this->authorizationHeader()];
    }

    /** The URL with the protocol parameters added to its query (RFC 5849 s3.5.3). */
    public function signedUrl(): string
    {
        return $this->get('oauth1_signed_url');
    }

    /**
     * The form body with the protocol parameters appended (RFC 5849 s3.5.2).
     *
     * @throws InvalidParameterException the request's body is not a form
     */
    public function signedFormBody(): string
    {
        return $this->get('oauth1_signed_form_body');
    }

    /** The protocol parameters as one encoded `oauth_...=...&...` string, oauth_signature last. */
    public function oauthQuery(): string
    {
        return $this->get('oauth1_signed_oauth_query');
    }

    /**
     * The protocol parameters sent, decoded, in order (oauth_signature last; no realm).
     *
     * @return list<array{0: string, 1: string}>
     */
    public function oauthParameters(): array
    {
        $ffi = Library::ffi();
        $handle = $this->handle();
        return Library::pairs(
            fn ($count) => $ffi->oauth1_signed_oauth_parameter_count($handle, $count),
            fn ($i, $name, $value) => $ffi->oauth1_signed_oauth_parameter($handle, $i, $name, $value),
        );
    }

    private function get(string $function): string
    {
        $slot = Library::stringSlot();
        Library::check(Library::ffi()->$function($this->handle(), \FFI::addr($slot)));
        return Library::take($slot);
    }
}
