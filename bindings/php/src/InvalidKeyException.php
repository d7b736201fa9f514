<?php

declare(strict_types=1);

namespace OAuth1;

/** The RSA private key is missing or cannot be parsed. */
class InvalidKeyException extends OAuth1Exception
{
    public const KIND = 'invalid_key';
}
