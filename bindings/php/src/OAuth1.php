<?php

declare(strict_types=1);

namespace OAuth1;

/** The token-flow helpers and the library's version: functions of the C API. */
final class OAuth1
{
    /** Pass as a timestamp or nonce to leave it out (PLAINTEXT allows that). */
    public const OMIT = Omit::Parameter;

    /** The version of liboauth1 loaded, e.g. "0.1.0". */
    public static function version(): string
    {
        return Library::version();
    }

    /** The resource-owner authorization URL: $authorizeUrl with oauth_token added to its query. */
    public static function authorizationUrl(string $authorizeUrl, string $requestToken): string
    {
        $url = Library::cstr($authorizeUrl, 'authorizeUrl');
        $token = Library::cstr($requestToken, 'requestToken');
        return Library::stringOut(fn ($out) => Library::ffi()->oauth1_authorization_url($url, $token, $out));
    }

    /**
     * The oauth_token and oauth_verifier of the callback the provider redirected to
     * (a whole URL or just its query). With $requestToken, the token this consumer is
     * waiting for, a callback naming another one is refused too (a stale or forged callback).
     *
     * @throws InvalidResponseException either is missing, the provider reported an oauth_problem,
     *         or the callback names another request token
     */
    public static function parseCallback(string $urlOrQuery, ?string $requestToken = null): CallbackParams
    {
        $ffi = Library::ffi();
        $token = Library::stringSlot();
        $verifier = Library::stringSlot();
        $urlOrQuery = Library::cstr($urlOrQuery, 'urlOrQuery');
        Library::check($requestToken === null
            ? $ffi->oauth1_parse_callback($urlOrQuery, \FFI::addr($token), \FFI::addr($verifier))
            : $ffi->oauth1_parse_callback_for(
                $urlOrQuery,
                Library::cstr($requestToken, 'requestToken'),
                \FFI::addr($token),
                \FFI::addr($verifier),
            ));
        return new CallbackParams(Library::take($token), Library::take($verifier));
    }

    /**
     * Parses a form-encoded token response body. With $requireCallbackConfirmed (the
     * request-token response of OAuth 1.0a) oauth_callback_confirmed must be "true".
     *
     * @throws InvalidResponseException|InvalidEncodingException
     */
    public static function parseTokenResponse(string $body, bool $requireCallbackConfirmed = false): TokenResponse
    {
        $ffi = Library::ffi();
        $response = $ffi->new('oauth1_token_response *');
        Library::check($ffi->oauth1_parse_token_response(
            $body,
            strlen($body),
            $requireCallbackConfirmed,
            \FFI::addr($response),
        ));
        try {
            $token = Library::stringOut(fn ($out) => $ffi->oauth1_token_response_token($response, $out));
            $secret = Library::stringOut(fn ($out) => $ffi->oauth1_token_response_token_secret($response, $out));
            $confirmed = $ffi->new('bool');
            $result = $ffi->oauth1_token_response_callback_confirmed($response, \FFI::addr($confirmed));
            if ($result !== 4) {
                Library::check($result);
            }
            $extra = Library::pairs(
                fn ($count) => $ffi->oauth1_token_response_extra_count($response, $count),
                fn ($i, $name, $value) => $ffi->oauth1_token_response_extra($response, $i, $name, $value),
            );
            return new TokenResponse($token, $secret, $result === 4 ? null : $confirmed->cdata, $extra);
        } finally {
            $ffi->oauth1_token_response_free($response);
        }
    }

    /**
     * The absolute URL the client signed, rebuilt from the request target and the
     * Host header, and from Forwarded / X-Forwarded-* only when $trustProxyHeaders.
     *
     * @param iterable<string, string|list<string>> $headers
     * @throws InvalidUrlException
     */
    public static function receivedUrl(bool $tls, string $target, iterable $headers, bool $trustProxyHeaders = false): string
    {
        $ffi = Library::ffi();
        [$array, $count] = Library::headers($headers, $keep);
        $target = Library::cstr($target, 'target');
        $url = Library::stringOut(
            fn ($out) => $ffi->oauth1_received_url($tls, $target, $array, $count, $trustProxyHeaders, $out)
        );
        unset($keep);
        return $url;
    }
}
