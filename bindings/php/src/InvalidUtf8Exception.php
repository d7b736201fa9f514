<?php

declare(strict_types=1);

namespace OAuth1;

/** A string argument is not valid UTF-8. */
class InvalidUtf8Exception extends OAuth1Exception
{
    public const KIND = 'invalid_utf8';
}
