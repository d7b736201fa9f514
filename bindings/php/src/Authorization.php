<?php

declare(strict_types=1);

namespace OAuth1;

/**
 * The plain helper for any HTTP client (curl, streams, Symfony HttpClient):
 * sign a request and get the header to send with it.
 */
final class Authorization
{
    /**
     * The Authorization header value for this request, signed now with a fresh
     * timestamp and nonce: `OAuth oauth_consumer_key="...", ...`. Pass the body and
     * Content-Type exactly as sent (a form body is signed as parameters).
     */
    public static function header(
        Signer $signer,
        string $method,
        string $url,
        ?string $body = null,
        ?string $contentType = null,
    ): string {
        return $signer->sign($method, $url, $body, $contentType)->authorizationHeader();
    }

    /** The whole header line, `Authorization: OAuth ...`, e.g. for curl's CURLOPT_HTTPHEADER. */
    public static function headerLine(
        Signer $signer,
        string $method,
        string $url,
        ?string $body = null,
        ?string $contentType = null,
    ): string {
        return 'Authorization: ' . self::header($signer, $method, $url, $body, $contentType);
    }
}
