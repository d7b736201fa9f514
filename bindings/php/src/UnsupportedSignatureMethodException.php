<?php

declare(strict_types=1);

namespace OAuth1;

/** Not one of the exact, case-sensitive signature method names. */
class UnsupportedSignatureMethodException extends OAuth1Exception
{
    public const KIND = 'unsupported_signature_method';
}
