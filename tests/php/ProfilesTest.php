<?php

declare(strict_types=1);

use OAuth1\Credentials;
use OAuth1\InvalidParameterException;
use OAuth1\Profiles;
use OAuth1\Signer;
use OAuth1\TokenPassportSigner;
use OAuth1\UnsupportedSignatureMethodException;
use OAuth1\Verifier;
use PHPUnit\Framework\TestCase;

/**
 * Provider profiles from PHP: the published examples of
 * tests/conformance/profiles through Signer::forProfile, a sign-then-verify
 * round trip per profile (Verifier::forProfile), monotonic timestamps
 * (NetSuite's rule) and NetSuite's SOAP TokenPassport. Mirrors
 * tests/python/test_profiles.py.
 */
final class ProfilesTest extends TestCase
{
    private const REQUIRED = [
        'netsuite', 'woocommerce', 'magento2', 'x', 'trello', 'garmin', 'lti11',
        'xero-legacy', 'smugmug', 'flickr', 'tumblr', 'discogs', 'etsy-v2',
    ];

    /** @return array<string, array{0: array<string, mixed>}> */
    private static function load(string $file): array
    {
        $cases = json_decode(
            (string) file_get_contents(dirname(__DIR__) . '/conformance/profiles/' . $file),
            true,
            flags: JSON_THROW_ON_ERROR,
        );
        $byId = [];
        foreach ($cases as $case) {
            $byId[$case['id']] = [$case];
        }
        return $byId;
    }

    /** @return array<string, array{0: array<string, mixed>}> */
    public static function publishedExamples(): array
    {
        return self::load('published.json');
    }

    /** @return array<string, array{0: array<string, mixed>}> */
    public static function tokenPassportExamples(): array
    {
        return self::load('token_passport.json');
    }

    /** @return array<string, array{0: string}> */
    public static function requiredProfiles(): array
    {
        return array_combine(self::REQUIRED, array_map(fn ($n) => [$n], self::REQUIRED));
    }

    public function testProfilesListEveryRequiredProviderWithItsDocs(): void
    {
        $names = Profiles::names();
        $sorted = $names;
        sort($sorted);
        $this->assertSame($sorted, $names);
        foreach (self::REQUIRED as $name) {
            $this->assertContains($name, $names);
            $profile = Profiles::profile($name);
            $this->assertNotSame('', $profile->summary);
            $this->assertNotEmpty($profile->docs);
            foreach ($profile->docs as $url) {
                $this->assertStringStartsWith('https://', $url);
            }
            $this->assertContains($profile->defaultSignatureMethod, $profile->signatureMethods);
        }
        $this->assertSame('HMAC-SHA256', Profiles::get('netsuite', 'default_signature_method'));
        $this->expectException(InvalidParameterException::class);
        $this->expectExceptionMessageMatches('/netsuite/');
        Profiles::profile('nope');
    }

    /**
     * @dataProvider publishedExamples
     * @param array<string, mixed> $case
     */
    public function testPublishedExampleThroughItsProfile(array $case): void
    {
        $c = $case['credentials'];
        $signer = Signer::forProfile(
            $case['profile'],
            $c['consumer_key'],
            $c['consumer_secret'],
            account: $case['account'],
            token: $c['token'],
            tokenSecret: $c['token_secret'],
        );
        $r = $case['request'];
        $signed = $signer->sign(
            $r['method'],
            $r['url'],
            $r['body'],
            $r['content_type'],
            timestamp: $case['timestamp'],
            nonce: $case['nonce'],
            callback: $case['callback'],
            verifier: $case['verifier'],
        );
        $this->assertSame($case['expect']['base_string'], $signed->baseString());
        $this->assertSame($case['expect']['signature'], $signed->signature());
        foreach ($case['expect']['header_contains'] as $text) {
            $this->assertStringContainsString($text, $signed->authorizationHeader());
        }
        foreach ($case['expect']['header_lacks'] as $text) {
            $this->assertStringNotContainsString($text, $signed->authorizationHeader());
        }
    }

    /**
     * @dataProvider tokenPassportExamples
     * @param array<string, mixed> $case
     */
    public function testNetSuiteTokenPassportVector(array $case): void
    {
        $signer = new TokenPassportSigner(
            $case['account'],
            $case['consumer_key'],
            $case['consumer_secret'],
            $case['token'],
            $case['token_secret'],
        );
        $passport = $signer->sign($case['timestamp'], $case['nonce']);
        $this->assertSame($case['algorithm'], $passport->algorithm());
        $this->assertSame($case['expect']['base_string'], $passport->baseString());
        $this->assertSame($case['expect']['signature'], $passport->signature());
        $this->assertSame($case['timestamp'], $passport->timestamp());
        $this->assertSame($case['nonce'], $passport->nonce());
        $xml = $passport->toXml('urn:messages_2024_2.platform.webservices.netsuite.com');
        $this->assertStringStartsWith(
            '<tokenPassport xmlns="urn:messages_2024_2.platform.webservices.netsuite.com">',
            $xml,
        );
        $this->assertStringContainsString(
            '<signature algorithm="HMAC-SHA256">' . $passport->signature() . '</signature>',
            $xml,
        );
        $this->assertStringStartsWith('<tokenPassport>', $passport->toXml());
        $passport->close();
        $fresh = $signer->sign();
        $this->assertSame(20, strlen($fresh->nonce()));
        $this->assertGreaterThanOrEqual((int) $case['timestamp'], (int) $fresh->timestamp());
        try {
            $signer->sign((int) $case['timestamp'] - 1);
            $this->fail('an earlier timestamp was accepted');
        } catch (InvalidParameterException $e) {
            $this->assertStringContainsString('earlier', $e->getMessage());
        }
        $signer->close();
    }

    /** @dataProvider requiredProfiles */
    public function testRoundTripSignWithProfileVerifyWithProfile(string $name): void
    {
        $profile = Profiles::profile($name);
        $account = ['store-url' => 'https://shop.example.com', 'netsuite-account-id' => '1234567-sb1'][$profile->account] ?? null;
        $signer = Signer::forProfile($name, 'ck', 'cs', $account, token: 'tk', tokenSecret: 'ts');
        $url = 'https://api.example.com/v1/items?limit=5';
        $form = 'title=Hello%20world&n=1';
        $ct = 'application/x-www-form-urlencoded';
        $signed = $signer->sign('POST', $url, $form, $ct);
        $credentials = new Credentials();
        $credentials->addConsumer('ck', 'cs');
        $credentials->addToken('tk', 'ts', 'ck');
        $verifier = Verifier::forProfile($name, $credentials);
        $expected = $profile->signatureMethods;
        sort($expected);
        $allowed = $verifier->signatureMethods();
        sort($allowed);
        $this->assertSame($expected, $allowed);
        $verified = match ($profile->transmission) {
            'query' => $verifier->verify('POST', $signed->signedUrl(), body: $form, contentType: $ct),
            'form' => $verifier->verify('POST', $url, body: $signed->signedFormBody(), contentType: $ct),
            default => $verifier->verify('POST', $url, $signed->headers(), $form, $ct),
        };
        $this->assertSame('tk', $verified->token);
        $this->assertSame($profile->defaultSignatureMethod, $verified->signatureMethod);
        $verifier->close();
        $signer->close();
    }

    public function testNetSuiteProfileRulesAndMonotonicTimestamps(): void
    {
        try {
            Signer::forProfile('netsuite', 'ck', 'cs');
            $this->fail('a NetSuite signer without an account was built');
        } catch (InvalidParameterException $e) {
            $this->assertStringContainsString('account', $e->getMessage());
        }
        try {
            Signer::forProfile('netsuite', 'ck', 'cs', '1234567', signatureMethod: 'HMAC-SHA1');
            $this->fail('NetSuite accepted HMAC-SHA1');
        } catch (UnsupportedSignatureMethodException) {
        }
        $signer = Signer::forProfile('netsuite', 'ck', 'cs', '1234567-sb1', token: 'tk', tokenSecret: 'ts');
        $this->assertSame('1234567_SB1', $signer->realm());
        $url = 'https://1234567-sb1.suitetalk.api.netsuite.com/services/rest/record/v1/customer';
        $signer->sign('GET', $url, timestamp: '4102444800');
        // The clock is earlier than the last timestamp: the signer keeps the last one.
        $fresh = array_column($signer->sign('GET', $url)->oauthParameters(), 1, 0);
        $this->assertSame('4102444800', $fresh['oauth_timestamp']);
        try {
            $signer->sign('GET', $url, timestamp: '1700000000');
            $this->fail('a timestamp went backwards');
        } catch (InvalidParameterException $e) {
            $this->assertStringContainsString('never go backwards', $e->getMessage());
        }
        // Off for other profiles unless asked for.
        $x = Signer::forProfile('x', 'ck', 'cs');
        $x->sign('GET', 'https://api.x.com/2/me', timestamp: '4102444800');
        $x->sign('GET', 'https://api.x.com/2/me', timestamp: '1700000000');
        $monotonic = Signer::forProfile('x', 'ck', 'cs', monotonicTimestamps: true);
        $monotonic->sign('GET', 'https://api.x.com/2/me', timestamp: '4102444800');
        $this->expectException(InvalidParameterException::class);
        $monotonic->sign('GET', 'https://api.x.com/2/me', timestamp: '1700000000');
    }

    public function testEveryTimestampOfAMonotonicSignerIsAtLeastTheLast(): void
    {
        $signer = Signer::forProfile('netsuite', 'ck', 'cs', '1234567', token: 'tk', tokenSecret: 'ts');
        $last = 0;
        for ($i = 0; $i < 50; $i++) {
            $params = array_column($signer->sign('GET', 'https://1234567.suitetalk.api.netsuite.com/r')->oauthParameters(), 1, 0);
            $this->assertGreaterThanOrEqual($last, (int) $params['oauth_timestamp']);
            $last = (int) $params['oauth_timestamp'];
        }
    }
}
