<?php

declare(strict_types=1);

use OAuth1\InteriorNulException;
use OAuth1\InvalidParameterException;
use OAuth1\InvalidUrlException;
use OAuth1\InvalidUtf8Exception;
use OAuth1\OAuth1Exception;
use OAuth1\Omit;
use OAuth1\SignOptions;
use OAuth1\Signer;
use OAuth1\UnsupportedSignatureMethodException;
use PHPUnit\Framework\TestCase;

final class SignerTest extends TestCase
{
    private static function standard(Signer $signer, mixed ...$more): \OAuth1\SignedRequest
    {
        return $signer->sign('POST', Standard::URL, Standard::BODY, Standard::FORM, ...($more + [
            'timestamp' => Standard::TIMESTAMP,
            'nonce' => Standard::NONCE,
        ]));
    }

    public function testBodyHashBooleans(): void
    {
        $body = '{"title":"x","done":true}';
        $signed = Standard::signer(bodyHash: true)->sign('PUT', 'https://api.example.com/r/1', $body, 'application/json');
        $this->assertContains(['oauth_body_hash', base64_encode(sha1($body, true))], $signed->oauthParameters());
        foreach (['always' => true, 'off' => false] as $policy => $expected) {
            $signed = Standard::signer(bodyHash: $policy)->sign('PUT', 'https://api.example.com/r/1', $body, 'application/json');
            $this->assertSame($expected, in_array('oauth_body_hash', array_column($signed->oauthParameters(), 0), true));
        }
    }

    public function testStandardRequestSignature(): void
    {
        $signed = self::standard(Standard::signer());
        $this->assertSame(Standard::SIGNATURE, $signed->signature());
        $this->assertStringStartsWith('POST&https%3A%2F%2Fapi.example.com%2Fv1%2Frecords%2Fsearch&', $signed->baseString());
        $this->assertStringContainsString('name=John%20Doe', $signed->normalizedParameters());
    }

    public function testPreparedSignOptionsAreReusable(): void
    {
        $signer = Standard::signer();
        $options = new SignOptions(timestamp: 1700000000, nonce: Standard::NONCE);
        foreach ([1, 2] as $_) {
            $signed = $signer->sign('POST', Standard::URL, Standard::BODY, Standard::FORM, options: $options);
            $this->assertSame(Standard::SIGNATURE, $signed->signature());
        }
        $this->expectException(InvalidParameterException::class);
        $signer->sign('GET', Standard::URL, options: $options, nonce: 'x');
    }

    /** RFC 5849 s3.5.1: realm is a header attribute, first, and never signed. */
    public function testRealmInHeaderOnly(): void
    {
        $signed = self::standard(Standard::signer());
        $this->assertStringStartsWith('OAuth realm="1234567_SB1", oauth_consumer_key="', $signed->authorizationHeader());
        $this->assertStringNotContainsString('realm', $signed->baseString());
        $this->assertSame(['Authorization' => $signed->authorizationHeader()], $signed->headers());
        $this->assertStringNotContainsString('realm', self::standard(Standard::signer(realm: null))->authorizationHeader());
    }

    /** RFC 5849 s3.5: the three transmissions of the same signature. */
    public function testThreeTransmissions(): void
    {
        $signed = self::standard(Standard::signer());
        $encoded = rawurlencode(Standard::SIGNATURE);
        $this->assertStringContainsString("oauth_signature=\"{$encoded}\"", $signed->authorizationHeader());
        $this->assertStringStartsWith(Standard::URL . '&oauth_consumer_key=', $signed->signedUrl());
        $this->assertStringEndsWith("&oauth_signature={$encoded}", $signed->signedUrl());
        $this->assertStringStartsWith(Standard::BODY . '&oauth_consumer_key=', $signed->signedFormBody());
        $this->assertStringEndsWith("oauth_signature={$encoded}", $signed->oauthQuery());
        $parameters = $signed->oauthParameters();
        $this->assertSame(['oauth_consumer_key', Standard::CONSUMER_KEY], $parameters[0]);
        $this->assertSame(['oauth_signature', Standard::SIGNATURE], end($parameters));
    }

    /** RFC 5849 s3.5.2: only a form body can carry the parameters. */
    public function testFormBodyTransmissionNeedsAForm(): void
    {
        $signed = Standard::signer()->sign('POST', 'https://api.example.com/x', '{"a":1}', 'application/json');
        $this->expectException(InvalidParameterException::class);
        $signed->signedFormBody();
    }

    /** @return list<array{0: string}> */
    public static function hmacMethods(): array
    {
        return [['HMAC-SHA1'], ['HMAC-SHA256'], ['HMAC-SHA512'], ['PLAINTEXT']];
    }

    /** @dataProvider hmacMethods */
    public function testEverySharedSecretMethodSignsAndVerifies(string $method): void
    {
        $signer = Standard::signer(signatureMethod: $method);
        $this->assertSame($method, $signer->signatureMethod());
        $signed = $signer->sign('GET', 'https://api.example.com/r?a=1');
        $credentials = new \OAuth1\Credentials();
        $credentials->addConsumer(Standard::CONSUMER_KEY, Standard::CONSUMER_SECRET);
        $credentials->addToken(Standard::TOKEN, Standard::TOKEN_SECRET, Standard::CONSUMER_KEY);
        $verifier = new \OAuth1\Verifier($credentials, signatureMethods: [$method]);
        $verified = $verifier->verify('GET', 'https://api.example.com/r?a=1', $signed->headers());
        $this->assertSame($method, $verified->signatureMethod);
        if ($method === 'PLAINTEXT') {
            $this->assertSame(rawurlencode(Standard::CONSUMER_SECRET) . '&' . rawurlencode(Standard::TOKEN_SECRET), $signed->signature());
        }
    }

    /** @return list<array{0: string}> */
    public static function rsaVectors(): array
    {
        return [['oauth-wiki-testcases-rsa-sha1'], ['rsa-sha256-post-form-with-token'], ['rsa-sha512-get-query']];
    }

    /** @dataProvider rsaVectors */
    public function testRsaMethodsGiveTheVectorsSignature(string $id): void
    {
        $case = Standard::vector('vectors.json', $id);
        $o = $case['oauth'];
        $signer = new Signer(
            $o['consumer_key'],
            $o['consumer_secret'],
            token: $o['token'],
            tokenSecret: $o['token'] === null ? null : (string) $o['token_secret'],
            signatureMethod: $o['signature_method'],
            rsaPrivateKey: $o['rsa_private_key_pem'],
            includeVersion: $o['version'] !== null,
        );
        $signed = $signer->sign(
            $case['request']['method'],
            $case['request']['url'],
            $case['request']['body'],
            $case['request']['content_type'],
            timestamp: $o['timestamp'],
            nonce: $o['nonce'],
        );
        $this->assertSame($case['expect']['signature'], $signed->signature());
    }

    public function testRsaWithoutKeyIsRefused(): void
    {
        $this->expectException(\OAuth1\InvalidKeyException::class);
        new Signer('ck', 'cs', signatureMethod: 'RSA-SHA256');
    }

    /** Draft oauth-bodyhash: oauth_body_hash is base64(SHA-1(body)). */
    public function testBodyHashOnAJsonBody(): void
    {
        $body = '{"title":"x","done":true}';
        $hash = base64_encode(sha1($body, true));
        foreach ([true, 'always', 'non-form'] as $policy) {
            $signed = Standard::signer(bodyHash: $policy)->sign('PUT', 'https://api.example.com/r/1', $body, 'application/json');
            $this->assertContains(['oauth_body_hash', $hash], $signed->oauthParameters(), var_export($policy, true));
        }
        foreach ([false, 'off'] as $policy) {
            $signed = Standard::signer(bodyHash: $policy)->sign('PUT', 'https://api.example.com/r/1', $body, 'application/json');
            $this->assertNotContains('oauth_body_hash', array_column($signed->oauthParameters(), 0));
        }
    }

    public function testBodyHashPolicyOnAFormAndWithoutBody(): void
    {
        $emptyHash = base64_encode(sha1('', true));
        $this->assertContains(['oauth_body_hash', $emptyHash], Standard::signer(bodyHash: 'always')->sign('GET', 'https://h/')->oauthParameters());
        $noBody = Standard::signer(bodyHash: 'non-form')->sign('GET', 'https://h/');
        $this->assertNotContains('oauth_body_hash', array_column($noBody->oauthParameters(), 0));
        $form = Standard::signer(bodyHash: 'non-form')->sign('POST', 'https://h/', 'a=1', Standard::FORM);
        $this->assertNotContains('oauth_body_hash', array_column($form->oauthParameters(), 0));
        $this->expectException(InvalidParameterException::class);
        Standard::signer(bodyHash: 'always')->sign('POST', 'https://h/', 'a=1', Standard::FORM);
    }

    public function testUnknownBodyHashPolicyIsRefused(): void
    {
        $this->expectException(InvalidParameterException::class);
        Standard::signer(bodyHash: 'sometimes');
    }

    /** Bodies go in with their length: any byte, NUL included, is hashed as sent. */
    public function testBinaryBodyWithNulBytes(): void
    {
        $body = "\x00\xff\x00binary";
        $signed = Standard::signer(bodyHash: true)->sign('POST', 'https://h/upload', $body, 'application/octet-stream');
        $this->assertContains(['oauth_body_hash', base64_encode(sha1($body, true))], $signed->oauthParameters());
    }

    public function testEmbeddedNulInAStringIsRefusedByName(): void
    {
        try {
            Standard::signer()->sign('GET', "https://h/\0x");
            $this->fail('a NUL byte was passed');
        } catch (InteriorNulException $e) {
            $this->assertSame('interior_nul', $e->kind());
            $this->assertSame('url holds a NUL byte, which a C string cannot carry', $e->getMessage());
        }
        $this->expectException(InteriorNulException::class);
        new Signer("ck\0", 'cs');
    }

    public function testInvalidUtf8IsRefusedByTheLibrary(): void
    {
        $this->expectException(InvalidUtf8Exception::class);
        new Signer("ck\xff", 'cs');
    }

    public function testErrorsCarryTheLibrarysMessageAndCode(): void
    {
        try {
            Standard::signer()->sign('GET', 'ftp://x');
            $this->fail('ftp was signed');
        } catch (InvalidUrlException $e) {
            $this->assertInstanceOf(OAuth1Exception::class, $e);
            $this->assertSame('invalid_url: url "ftp://x": scheme "ftp" is not http or https', $e->getMessage());
            $this->assertSame(6, $e->getCode());
            $this->assertSame('invalid_url', $e->kind());
        }
        try {
            new Signer('ck', 'cs', signatureMethod: 'hmac-sha1');
            $this->fail('a lowercase method was accepted');
        } catch (UnsupportedSignatureMethodException $e) {
            $this->assertStringContainsString('hmac-sha1', $e->getMessage());
        }
    }

    /** RFC 5849 s3.1: PLAINTEXT may omit timestamp and nonce; fresh ones otherwise. */
    public function testGeneratedAndOmittedParameters(): void
    {
        $fresh = array_column(Standard::signer()->sign('GET', 'https://h/')->oauthParameters(), 1, 0);
        $this->assertMatchesRegularExpression('/^[0-9]+$/', $fresh['oauth_timestamp']);
        $this->assertMatchesRegularExpression('/^[A-Za-z0-9]{32}$/', $fresh['oauth_nonce']);
        $omitted = Standard::signer(signatureMethod: 'PLAINTEXT')->sign('GET', 'https://h/', timestamp: \OAuth1\OAuth1::OMIT, nonce: Omit::Parameter);
        $names = array_column($omitted->oauthParameters(), 0);
        $this->assertNotContains('oauth_timestamp', $names);
        $this->assertNotContains('oauth_nonce', $names);
        $short = array_column(Standard::signer(nonceLength: 8, nonceAlphabet: 'ab')->sign('GET', 'https://h/')->oauthParameters(), 1, 0);
        $this->assertMatchesRegularExpression('/^[ab]{8}$/', $short['oauth_nonce']);
    }

    public function testCallbackVerifierAndExtraParameters(): void
    {
        $signed = Standard::signer()->sign('POST', 'https://h/t', callback: 'https://c/cb?x=1', verifier: 'v 1',
            extraOAuthParams: ['oauth_session_handle' => 'sh/1']);
        $parameters = array_column($signed->oauthParameters(), 1, 0);
        $this->assertSame('https://c/cb?x=1', $parameters['oauth_callback']);
        $this->assertSame('v 1', $parameters['oauth_verifier']);
        $this->assertSame('sh/1', $parameters['oauth_session_handle']);
        $this->expectException(InvalidParameterException::class);
        Standard::signer()->sign('GET', 'https://h/', extraOAuthParams: ['oauth_signature' => 'x']);
    }

    public function testAccessorsAndWithToken(): void
    {
        $consumer = new Signer('ck', 'cs', signatureMethod: 'HMAC-SHA512', realm: 'r');
        $this->assertSame('ck', $consumer->consumerKey());
        $this->assertNull($consumer->token());
        $this->assertSame('r', $consumer->realm());
        $this->assertSame('HMAC-SHA512', $consumer->signatureMethod());
        $withToken = $consumer->withToken('tk', 'ts');
        $this->assertSame('tk', $withToken->token());
        $this->assertSame('HMAC-SHA512', $withToken->signatureMethod());
        $this->assertNull($consumer->token());
        $this->assertNull((new Signer('ck'))->realm());
    }

    public function testTokenSecretWithoutTokenIsRefused(): void
    {
        $this->expectException(InvalidParameterException::class);
        new Signer('ck', 'cs', tokenSecret: 'ts');
    }

    /** Handles: close() frees now, twice is harmless, use after close is a LogicException. */
    public function testCloseFreesAndIsIdempotent(): void
    {
        $signer = Standard::signer();
        $signed = self::standard($signer);
        $signed->close();
        $signed->close();
        $signer->close();
        $signer->close();
        $this->expectException(LogicException::class);
        $signer->sign('GET', 'https://h/');
    }
}
