<?php

declare(strict_types=1);

namespace OAuth1;

/** The requested value is absent. */
class NotFoundException extends OAuth1Exception
{
    public const KIND = 'not_found';
}
