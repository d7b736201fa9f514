<?php

declare(strict_types=1);

namespace OAuth1;

use FFI;
use FFI\CData;

/**
 * The loaded liboauth1 (FFI over include/oauth1.h) and the few helpers every
 * class uses to call it: argument checks, result codes to exceptions, and
 * library strings copied out and freed. No OAuth rule lives here.
 *
 * The library and its declarations are found, in this order: the paths given
 * to {@see Library::configure()}, the environment (OAUTH1_LIBRARY: the
 * liboauth1.so to load; OAUTH1_CDEF: the declarations `make php-cdef`
 * generates from include/oauth1.h), the repository's build (target/c/lib,
 * target/php), then `liboauth1.so.0` from the system's library path with
 * the declarations installed beside this package (oauth1.cdef.h).
 *
 * @internal
 */
final class Library
{
    private static ?FFI $ffi = null;
    private static ?string $libraryPath = null;
    private static ?string $cdefPath = null;

    /** Where the library and declarations are; call before the first use. */
    public static function configure(?string $libraryPath, ?string $cdefPath): void
    {
        if (self::$ffi !== null) {
            throw new \LogicException('liboauth1 is already loaded');
        }
        self::$libraryPath = $libraryPath;
        self::$cdefPath = $cdefPath;
    }

    public static function ffi(): FFI
    {
        return self::$ffi ??= self::load();
    }

    private static function load(): FFI
    {
        $repo = dirname(__DIR__, 3);
        $library = self::$libraryPath ?? (getenv('OAUTH1_LIBRARY') ?: null);
        if ($library === null) {
            $built = $repo . '/target/c/lib/liboauth1.so';
            $library = is_file($built) ? $built : 'liboauth1.so.0';
        }
        $cdef = self::$cdefPath ?? (getenv('OAUTH1_CDEF') ?: null);
        if ($cdef === null) {
            $built = $repo . '/target/php/oauth1.cdef.h';
            $cdef = is_file($built) ? $built : dirname(__DIR__) . '/oauth1.cdef.h';
        }
        $declarations = @file_get_contents($cdef);
        if ($declarations === false) {
            throw new OAuth1Exception(
                "cannot read the liboauth1 declarations {$cdef} (run `make php-cdef`, or set OAUTH1_CDEF)"
            );
        }
        try {
            return FFI::cdef($declarations, $library);
        } catch (FFI\Exception $e) {
            throw new OAuth1Exception("cannot load liboauth1 {$library}: {$e->getMessage()}", 0, $e);
        }
    }

    /** The library's version, e.g. "0.1.0". */
    public static function version(): string
    {
        return self::ffi()->oauth1_version(); // FFI returns a const char * as a PHP string
    }

    /**
     * A string for a `const char *` argument: the C API reads up to the
     * first NUL, so a string holding one would be cut short; it is refused.
     */
    public static function cstr(string $value, string $what): string
    {
        if (str_contains($value, "\0")) {
            throw new InteriorNulException("{$what} holds a NUL byte, which a C string cannot carry");
        }
        return $value;
    }

    /** As cstr(), NULL passing through. */
    public static function optCstr(?string $value, string $what): ?string
    {
        return $value === null ? null : self::cstr($value, $what);
    }

    /** Throws the exception for a failed call's result code, with the library's message. */
    public static function check(int $result): void
    {
        if ($result !== 0) {
            throw self::error($result);
        }
    }

    /** The exception for result code $result, carrying the calling thread's last message. */
    public static function error(int $result, ?string $message = null): OAuth1Exception
    {
        $message ??= self::lastErrorMessage();
        if ($message === '') {
            $message = self::ffi()->oauth1_result_str($result);
        }
        $class = match ($result) {
            1 => NullParameterException::class,
            2 => InvalidUtf8Exception::class,
            3 => PanicException::class,
            4 => NotFoundException::class,
            5 => InteriorNulException::class,
            6 => InvalidUrlException::class,
            7 => InvalidEncodingException::class,
            8 => UnsupportedSignatureMethodException::class,
            9 => InvalidKeyException::class,
            10 => InvalidParameterException::class,
            11 => InvalidResponseException::class,
            default => OAuth1Exception::class,
        };
        return new $class($message, $result);
    }

    public static function lastErrorMessage(): string
    {
        $ffi = self::ffi();
        $length = $ffi->oauth1_last_error_message(null, 0);
        if ($length === 0) {
            return '';
        }
        $buffer = $ffi->new('char[' . ($length + 1) . ']');
        $ffi->oauth1_last_error_message($buffer, $length + 1);
        return FFI::string($buffer, $length);
    }

    /** A new `char *` slot for a string output. */
    public static function stringSlot(): CData
    {
        return self::ffi()->new('char *');
    }

    /** Copies a library string out of its slot and frees it. */
    public static function take(CData $slot): string
    {
        $value = FFI::string($slot);
        self::ffi()->oauth1_string_free($slot);
        return $value;
    }

    /**
     * Runs $call with a fresh string slot and returns the string it wrote;
     * null when the call answers OAUTH1_RESULT_NOT_FOUND and $absentIsNull.
     *
     * @param callable(CData): int $call
     */
    public static function stringOut(callable $call, bool $absentIsNull = false): ?string
    {
        $slot = self::stringSlot();
        $result = $call(FFI::addr($slot));
        if ($result === 4 && $absentIsNull) {
            return null;
        }
        self::check($result);
        return self::take($slot);
    }

    /** @param callable(CData): int $call */
    public static function sizeOut(callable $call): int
    {
        $count = self::ffi()->new('size_t');
        self::check($call(FFI::addr($count)));
        return $count->cdata;
    }

    /**
     * The (name, value) pairs a count/at-index getter pair gives.
     *
     * @param callable(CData): int $count
     * @param callable(int, CData, CData): int $at
     * @return list<array{0: string, 1: string}>
     */
    public static function pairs(callable $count, callable $at): array
    {
        $pairs = [];
        $n = self::sizeOut($count);
        for ($i = 0; $i < $n; $i++) {
            $name = self::stringSlot();
            $value = self::stringSlot();
            self::check($at($i, FFI::addr($name), FFI::addr($value)));
            $pairs[] = [self::take($name), self::take($value)];
        }
        return $pairs;
    }

    /**
     * The `oauth1_header` array of name => value headers (a value may be a
     * list, as PSR-7 gives them: each is one header). The C copies of the
     * strings live in $keep, which the caller holds until the call returns.
     *
     * @param iterable<string, string|list<string>> $headers
     * @param list<CData> $keep
     * @return array{0: ?CData, 1: int}
     */
    public static function headers(iterable $headers, ?array &$keep): array
    {
        $flat = [];
        foreach ($headers as $name => $values) {
            foreach ((array) $values as $value) {
                $flat[] = [self::cstr((string) $name, 'a header name'), self::cstr((string) $value, "header {$name}")];
            }
        }
        $keep = [];
        if ($flat === []) {
            return [null, 0];
        }
        $array = self::ffi()->new('oauth1_header[' . count($flat) . ']');
        foreach ($flat as $i => [$name, $value]) {
            $array[$i]->name = self::cString($name, $keep);
            $array[$i]->value = self::cString($value, $keep);
        }
        $keep[] = $array;
        return [$array, count($flat)];
    }

    /** A NUL-terminated copy of $value owned by PHP (kept in $keep); a pointer to it. @param list<CData> $keep */
    private static function cString(string $value, array &$keep): CData
    {
        $length = strlen($value);
        $buffer = self::ffi()->new('char[' . ($length + 1) . ']');
        FFI::memcpy($buffer, $value, $length);
        $keep[] = $buffer;
        return FFI::cast('char *', FFI::addr($buffer[0]));
    }
}
