<?php

declare(strict_types=1);

namespace OAuth1;

/**
 * One provider profile's description (oauth1_profile_get), read from the
 * library when made: what the provider accepts and where its endpoints are.
 * Endpoint templates hold {account} or {store}; null when the provider has
 * no such endpoint.
 */
final class Profile
{
    /**
     * @param list<string> $signatureMethods
     * @param list<string> $responseFields
     * @param list<string> $docs
     */
    public function __construct(
        public readonly string $name,
        public readonly string $displayName,
        public readonly string $summary,
        public readonly array $signatureMethods,
        public readonly string $defaultSignatureMethod,
        public readonly string $transmission,
        public readonly string $account,
        public readonly string $realm,
        public readonly string $bodyHash,
        public readonly string $timestamp,
        public readonly bool $callbackConfirmedRequired,
        public readonly ?string $requestTokenUrl,
        public readonly ?string $authorizeUrl,
        public readonly ?string $accessTokenUrl,
        public readonly ?string $apiBase,
        public readonly array $responseFields,
        public readonly string $pitfalls,
        public readonly array $docs,
    ) {
    }
}
