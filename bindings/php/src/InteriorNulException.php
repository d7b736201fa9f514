<?php

declare(strict_types=1);

namespace OAuth1;

/** A string holds a NUL byte, so it cannot cross the C API. */
class InteriorNulException extends OAuth1Exception
{
    public const KIND = 'interior_nul';
}
