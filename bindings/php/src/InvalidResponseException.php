<?php

declare(strict_types=1);

namespace OAuth1;

/** A provider's token response or callback lacks what the flow needs. */
class InvalidResponseException extends OAuth1Exception
{
    public const KIND = 'invalid_response';
}
