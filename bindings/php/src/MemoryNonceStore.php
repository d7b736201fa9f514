<?php

declare(strict_types=1);

namespace OAuth1;

use FFI\CData;

/**
 * Replay protection in memory (oauth1_nonce_store_new): records each accepted
 * request's (consumer key, token, timestamp, nonce) and forgets a record once
 * its timestamp has left the window. One process only.
 */
final class MemoryNonceStore
{
    use OwnsHandle;

    private const FREE_FUNCTION = 'oauth1_nonce_store_free';
    private const CLOSED_MESSAGE = 'the MemoryNonceStore is closed';

    private ?CData $handle = null;

    public function __construct()
    {
        $ffi = Library::ffi();
        $handle = $ffi->new('oauth1_nonce_store *');
        Library::check($ffi->oauth1_nonce_store_new(\FFI::addr($handle)));
        $this->handle = $handle;
    }

    /**
     * Checks and records (consumer key, token, timestamp, nonce) as the verifier
     * does ($token '' for none): true when it was new and is now recorded.
     */
    public function checkAndRecord(string $consumerKey, string $token, int $timestamp, string $nonce, int $now, int $window): bool
    {
        $fresh = Library::ffi()->new('bool');
        Library::check(Library::ffi()->oauth1_nonce_store_check_and_record(
            $this->handle(),
            Library::cstr($consumerKey, 'consumerKey'),
            Library::cstr($token, 'token'),
            self::seconds($timestamp, 'timestamp'),
            Library::cstr($nonce, 'nonce'),
            self::seconds($now, 'now'),
            self::seconds($window, 'window'),
            \FFI::addr($fresh),
        ));
        return $fresh->cdata;
    }

    /** Whether the store holds (consumer key, token, timestamp, nonce). */
    public function contains(string $consumerKey, string $token, int $timestamp, string $nonce): bool
    {
        $contains = Library::ffi()->new('bool');
        Library::check(Library::ffi()->oauth1_nonce_store_contains(
            $this->handle(),
            Library::cstr($consumerKey, 'consumerKey'),
            Library::cstr($token, 'token'),
            self::seconds($timestamp, 'timestamp'),
            Library::cstr($nonce, 'nonce'),
            \FFI::addr($contains),
        ));
        return $contains->cdata;
    }

    /** The number of records held. */
    public function count(): int
    {
        $handle = $this->handle();
        return Library::sizeOut(fn ($out) => Library::ffi()->oauth1_nonce_store_len($handle, $out));
    }

    /** Drops every record whose timestamp has left the window at $now. */
    public function forgetExpired(int $now, int $window): void
    {
        Library::check(Library::ffi()->oauth1_nonce_store_forget_expired(
            $this->handle(),
            self::seconds($now, 'now'),
            self::seconds($window, 'window'),
        ));
    }

    /** @internal A uint64_t argument: PHP ints are signed, so a negative one is refused. */
    public static function seconds(int $value, string $what): int
    {
        if ($value < 0) {
            throw new InvalidParameterException("{$what} {$value} is negative");
        }
        return $value;
    }
}
