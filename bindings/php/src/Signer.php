<?php

declare(strict_types=1);

namespace OAuth1;

use FFI\CData;

/**
 * Signs requests with one set of credentials (oauth1_signer). Immutable
 * once made; build one per set of credentials and reuse it.
 */
final class Signer
{
    use OwnsHandle {
        handle as private;
    }

    private const FREE_FUNCTION = 'oauth1_signer_free';
    private const CLOSED_MESSAGE = 'the Signer is closed';

    private ?CData $handle = null;

    /**
     * @param string $consumerKey the client's (consumer's) key
     * @param string $consumerSecret the client's secret ('' for RSA-only clients)
     * @param ?string $token request or access token; null sends no oauth_token, '' an empty one
     * @param ?string $tokenSecret the token's secret ('' when null)
     * @param string $signatureMethod HMAC-SHA1, HMAC-SHA256, HMAC-SHA512, PLAINTEXT, RSA-SHA1, RSA-SHA256 or RSA-SHA512
     * @param ?string $realm the Authorization header's realm (e.g. a NetSuite account id); never signed
     * @param ?string $rsaPrivateKey PKCS#8 or PKCS#1 PEM, for the RSA methods
     * @param bool $includeVersion send oauth_version=1.0
     * @param bool|string $bodyHash when oauth_body_hash is sent: the policy "off", "non-form" or
     *        "always" (oauth1_signer_builder_set_body_hash_policy); true is "always", false "off"
     * @param ?int $nonceLength nonce length (default 32)
     * @param ?string $nonceAlphabet nonce characters (default letters and digits)
     *
     * @throws UnsupportedSignatureMethodException|InvalidKeyException|InvalidParameterException
     */
    public function __construct(
        string $consumerKey,
        string $consumerSecret = '',
        ?string $token = null,
        ?string $tokenSecret = null,
        string $signatureMethod = 'HMAC-SHA1',
        ?string $realm = null,
        ?string $rsaPrivateKey = null,
        bool $includeVersion = true,
        bool|string $bodyHash = false,
        ?int $nonceLength = null,
        ?string $nonceAlphabet = null,
    ) {
        $ffi = Library::ffi();
        $builder = $ffi->new('oauth1_signer_builder *');
        Library::check($ffi->oauth1_signer_builder_new(
            Library::cstr($consumerKey, 'consumerKey'),
            Library::cstr($consumerSecret, 'consumerSecret'),
            \FFI::addr($builder),
        ));
        try {
            self::setCredentialsAndMethod($builder, $token, $tokenSecret, $signatureMethod, $realm, $rsaPrivateKey);
            Library::check($ffi->oauth1_signer_builder_set_include_version($builder, $includeVersion));
            self::setBodyHash($builder, $bodyHash);
            if ($nonceLength !== null || $nonceAlphabet !== null) {
                if ($nonceLength !== null && $nonceLength < 0) {
                    throw new InvalidParameterException("nonceLength {$nonceLength} is negative");
                }
                Library::check($ffi->oauth1_signer_builder_set_nonce(
                    $builder,
                    $nonceLength ?? 32,
                    Library::optCstr($nonceAlphabet, 'nonceAlphabet'),
                ));
            }
            $signer = $ffi->new('oauth1_signer *');
            Library::check($ffi->oauth1_signer_builder_build($builder, \FFI::addr($signer)));
            $this->handle = $signer;
        } finally {
            $ffi->oauth1_signer_builder_free($builder);
        }
    }

    /**
     * A signer with a provider profile's settings ({@see Profiles::names()}):
     * its default signature method, oauth_version, body-hash policy, nonces and
     * timestamp rule (NetSuite: monotonic). $account is the profile's account:
     * a NetSuite account id such as 1234567-sb1 (realm 1234567_SB1) or a store
     * URL. The other options override the profile's where given.
     *
     * @throws InvalidParameterException an unknown profile, a NetSuite signer without an account or realm
     * @throws UnsupportedSignatureMethodException a method the provider does not accept
     */
    public static function forProfile(
        string $profile,
        string $consumerKey,
        string $consumerSecret = '',
        ?string $account = null,
        ?string $token = null,
        ?string $tokenSecret = null,
        ?string $signatureMethod = null,
        ?string $realm = null,
        ?string $rsaPrivateKey = null,
        bool|string|null $bodyHash = null,
        ?bool $monotonicTimestamps = null,
    ): self {
        $ffi = Library::ffi();
        $builder = $ffi->new('oauth1_signer_builder *');
        Library::check($ffi->oauth1_signer_builder_new_for_profile(
            Library::cstr($profile, 'profile'),
            Library::cstr($consumerKey, 'consumerKey'),
            Library::cstr($consumerSecret, 'consumerSecret'),
            Library::optCstr($account, 'account'),
            \FFI::addr($builder),
        ));
        try {
            self::setCredentialsAndMethod($builder, $token, $tokenSecret, $signatureMethod, $realm, $rsaPrivateKey);
            if ($bodyHash !== null) {
                self::setBodyHash($builder, $bodyHash);
            }
            if ($monotonicTimestamps !== null) {
                Library::check($ffi->oauth1_signer_builder_set_monotonic_timestamps($builder, $monotonicTimestamps));
            }
            $signer = $ffi->new('oauth1_signer *');
            Library::check($ffi->oauth1_signer_builder_build($builder, \FFI::addr($signer)));
            return self::wrap($signer);
        } finally {
            $ffi->oauth1_signer_builder_free($builder);
        }
    }

    /** The settings both constructors take: token, signature method (null: the profile's), realm, RSA key. */
    private static function setCredentialsAndMethod(
        CData $builder,
        ?string $token,
        ?string $tokenSecret,
        ?string $signatureMethod,
        ?string $realm,
        ?string $rsaPrivateKey,
    ): void {
        $ffi = Library::ffi();
        if ($token !== null) {
            Library::check($ffi->oauth1_signer_builder_set_token(
                $builder,
                Library::cstr($token, 'token'),
                Library::cstr($tokenSecret ?? '', 'tokenSecret'),
            ));
        } elseif ($tokenSecret !== null) {
            throw new InvalidParameterException('tokenSecret is given without a token');
        }
        if ($signatureMethod !== null) {
            Library::check($ffi->oauth1_signer_builder_set_signature_method(
                $builder,
                Library::cstr($signatureMethod, 'signatureMethod'),
            ));
        }
        if ($realm !== null) {
            Library::check($ffi->oauth1_signer_builder_set_realm($builder, Library::cstr($realm, 'realm')));
        }
        if ($rsaPrivateKey !== null) {
            Library::check($ffi->oauth1_signer_builder_set_rsa_private_key_pem(
                $builder,
                Library::cstr($rsaPrivateKey, 'rsaPrivateKey'),
            ));
        }
    }

    private static function setBodyHash(CData $builder, bool|string $policy): void
    {
        $ffi = Library::ffi();
        if (is_bool($policy)) {
            Library::check($ffi->oauth1_signer_builder_set_body_hash($builder, $policy));
            return;
        }
        Library::check($ffi->oauth1_signer_builder_set_body_hash_policy($builder, Library::cstr($policy, 'bodyHash')));
    }

    /** A signer around a handle the library made. */
    private static function wrap(CData $handle): self
    {
        $signer = (new \ReflectionClass(self::class))->newInstanceWithoutConstructor();
        $signer->handle = $handle;
        return $signer;
    }

    /**
     * Signs a request. $body is signed as parameters only when $contentType is
     * application/x-www-form-urlencoded; other bodies are covered by
     * oauth_body_hash when the signer's body hash policy asks for it.
     * Pass prepared $options to reuse them, or the named options for this call.
     *
     * @param string|int|Omit|null $timestamp
     * @param string|Omit|null $nonce
     * @param iterable<string, string> $extraOAuthParams
     *
     * @throws InvalidUrlException|InvalidEncodingException|InvalidParameterException
     */
    public function sign(
        string $method,
        string $url,
        ?string $body = null,
        ?string $contentType = null,
        ?SignOptions $options = null,
        string|int|Omit|null $timestamp = null,
        string|Omit|null $nonce = null,
        ?string $callback = null,
        ?string $verifier = null,
        iterable $extraOAuthParams = [],
    ): SignedRequest {
        $ffi = Library::ffi();
        $perCall = $timestamp !== null || $nonce !== null || $callback !== null || $verifier !== null
            || $extraOAuthParams !== [];
        if ($perCall) {
            if ($options !== null) {
                throw new InvalidParameterException('give either options or the named sign options, not both');
            }
            $options = new SignOptions($timestamp, $nonce, $callback, $verifier, $extraOAuthParams);
        }
        return $this->signed(fn (CData $signer, CData $out) => $ffi->oauth1_signer_sign(
            $signer,
            Library::cstr($method, 'method'),
            Library::cstr($url, 'url'),
            $body,
            $body === null ? 0 : strlen($body),
            Library::optCstr($contentType, 'contentType'),
            $options?->handle(),
            $out,
        ));
    }

    /** The same consumer and settings with another token (e.g. the access token). */
    public function withToken(string $token, string $tokenSecret): self
    {
        $ffi = Library::ffi();
        $signer = $ffi->new('oauth1_signer *');
        Library::check($ffi->oauth1_signer_with_token(
            $this->handle(),
            Library::cstr($token, 'token'),
            Library::cstr($tokenSecret, 'tokenSecret'),
            \FFI::addr($signer),
        ));
        return self::wrap($signer);
    }

    /** Signs the request-token request, POST $url, with oauth_callback ("oob" when null). */
    public function requestTokenRequest(string $url, ?string $callback = null): SignedRequest
    {
        return $this->signed(fn (CData $signer, CData $out) => Library::ffi()->oauth1_signer_request_token_request(
            $signer,
            Library::cstr($url, 'url'),
            Library::optCstr($callback, 'callback'),
            $out,
        ));
    }

    /** Signs the access-token request, POST $url, with oauth_verifier; the signer must hold the request token. */
    public function accessTokenRequest(string $url, string $verifier): SignedRequest
    {
        return $this->signed(fn (CData $signer, CData $out) => Library::ffi()->oauth1_signer_access_token_request(
            $signer,
            Library::cstr($url, 'url'),
            Library::cstr($verifier, 'verifier'),
            $out,
        ));
    }

    /**
     * Runs one signing call: $call(signer handle, oauth1_signed **) fills the
     * signed request, which the SignedRequest then owns.
     *
     * @param callable(CData, CData): int $call
     */
    private function signed(callable $call): SignedRequest
    {
        $handle = $this->handle();
        $signed = Library::ffi()->new('oauth1_signed *');
        Library::check($call($handle, \FFI::addr($signed)));
        return new SignedRequest($signed);
    }

    public function consumerKey(): string
    {
        $handle = $this->handle();
        return Library::stringOut(fn ($out) => Library::ffi()->oauth1_signer_consumer_key($handle, $out));
    }

    /** The token, or null. */
    public function token(): ?string
    {
        $handle = $this->handle();
        return Library::stringOut(fn ($out) => Library::ffi()->oauth1_signer_token($handle, $out), true);
    }

    public function signatureMethod(): string
    {
        $handle = $this->handle();
        return Library::stringOut(fn ($out) => Library::ffi()->oauth1_signer_signature_method($handle, $out));
    }

    /** The realm, or null. */
    public function realm(): ?string
    {
        $handle = $this->handle();
        return Library::stringOut(fn ($out) => Library::ffi()->oauth1_signer_realm($handle, $out), true);
    }
}
