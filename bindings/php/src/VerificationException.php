<?php

declare(strict_types=1);

namespace OAuth1;

use FFI\CData;

/**
 * The verifier refused a received request (oauth1_problem). Answer the client
 * with status(), `WWW-Authenticate: wwwAuthenticate($realm)` and body()
 * (application/x-www-form-urlencoded). The message explains the refusal
 * for logs (never a secret).
 */
final class VerificationException extends OAuth1Exception
{
    public const KIND = 'verification_failed';

    /** The oauth_problem code, e.g. signature_invalid, nonce_used, timestamp_refused. */
    public readonly string $problem;
    /** @var list<string> the parameter names concerned (absent or rejected ones; often none) */
    public readonly array $parameters;
    /** The HTTP status to answer with: 400 or 401 (RFC 5849 s3.2). */
    public readonly int $status;
    /** The form-encoded response body: oauth_problem=... */
    public readonly string $body;
    /** @var ?array{0: int, 1: int} for timestamp_refused: the inclusive range accepted */
    public readonly ?array $acceptableTimestamps;

    /** @internal Reads the problem, keeping the handle for wwwAuthenticate(). */
    public function __construct(private ?CData $handle)
    {
        try {
            $ffi = Library::ffi();
            $message = Library::stringOut(fn ($out) => $ffi->oauth1_problem_message($handle, $out));
            parent::__construct($message, 13);
            $this->problem = Library::stringOut(fn ($out) => $ffi->oauth1_problem_code($handle, $out));
            $count = Library::sizeOut(fn ($out) => $ffi->oauth1_problem_parameter_count($handle, $out));
            $parameters = [];
            for ($i = 0; $i < $count; $i++) {
                $parameters[] = Library::stringOut(fn ($out) => $ffi->oauth1_problem_parameter($handle, $i, $out));
            }
            $this->parameters = $parameters;
            $status = $ffi->new('uint16_t');
            Library::check($ffi->oauth1_problem_http_status($handle, \FFI::addr($status)));
            $this->status = $status->cdata;
            $this->body = Library::stringOut(fn ($out) => $ffi->oauth1_problem_body($handle, $out));
            $min = $ffi->new('uint64_t');
            $max = $ffi->new('uint64_t');
            $result = $ffi->oauth1_problem_acceptable_timestamps($handle, \FFI::addr($min), \FFI::addr($max));
            if ($result !== 4) {
                Library::check($result);
            }
            $this->acceptableTimestamps = $result === 4 ? null : [$min->cdata, $max->cdata];
        } catch (\Throwable $e) {
            $this->close();
            throw $e;
        }
    }

    /** The WWW-Authenticate value for the provider's $realm: `OAuth realm="..."`. */
    public function wwwAuthenticate(string $realm): string
    {
        $handle = $this->handle ?? throw new \LogicException('the VerificationException is closed');
        $realm = Library::cstr($realm, 'realm');
        return Library::stringOut(fn ($out) => Library::ffi()->oauth1_problem_www_authenticate($handle, $realm, $out));
    }

    /** Frees the problem now (also done when the exception is destroyed). */
    public function close(): void
    {
        if ($this->handle !== null) {
            Library::ffi()->oauth1_problem_free($this->handle);
            $this->handle = null;
        }
    }

    public function __destruct()
    {
        $this->close();
    }
}
