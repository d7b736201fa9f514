<?php

declare(strict_types=1);

namespace OAuth1;

/** A required argument was missing (a bug of this package). */
class NullParameterException extends OAuth1Exception
{
    public const KIND = 'null_parameter';
}
