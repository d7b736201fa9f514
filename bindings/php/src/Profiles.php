<?php

declare(strict_types=1);

namespace OAuth1;

/**
 * The provider profiles the library holds (crates/oauth1/profiles): their
 * names, one field as text, or a whole {@see Profile}.
 */
final class Profiles
{
    /** The profiles' names, sorted, e.g. netsuite, x. @return list<string> */
    public static function names(): array
    {
        $ffi = Library::ffi();
        $names = [];
        $count = $ffi->oauth1_profile_count();
        for ($i = 0; $i < $count; $i++) {
            $names[] = Library::stringOut(fn ($out) => $ffi->oauth1_profile_name($i, $out));
        }
        return $names;
    }

    /**
     * One field of profile $name as text (see oauth1_profile_get for the
     * fields); null for an endpoint the profile has not.
     *
     * @throws InvalidParameterException an unknown profile or field
     */
    public static function get(string $name, string $field): ?string
    {
        $profile = Library::cstr($name, 'profile');
        $field = Library::cstr($field, 'field');
        return Library::stringOut(fn ($out) => Library::ffi()->oauth1_profile_get($profile, $field, $out), true);
    }

    /** @throws InvalidParameterException an unknown profile */
    public static function profile(string $name): Profile
    {
        $text = fn (string $field): string => self::get($name, $field) ?? '';
        $words = fn (string $field): array => preg_split('/\s+/', $text($field), -1, PREG_SPLIT_NO_EMPTY) ?: [];
        return new Profile(
            $name,
            $text('display_name'),
            $text('summary'),
            $words('signature_methods'),
            $text('default_signature_method'),
            $text('transmission'),
            $text('account'),
            $text('realm'),
            $text('body_hash'),
            $text('timestamp'),
            $text('callback_confirmed_required') === 'true',
            self::get($name, 'request_token_url'),
            self::get($name, 'authorize_url'),
            self::get($name, 'access_token_url'),
            self::get($name, 'api_base'),
            $words('response_fields'),
            $text('pitfalls'),
            $words('docs'),
        );
    }

    /** Every profile. @return list<Profile> */
    public static function all(): array
    {
        return array_map(self::profile(...), self::names());
    }
}
