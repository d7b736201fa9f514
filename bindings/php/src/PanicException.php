<?php

declare(strict_types=1);

namespace OAuth1;

/** liboauth1 panicked: a bug, please report it. */
class PanicException extends OAuth1Exception
{
    public const KIND = 'panic';
}
