<?php

declare(strict_types=1);

namespace OAuth1;

/** Pass Omit::Parameter as a timestamp or nonce to leave it out (PLAINTEXT allows that). */
enum Omit
{
    case Parameter;
}
