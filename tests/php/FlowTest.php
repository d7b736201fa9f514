<?php

declare(strict_types=1);

use OAuth1\InvalidParameterException;
use OAuth1\InvalidResponseException;
use OAuth1\OAuth1;
use OAuth1\Signer;
use PHPUnit\Framework\TestCase;

/** The token-flow helpers (RFC 5849 s2). */
final class FlowTest extends TestCase
{
    /** RFC 5849 s2.2: oauth_token added to the authorize URL's query. */
    public function testAuthorizationUrl(): void
    {
        $this->assertSame('https://p/authorize?oauth_token=rt%2F1', OAuth1::authorizationUrl('https://p/authorize', 'rt/1'));
        $this->assertSame('https://p/authorize?x=1&oauth_token=rt', OAuth1::authorizationUrl('https://p/authorize?x=1', 'rt'));
    }

    /** RFC 5849 s2.2: the callback carries oauth_token and oauth_verifier. */
    public function testParseCallback(): void
    {
        $callback = OAuth1::parseCallback('https://c/cb?oauth_token=rt&oauth_verifier=v%201');
        $this->assertSame('rt', $callback->token);
        $this->assertSame('v 1', $callback->verifier);
        $this->assertSame('v', OAuth1::parseCallback('oauth_token=rt&oauth_verifier=v')->verifier);
    }

    /** The callback must name the request token the consumer is waiting for. */
    public function testParseCallbackForTheRequestToken(): void
    {
        $this->assertSame('v', OAuth1::parseCallback('oauth_token=rt&oauth_verifier=v', 'rt')->verifier);
        $this->expectException(InvalidResponseException::class);
        OAuth1::parseCallback('oauth_token=other&oauth_verifier=v', 'rt');
    }

    public function testParseCallbackWithoutVerifierIsRefused(): void
    {
        $this->expectException(InvalidResponseException::class);
        $this->expectExceptionMessageMatches('/oauth_verifier/');
        OAuth1::parseCallback('https://c/cb?oauth_token=rt');
    }

    /** RFC 5849 s2.1 and s2.3: token responses, oauth_callback_confirmed required for the request token. */
    public function testParseTokenResponse(): void
    {
        $response = OAuth1::parseTokenResponse(
            'oauth_token=at&oauth_token_secret=s%2B1&oauth_session_handle=sh&user_id=7',
        );
        $this->assertSame('at', $response->token);
        $this->assertSame('s+1', $response->tokenSecret());
        $this->assertNull($response->callbackConfirmed);
        $this->assertSame([['oauth_session_handle', 'sh'], ['user_id', '7']], $response->extra);
        $this->assertSame('sh', $response->get('oauth_session_handle'));
        $this->assertNull($response->get('nothing'));
        $this->assertStringNotContainsString('s+1', print_r($response, true));
        $confirmed = OAuth1::parseTokenResponse('oauth_token=rt&oauth_token_secret=s&oauth_callback_confirmed=true', true);
        $this->assertTrue($confirmed->callbackConfirmed);
        $this->expectException(InvalidResponseException::class);
        OAuth1::parseTokenResponse('oauth_token=rt&oauth_token_secret=s', true);
    }

    public function testRequestAndAccessTokenRequests(): void
    {
        $consumer = new Signer('ck', 'cs');
        $request = array_column($consumer->requestTokenRequest('https://p/request_token')->oauthParameters(), 1, 0);
        $this->assertSame('oob', $request['oauth_callback']);
        $request = array_column($consumer->requestTokenRequest('https://p/request_token', 'https://c/cb')->oauthParameters(), 1, 0);
        $this->assertSame('https://c/cb', $request['oauth_callback']);
        $access = $consumer->withToken('rt', 'rs')->accessTokenRequest('https://p/access_token', 'v1');
        $parameters = array_column($access->oauthParameters(), 1, 0);
        $this->assertSame('v1', $parameters['oauth_verifier']);
        $this->assertSame('rt', $parameters['oauth_token']);
        $this->assertStringStartsWith('POST&', $access->baseString());
        $this->expectException(InvalidParameterException::class);
        $consumer->accessTokenRequest('https://p/access_token', 'v1');
    }

    public function testVersion(): void
    {
        $this->assertMatchesRegularExpression('/^\d+\.\d+\.\d+/', OAuth1::version());
    }
}
