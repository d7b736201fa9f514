<?php

declare(strict_types=1);

use OAuth1\Credentials;
use OAuth1\InvalidKeyException;
use OAuth1\InvalidUrlException;
use OAuth1\MemoryNonceStore;
use OAuth1\OAuth1;
use OAuth1\Signer;
use OAuth1\UnsupportedSignatureMethodException;
use OAuth1\VerificationException;
use OAuth1\Verifier;
use PHPUnit\Framework\TestCase;

/** A provider receiving requests (tests/conformance/VERIFY.md). */
final class VerifierTest extends TestCase
{
    private const NOW = 1700000000;

    private static function provider(?MemoryNonceStore $nonces = null): Verifier
    {
        $credentials = new Credentials();
        $credentials->addConsumer(Standard::CONSUMER_KEY, Standard::CONSUMER_SECRET);
        $credentials->addToken(Standard::TOKEN, Standard::TOKEN_SECRET, Standard::CONSUMER_KEY);
        return new Verifier($credentials, $nonces, now: self::NOW);
    }

    private static function signed(?string $nonce = null): \OAuth1\SignedRequest
    {
        return Standard::signer()->sign('POST', Standard::URL, Standard::BODY, Standard::FORM,
            timestamp: self::NOW, nonce: $nonce ?? Standard::NONCE);
    }

    public function testAcceptsTheStandardRequest(): void
    {
        $verified = self::provider()->verify('POST', Standard::URL, self::signed()->headers(), Standard::BODY, Standard::FORM);
        $this->assertSame(Standard::CONSUMER_KEY, $verified->consumerKey);
        $this->assertSame(Standard::TOKEN, $verified->token);
        $this->assertSame('HMAC-SHA256', $verified->signatureMethod);
        $this->assertSame('1234567_SB1', $verified->realm);
        $this->assertSame(Standard::NONCE, $verified->nonce);
        $this->assertSame(self::NOW, $verified->timestamp);
        $this->assertSame('header', $verified->parameterLocation);
        $this->assertSame('1.0', $verified->get('oauth_version'));
        $this->assertNotContains('oauth_signature', array_column($verified->oauthParameters, 0));
    }

    /** RFC 5849 s3.5.2 and s3.5.3: parameters in the form body or the query. */
    public function testAcceptsBodyAndQueryTransmissions(): void
    {
        $verifier = self::provider();
        $body = self::signed('n-body')->signedFormBody();
        $this->assertSame('body', $verifier->verify('POST', Standard::URL, [], $body, Standard::FORM)->parameterLocation);
        $url = self::signed('n-query')->signedUrl();
        $this->assertSame('query', $verifier->verify('POST', $url, [], Standard::BODY, Standard::FORM)->parameterLocation);
        $header = self::signed('n-auth')->authorizationHeader();
        $this->assertSame('header', $verifier->verifyAuthorization('POST', Standard::URL, $header, Standard::BODY, Standard::FORM)->parameterLocation);
    }

    /** RFC 5849 s3.3: a nonce is used once. */
    public function testReplayIsRefusedWithNonceUsed(): void
    {
        $nonces = new MemoryNonceStore();
        $verifier = self::provider($nonces);
        $headers = self::signed()->headers();
        $verifier->verify('POST', Standard::URL, $headers, Standard::BODY, Standard::FORM);
        $this->assertTrue($nonces->contains(Standard::CONSUMER_KEY, Standard::TOKEN, self::NOW, Standard::NONCE));
        $this->assertSame(1, $nonces->count());
        try {
            $verifier->verify('POST', Standard::URL, $headers, Standard::BODY, Standard::FORM);
            $this->fail('the replay was accepted');
        } catch (VerificationException $e) {
            $this->assertSame('nonce_used', $e->problem);
            $this->assertSame('verification_failed', $e->kind());
            $this->assertSame(401, $e->status);
            $this->assertSame('oauth_problem=nonce_used', $e->body);
            $this->assertSame([], $e->parameters);
            $this->assertNull($e->acceptableTimestamps);
            $this->assertSame('OAuth realm="api.example.com"', $e->wwwAuthenticate('api.example.com'));
            $this->assertNotSame('', $e->getMessage());
        }
    }

    public function testTamperedRequestIsRefusedAndBurnsNoNonce(): void
    {
        $nonces = new MemoryNonceStore();
        $verifier = self::provider($nonces);
        try {
            $verifier->verify('POST', Standard::URL, self::signed()->headers(), 'status=deleted', Standard::FORM);
            $this->fail('a tampered body was accepted');
        } catch (VerificationException $e) {
            $this->assertSame('signature_invalid', $e->problem);
            $this->assertSame(401, $e->status);
        }
        $this->assertSame(0, $nonces->count());
    }

    /** RFC 5849 s3.3: a timestamp outside the window; the acceptable range is reported. */
    public function testOldTimestampIsRefused(): void
    {
        $verifier = self::provider();
        $old = Standard::signer()->sign('GET', 'https://api.example.com/x', timestamp: self::NOW - 1000);
        try {
            $verifier->verify('GET', 'https://api.example.com/x', $old->headers());
            $this->fail('an old timestamp was accepted');
        } catch (VerificationException $e) {
            $this->assertSame('timestamp_refused', $e->problem);
            $this->assertSame([self::NOW - 300, self::NOW + 300], $e->acceptableTimestamps);
            $this->assertStringStartsWith('oauth_problem=timestamp_refused&oauth_acceptable_timestamps=', $e->body);
        }
    }

    public function testMissingParametersAreNamed(): void
    {
        try {
            self::provider()->verify('GET', 'https://api.example.com/x', ['Authorization' => 'OAuth oauth_consumer_key="ck"']);
            $this->fail('an incomplete request was accepted');
        } catch (VerificationException $e) {
            $this->assertSame('parameter_absent', $e->problem);
            $this->assertSame(400, $e->status);
            $this->assertContains('oauth_signature', $e->parameters);
        }
    }

    public function testSignatureMethodSettings(): void
    {
        $verifier = new Verifier(new Credentials(), signatureMethods: ['HMAC-SHA256'], timestampWindow: 60, now: 5);
        $this->assertTrue($verifier->isAllowed('HMAC-SHA256'));
        $this->assertFalse($verifier->isAllowed('HMAC-SHA1'));
        $verifier->allowSignatureMethod('PLAINTEXT');
        $this->assertTrue($verifier->isAllowed('PLAINTEXT'));
        $this->assertSame(5, $verifier->now());
        $this->assertSame(60, $verifier->timestampWindow());
        $verifier->useSystemClock();
        $this->assertGreaterThan(1700000000, $verifier->now());
        $this->assertFalse((new Verifier(new Credentials()))->isAllowed('PLAINTEXT'));
        $this->expectException(UnsupportedSignatureMethodException::class);
        new Verifier(new Credentials(), signatureMethods: ['HMAC-MD5']);
    }

    public function testCredentialsTable(): void
    {
        $credentials = new Credentials();
        $credentials->addConsumer('a', 'sa');
        $credentials->addConsumer('b', null, self::rsaPublicKey());
        $credentials->addToken('t', 'st', 'a');
        $this->assertSame(2, $credentials->consumerCount());
        $this->assertSame(1, $credentials->tokenCount());
        $this->assertTrue($credentials->removeToken('t'));
        $this->assertFalse($credentials->removeToken('t'));
        $this->assertTrue($credentials->removeConsumer('b'));
        $this->assertFalse($credentials->removeConsumer('b'));
        $this->assertSame(1, $credentials->consumerCount());
        $this->expectException(InvalidKeyException::class);
        $credentials->addConsumer('c', null, "-----BEGIN PUBLIC KEY-----\nnot a key\n-----END PUBLIC KEY-----\n");
    }

    public function testRsaSignedRequestVerifies(): void
    {
        $case = Standard::vector('vectors.json', 'rsa-sha256-post-form-with-token');
        $signer = new Signer('ck-rsa', signatureMethod: 'RSA-SHA256', rsaPrivateKey: $case['oauth']['rsa_private_key_pem']);
        $credentials = new Credentials();
        $credentials->addConsumer('ck-rsa', null, self::rsaPublicKey());
        $verifier = new Verifier($credentials);
        $signed = $signer->sign('GET', 'https://api.example.com/r');
        $this->assertSame('RSA-SHA256', $verifier->verify('GET', 'https://api.example.com/r', $signed->headers())->signatureMethod);
    }

    private static function rsaPublicKey(): string
    {
        return Standard::vector('verify.json', 'valid-rsa-sha1')['provider']['consumers']['ck-rsa']['rsa_public_key_pem'];
    }

    public function testNonceStoreSeedingAndExpiry(): void
    {
        $nonces = new MemoryNonceStore();
        $this->assertTrue($nonces->checkAndRecord('ck', '', 100, 'n', 100, 300));
        $this->assertFalse($nonces->checkAndRecord('ck', '', 100, 'n', 100, 300));
        $this->assertTrue($nonces->contains('ck', '', 100, 'n'));
        $nonces->forgetExpired(1000, 300);
        $this->assertSame(0, $nonces->count());
        $this->expectException(\OAuth1\InvalidParameterException::class);
        $nonces->checkAndRecord('ck', '', -1, 'n', 100, 300);
    }

    /** Behind a proxy: the URL the client signed, from the target and Host (X-Forwarded-* only when trusted). */
    public function testReceivedUrl(): void
    {
        $headers = ['Host' => 'api.example.com', 'X-Forwarded-Proto' => 'https'];
        $this->assertSame('http://api.example.com/r?a=1', OAuth1::receivedUrl(false, '/r?a=1', $headers));
        $this->assertSame('https://api.example.com/r?a=1', OAuth1::receivedUrl(false, '/r?a=1', $headers, true));
        $this->expectException(InvalidUrlException::class);
        OAuth1::receivedUrl(false, '/r', []);
    }

    public function testHeaderValuesAsLists(): void
    {
        $signed = self::signed();
        $verified = self::provider()->verify('POST', Standard::URL,
            ['authorization' => [$signed->authorizationHeader()], 'Accept' => ['a', 'b']], Standard::BODY, Standard::FORM);
        $this->assertSame(Standard::TOKEN, $verified->token);
    }
}
