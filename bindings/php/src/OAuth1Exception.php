<?php

declare(strict_types=1);

namespace OAuth1;

/**
 * An input was refused, or liboauth1 could not be used. Every exception of
 * this package derives from it. The message is the library's own, naming
 * the offending input; getCode() is the C API's oauth1_result number and
 * kind() its stable name ("invalid_url", ...; "error" on this base class).
 */
class OAuth1Exception extends \RuntimeException
{
    public const KIND = 'error';

    public function kind(): string
    {
        return static::KIND;
    }
}
