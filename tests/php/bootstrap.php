<?php

declare(strict_types=1);

// PHPUnit's bootstrap for tests/php: the binding's autoloader, Debian's Guzzle
// (php-guzzlehttp-guzzle, on PHP's include path) and what the tests share.

require __DIR__ . '/../../bindings/php/autoload.php';
require_once 'GuzzleHttp/autoload.php';

/** The project's standard request (crates/oauth1/benches/common/mod.rs) and the vectors' keys. */
final class Standard
{
    public const URL = 'https://api.example.com:443/v1/records/search?limit=50&offset=100&q=caf%C3%A9%20au%20lait';
    public const BODY = 'status=active&tags=a%2Cb&name=John+Doe';
    public const FORM = 'application/x-www-form-urlencoded';
    public const CONSUMER_KEY = 'ck_5f4dcc3b5aa765d61d8327deb882cf99';
    public const CONSUMER_SECRET = 'cs_2c26b46b68ffc68ff99b453c1d30413413422d706';
    public const TOKEN = 'tk_6b86b273ff34fce19d6b804eff5a3f57';
    public const TOKEN_SECRET = 'ts_d4735e3a265e46eff7f4b6f0b3e2ab4b';
    public const TIMESTAMP = '1700000000';
    public const NONCE = 'kllo9940pd9333jh';
    public const SIGNATURE = '7YW4s/RtwCowc9nBLyiBo/EfsYqdRKwcZmi+E0+WDxI=';

    public static function signer(mixed ...$options): OAuth1\Signer
    {
        return new OAuth1\Signer(self::CONSUMER_KEY, self::CONSUMER_SECRET, ...($options + [
            'token' => self::TOKEN,
            'tokenSecret' => self::TOKEN_SECRET,
            'signatureMethod' => 'HMAC-SHA256',
            'realm' => '1234567_SB1',
        ]));
    }

    /** A case of tests/conformance/vectors/$file by id. */
    public static function vector(string $file, string $id): array
    {
        $cases = json_decode(file_get_contents(__DIR__ . "/../conformance/vectors/{$file}"), true);
        foreach ($cases as $case) {
            if ($case['id'] === $id) {
                return $case;
            }
        }
        throw new LogicException("no case {$id} in {$file}");
    }
}
