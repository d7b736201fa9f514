<?php

declare(strict_types=1);

namespace OAuth1;

/** A request that passed every check (oauth1_verified, read once and freed). */
final class VerifiedRequest
{
    /**
     * @param ?string $token null for a two-legged request
     * @param ?string $realm the Authorization header's realm (unescaped), or null
     * @param string $parameterLocation where the protocol parameters were: header, body or query
     * @param list<array{0: string, 1: string}> $oauthParameters every protocol parameter
     *        received, decoded, in order (no oauth_signature, no realm)
     */
    public function __construct(
        public readonly string $consumerKey,
        public readonly ?string $token,
        public readonly string $signatureMethod,
        public readonly ?string $realm,
        public readonly ?string $nonce,
        public readonly ?int $timestamp,
        public readonly string $parameterLocation,
        public readonly array $oauthParameters,
    ) {
    }

    /** The decoded value of protocol parameter $name (e.g. oauth_callback), or null. */
    public function get(string $name): ?string
    {
        foreach ($this->oauthParameters as [$field, $value]) {
            if ($field === $name) {
                return $value;
            }
        }
        return null;
    }
}
