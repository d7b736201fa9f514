<?php

declare(strict_types=1);

use GuzzleHttp\Client;
use GuzzleHttp\Handler\MockHandler;
use GuzzleHttp\HandlerStack;
use GuzzleHttp\Middleware;
use GuzzleHttp\Psr7\Response;
use OAuth1\Authorization;
use OAuth1\Credentials;
use OAuth1\Guzzle\OAuth1Middleware;
use OAuth1\InvalidParameterException;
use OAuth1\Signer;
use OAuth1\Verifier;
use PHPUnit\Framework\TestCase;
use Psr\Http\Message\RequestInterface;

/** The Guzzle middleware and the plain Authorization helper: what they send verifies. */
final class GuzzleMiddlewareTest extends TestCase
{
    /** @var list<array{request: RequestInterface}> */
    private array $sent = [];

    private function client(OAuth1Middleware $middleware): Client
    {
        $this->sent = [];
        $stack = HandlerStack::create(new MockHandler(array_fill(0, 4, new Response(200))));
        $stack->push($middleware);
        $stack->push(Middleware::history($this->sent));
        return new Client(['handler' => $stack]);
    }

    private static function verifier(): Verifier
    {
        $credentials = new Credentials();
        $credentials->addConsumer('ck', 'cs');
        $credentials->addToken('tk', 'ts', 'ck');
        return new Verifier($credentials);
    }

    private static function verify(Verifier $verifier, RequestInterface $request): \OAuth1\VerifiedRequest
    {
        $headers = [];
        foreach ($request->getHeaders() as $name => $values) {
            $headers[$name] = $values;
        }
        $body = (string) $request->getBody();
        return $verifier->verify($request->getMethod(), (string) $request->getUri(), $headers, $body === '' ? null : $body);
    }

    /** @return list<array{0: string}> */
    public static function transmissions(): array
    {
        return [['header'], ['query'], ['body']];
    }

    /** @dataProvider transmissions */
    public function testEachTransmissionVerifies(string $transmission): void
    {
        $client = $this->client(new OAuth1Middleware(new Signer('ck', 'cs', token: 'tk', tokenSecret: 'ts'), $transmission));
        $client->post('https://api.example.com/records?x=1', ['form_params' => ['title' => 'Hello world', 'tags' => 'a,b']]);
        $request = $this->sent[0]['request'];
        $verified = self::verify(self::verifier(), $request);
        $this->assertSame($transmission, $verified->parameterLocation);
        $this->assertSame('tk', $verified->token);
    }

    public function testJsonBodyWithBodyHash(): void
    {
        $client = $this->client(new OAuth1Middleware(new Signer('ck', 'cs', token: 'tk', tokenSecret: 'ts', bodyHash: true)));
        $client->put('https://api.example.com/records/1', ['json' => ['done' => true]]);
        $request = $this->sent[0]['request'];
        $this->assertStringContainsString('oauth_body_hash="', $request->getHeaderLine('Authorization'));
        $this->assertSame('{"done":true}', (string) $request->getBody());
        self::verify(self::verifier(), $request);
    }

    public function testPerRequestSignerOrNone(): void
    {
        $consumer = new Signer('ck', 'cs');
        $client = $this->client(new OAuth1Middleware($consumer));
        $client->get('https://api.example.com/a', ['oauth1' => false]);
        $client->get('https://api.example.com/b', ['oauth1' => $consumer->withToken('tk', 'ts')]);
        $this->assertFalse($this->sent[0]['request']->hasHeader('Authorization'));
        $this->assertStringContainsString('oauth_token="tk"', $this->sent[1]['request']->getHeaderLine('Authorization'));
    }

    public function testUnknownTransmissionIsRefused(): void
    {
        $this->expectException(InvalidParameterException::class);
        new OAuth1Middleware(new Signer('ck'), 'cookie');
    }

    public function testPlainAuthorizationHelper(): void
    {
        $signer = new Signer('ck', 'cs', token: 'tk', tokenSecret: 'ts');
        $line = Authorization::headerLine($signer, 'POST', 'https://api.example.com/r', 'a=1', 'application/x-www-form-urlencoded');
        $this->assertStringStartsWith('Authorization: OAuth oauth_consumer_key="ck", ', $line);
        $verified = self::verifier()->verify('POST', 'https://api.example.com/r',
            ['Authorization' => substr($line, strlen('Authorization: '))], 'a=1', 'application/x-www-form-urlencoded');
        $this->assertSame('ck', $verified->consumerKey);
    }
}
