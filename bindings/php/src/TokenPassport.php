<?php

declare(strict_types=1);

namespace OAuth1;

use FFI\CData;

/**
 * A signed NetSuite TokenPassport (oauth1_token_passport): its values, and
 * toXml() for the SOAP header element.
 */
final class TokenPassport
{
    use OwnsHandle {
        handle as private;
    }

    private const FREE_FUNCTION = 'oauth1_token_passport_free';
    private const CLOSED_MESSAGE = 'the TokenPassport is closed';

    /** @internal made by TokenPassportSigner::sign(), which hands over the handle */
    public function __construct(private ?CData $handle)
    {
    }

    /** The base64 signature. */
    public function signature(): string
    {
        return $this->get('oauth1_token_passport_signature');
    }

    /** The signed base string, account&consumerKey&token&nonce&timestamp. */
    public function baseString(): string
    {
        return $this->get('oauth1_token_passport_base_string');
    }

    /** The timestamp sent (Unix seconds, as text). */
    public function timestamp(): string
    {
        return $this->get('oauth1_token_passport_timestamp');
    }

    public function nonce(): string
    {
        return $this->get('oauth1_token_passport_nonce');
    }

    /** The signature algorithm NetSuite is told: the only one a TokenPassport uses. */
    public function algorithm(): string
    {
        return 'HMAC-SHA256';
    }

    /**
     * The <tokenPassport> element for the SOAP header; $namespace (e.g.
     * urn:messages_2024_2.platform.webservices.netsuite.com) is declared as
     * its default namespace.
     */
    public function toXml(?string $namespace = null): string
    {
        $handle = $this->handle();
        $namespace = Library::optCstr($namespace, 'namespace');
        return Library::stringOut(fn ($out) => Library::ffi()->oauth1_token_passport_xml($handle, $namespace, $out));
    }

    private function get(string $function): string
    {
        $handle = $this->handle();
        return Library::stringOut(fn ($out) => Library::ffi()->$function($handle, $out));
    }
}
