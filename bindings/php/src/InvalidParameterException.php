<?php

declare(strict_types=1);

namespace OAuth1;

/** A protocol parameter, option or HTTP method is not acceptable. */
class InvalidParameterException extends OAuth1Exception
{
    public const KIND = 'invalid_parameter';
}
