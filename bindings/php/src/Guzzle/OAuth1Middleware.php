<?php

declare(strict_types=1);

namespace OAuth1\Guzzle;

use GuzzleHttp\Psr7\Uri;
use GuzzleHttp\Psr7\Utils;
use OAuth1\InvalidParameterException;
use OAuth1\Signer;
use Psr\Http\Message\RequestInterface;

/**
 * Guzzle middleware that signs every request it sends with a Signer:
 *
 *     $stack = HandlerStack::create();
 *     $stack->push(new OAuth1Middleware($signer));
 *     $client = new Client(['handler' => $stack]);
 *
 * The request's method, URL, body and Content-Type are signed as sent. The
 * request option 'oauth1' overrides per request: another Signer, or false
 * to send unsigned (e.g. the user-authorization redirect).
 * $transmission is where the protocol parameters go (RFC 5849 s3.5): 'header'
 * (Authorization, the default), 'query' (the URL) or 'body' (the form body).
 */
final class OAuth1Middleware
{
    public const TRANSMISSIONS = ['header', 'query', 'body'];

    public function __construct(private readonly Signer $signer, private readonly string $transmission = 'header')
    {
        if (!in_array($transmission, self::TRANSMISSIONS, true)) {
            throw new InvalidParameterException(
                "transmission \"{$transmission}\" is not one of " . implode(', ', self::TRANSMISSIONS)
            );
        }
    }

    public function __invoke(callable $handler): callable
    {
        return function (RequestInterface $request, array $options) use ($handler) {
            $signer = $options['oauth1'] ?? $this->signer;
            if ($signer === false) {
                return $handler($request, $options);
            }
            if (!$signer instanceof Signer) {
                throw new InvalidParameterException("the 'oauth1' request option is neither a Signer nor false");
            }
            return $handler(self::signRequest($signer, $request, $this->transmission), $options);
        };
    }

    /** The request signed by $signer, the protocol parameters in $transmission. */
    public static function signRequest(Signer $signer, RequestInterface $request, string $transmission = 'header'): RequestInterface
    {
        $stream = $request->getBody();
        $body = null;
        if ($stream->getSize() !== 0) {
            $body = (string) $stream;
            if ($stream->isSeekable()) {
                $stream->rewind();
            }
        }
        $contentType = $request->hasHeader('Content-Type') ? $request->getHeaderLine('Content-Type') : null;
        $signed = $signer->sign($request->getMethod(), (string) $request->getUri(), $body, $contentType);
        return match ($transmission) {
            'header' => $request->withHeader('Authorization', $signed->authorizationHeader()),
            'query' => $request->withUri(new Uri($signed->signedUrl()), true),
            'body' => $request->withBody(Utils::streamFor($signed->signedFormBody())),
            default => throw new InvalidParameterException("transmission \"{$transmission}\" is not one of "
                . implode(', ', self::TRANSMISSIONS)),
        };
    }
}
