<?php

declare(strict_types=1);

namespace OAuth1;

/** What the provider sent to the callback URL (oauth1_parse_callback). */
final class CallbackParams
{
    /**
     * @param string $token oauth_token: the request token that was authorized
     * @param string $verifier oauth_verifier
     */
    public function __construct(public readonly string $token, public readonly string $verifier)
    {
    }
}
