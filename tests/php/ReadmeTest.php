<?php

declare(strict_types=1);

use PHPUnit\Framework\TestCase;

/** The README's signing example runs as written. */
final class ReadmeTest extends TestCase
{
    public function testSigningExampleRuns(): void
    {
        $readme = file_get_contents(__DIR__ . '/../../bindings/php/README.md');
        $this->assertSame(1, preg_match('/```php\n(.*?)```/s', $readme, $block));
        $file = tempnam(sys_get_temp_dir(), 'oauth1-readme');
        file_put_contents($file, $block[1]);
        $root = dirname(__DIR__, 2);
        exec('cd ' . escapeshellarg($root) . ' && php ' . escapeshellarg($file) . ' 2>&1', $output, $status);
        unlink($file);
        $this->assertSame(0, $status, implode("\n", $output));
        $this->assertStringStartsWith('Authorization: OAuth realm="1234567_SB1", oauth_consumer_key="ck_5f4dcc3b5aa765d61d8327deb882cf99"', $output[0] ?? '');
    }
}
