<?php

declare(strict_types=1);

namespace OAuth1;

/** Not an absolute http(s) URL with a host and a valid port. */
class InvalidUrlException extends OAuth1Exception
{
    public const KIND = 'invalid_url';
}
