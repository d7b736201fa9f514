<?php

declare(strict_types=1);

namespace OAuth1;

/**
 * A parsed token response (oauth1_token_response, read once and freed).
 * The secret is left out of var_dump() and print_r().
 */
final class TokenResponse
{
    /**
     * @param ?bool $callbackConfirmed oauth_callback_confirmed (true only for "true"), null when absent
     * @param list<array{0: string, 1: string}> $extra every other field, in the order received
     */
    public function __construct(
        public readonly string $token,
        #[\SensitiveParameter] private readonly string $tokenSecret,
        public readonly ?bool $callbackConfirmed,
        public readonly array $extra,
    ) {
    }

    public function tokenSecret(): string
    {
        return $this->tokenSecret;
    }

    /** The first value of the other field $name (e.g. oauth_session_handle), or null. */
    public function get(string $name): ?string
    {
        foreach ($this->extra as [$field, $value]) {
            if ($field === $name) {
                return $value;
            }
        }
        return null;
    }

    /** @return array<string, mixed> */
    public function __debugInfo(): array
    {
        return ['token' => $this->token, 'tokenSecret' => '<redacted>',
            'callbackConfirmed' => $this->callbackConfirmed, 'extra' => $this->extra];
    }
}
