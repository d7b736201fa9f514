<?php

/**
 * The whole OAuth 1.0a flow (RFC 5849 s2) against a provider, signing with
 * the PHP binding of liboauth1 and sending with Guzzle through its
 * OAuth1Middleware. Each step is printed by name with what was sent and
 * what came back.
 *
 *     php examples/php/three_legged.php BASE_URL
 *
 * BASE_URL is the provider's, e.g. the first line `oauth1 serve --port 0
 * --auto-approve` prints. The consumer's credentials come from
 * OAUTH1_CONSUMER_KEY and OAUTH1_CONSUMER_SECRET (the local provider's demo
 * consumer when unset). The provider must approve on its own (auto-approve).
 *
 * Exit status 0 only when every step succeeded.
 */

declare(strict_types=1);

require __DIR__ . '/../../bindings/php/autoload.php';
require_once 'GuzzleHttp/autoload.php'; // Debian's php-guzzlehttp-guzzle

use GuzzleHttp\Client;
use GuzzleHttp\HandlerStack;
use GuzzleHttp\Middleware;
use OAuth1\Guzzle\OAuth1Middleware;
use OAuth1\OAuth1;
use OAuth1\OAuth1Exception;
use OAuth1\Signer;
use Psr\Http\Message\RequestInterface;
use Psr\Http\Message\ResponseInterface;

const FORM = 'application/x-www-form-urlencoded';
const STEPS = 8;

final class StepFailed extends Exception
{
}

final class Flow
{
    public int $passed = 0;
    private Client $http;
    /** @var list<array{request: RequestInterface, response: ?ResponseInterface}> */
    private array $history = [];

    public function __construct(private string $baseUrl, private Signer $consumer, private string $consumerSecret)
    {
        $this->baseUrl = rtrim($baseUrl, '/');
        $stack = HandlerStack::create();
        $stack->push(new OAuth1Middleware($consumer));
        $stack->push(Middleware::history($this->history)); // after signing: what went on the wire
        $this->http = new Client([
            'handler' => $stack,
            'http_errors' => false,
            'allow_redirects' => false,
            'proxy' => '', // loopback: never a proxy
            'timeout' => 10,
        ]);
    }

    private static function step(string $name): void
    {
        echo "\n== {$name} ==\n";
    }

    private function ok(): void
    {
        echo "  ok\n";
        $this->passed++;
    }

    /** Sends one request (signed by $signer, or not at all with false) and prints both sides. */
    private function send(string $method, string $url, Signer|false $signer, array $options = [], int $expected = 200): ResponseInterface
    {
        $response = $this->http->request($method, $url, $options + ['oauth1' => $signer]);
        $sent = end($this->history)['request'];
        echo "  sent:     {$method} {$url}\n";
        foreach (['Authorization', 'Content-Type'] as $name) {
            if ($sent->hasHeader($name)) {
                echo "            {$name}: {$sent->getHeaderLine($name)}\n";
            }
        }
        $body = (string) $sent->getBody();
        if ($body !== '') {
            echo "            {$body}\n";
        }
        echo "  received: HTTP {$response->getStatusCode()}\n";
        if ($response->hasHeader('Location')) {
            echo "            Location: {$response->getHeaderLine('Location')}\n";
        }
        $text = (string) $response->getBody();
        if ($text !== '') {
            echo "            {$text}\n";
        }
        if ($response->getStatusCode() !== $expected) {
            throw new StepFailed("expected HTTP {$expected}, got {$response->getStatusCode()}");
        }
        return $response;
    }

    /** @return array<string, mixed> */
    private static function json(ResponseInterface $response): array
    {
        $value = json_decode((string) $response->getBody(), true);
        if (!is_array($value)) {
            throw new StepFailed('the answer is not a JSON object');
        }
        return $value;
    }

    public function run(): void
    {
        self::step('1. request token');
        $callback = "{$this->baseUrl}/callback";
        echo "  oauth_callback: {$callback}\n";
        $url = "{$this->baseUrl}/oauth/request_token";
        // The token-flow helper signs POST url with oauth_callback; sent as its header.
        $signed = $this->consumer->requestTokenRequest($url, $callback);
        $answer = $this->send('POST', $url, false, ['headers' => $signed->headers()]);
        $issued = OAuth1::parseTokenResponse((string) $answer->getBody(), true);
        $this->ok();

        self::step('2. user authorization');
        $authorize = OAuth1::authorizationUrl("{$this->baseUrl}/oauth/authorize", $issued->token);
        $answer = $this->send('GET', $authorize, false, [], 302);
        $location = $answer->getHeaderLine('Location');
        if ($location === '') {
            throw new StepFailed('no redirect to the callback');
        }
        $this->ok();

        self::step('3. callback with verifier');
        echo "  callback: {$location}\n";
        // With the request token: a callback naming another one is refused.
        $params = OAuth1::parseCallback($location, $issued->token);
        echo "  oauth_token={$params->token} oauth_verifier={$params->verifier}\n";
        $this->ok();

        self::step('4. access token');
        $url = "{$this->baseUrl}/oauth/access_token";
        $withRequestToken = $this->consumer->withToken($issued->token, $issued->tokenSecret());
        $signed = $withRequestToken->accessTokenRequest($url, $params->verifier);
        $answer = $this->send('POST', $url, false, ['headers' => $signed->headers()]);
        $access = OAuth1::parseTokenResponse((string) $answer->getBody());
        $signer = $this->consumer->withToken($access->token, $access->tokenSecret());
        $this->ok();

        self::step('5. GET with query');
        $meUrl = "{$this->baseUrl}/api/me?fields=name%2Cemail&lang=en";
        $meSigned = $signer->sign('GET', $meUrl);
        $answer = $this->send('GET', $meUrl, false, ['headers' => $meSigned->headers()]);
        if ((self::json($answer)['query']['fields'] ?? null) !== 'name,email') {
            throw new StepFailed('the provider did not see the query');
        }
        $this->ok();

        self::step('6. POST with form (signed by the Guzzle middleware)');
        $answer = $this->send('POST', "{$this->baseUrl}/api/records", $signer, [
            'body' => 'title=Hello+from+PHP&tags=demo%2Cphp',
            'headers' => ['Content-Type' => FORM],
        ], 201);
        $recordId = self::json($answer)['id'] ?? null;
        if (!is_int($recordId)) {
            throw new StepFailed('no record id in the answer');
        }
        $this->ok();

        self::step('7. PUT with JSON + body hash (signed by the Guzzle middleware)');
        // The same credentials, adding oauth_body_hash: a JSON body is signed through it.
        $hashing = new Signer($this->consumer->consumerKey(), $this->consumerSecret, token: $access->token,
            tokenSecret: $access->tokenSecret(), bodyHash: true);
        $this->send('PUT', "{$this->baseUrl}/api/records/{$recordId}", $hashing, [
            'body' => '{"title":"Hello again from PHP","done":true}',
            'headers' => ['Content-Type' => 'application/json'],
        ]);
        $this->ok();

        self::step('8. replayed GET is refused');
        echo "  the request of step 5 again, same nonce and signature:\n";
        $answer = $this->send('GET', $meUrl, false, ['headers' => $meSigned->headers()], 401);
        $problem = explode('&', (string) $answer->getBody())[0];
        if ($problem !== 'oauth_problem=nonce_used') {
            throw new StepFailed("expected oauth_problem=nonce_used, got {$problem}");
        }
        echo "  WWW-Authenticate: {$answer->getHeaderLine('WWW-Authenticate')}\n";
        $this->ok();
    }
}

function main(array $argv): int
{
    $baseUrl = $argv[1] ?? (getenv('OAUTH1_PROVIDER') ?: null);
    if ($baseUrl === null) {
        fwrite(STDERR, "usage: php examples/php/three_legged.php BASE_URL (e.g. http://127.0.0.1:8080)\n");
        return 2;
    }
    $key = getenv('OAUTH1_CONSUMER_KEY') ?: 'demo-consumer';
    $secret = getenv('OAUTH1_CONSUMER_SECRET') ?: 'demo-consumer-secret';
    $flow = new Flow($baseUrl, new Signer($key, $secret), $secret);
    echo 'PHP client (liboauth1 ' . OAuth1::version() . ', PHP ' . PHP_VERSION . ', Guzzle '
        . (defined('GuzzleHttp\ClientInterface::MAJOR_VERSION') ? GuzzleHttp\ClientInterface::MAJOR_VERSION : '?')
        . ") against {$baseUrl}\n";
    $failed = 0;
    try {
        $flow->run();
    } catch (StepFailed | OAuth1Exception | GuzzleHttp\Exception\GuzzleException $error) {
        echo "  FAILED: {$error->getMessage()}\n";
        $failed = 1;
    }
    echo "\nPHP flow: {$flow->passed} passed, {$failed} failed\n";
    return $failed === 0 && $flow->passed === STEPS ? 0 : 1;
}

exit(main($argv));
