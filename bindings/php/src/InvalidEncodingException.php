<?php

declare(strict_types=1);

namespace OAuth1;

/** A bad `%` escape, or a query or form body that is not UTF-8. */
class InvalidEncodingException extends OAuth1Exception
{
    public const KIND = 'invalid_encoding';
}
