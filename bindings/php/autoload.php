<?php

declare(strict_types=1);

// The PSR-4 autoloader of composer.json ("OAuth1\\" => "src/") for use without
// composer: require this file. With composer, vendor/autoload.php does the same.
spl_autoload_register(static function (string $class): void {
    if (str_starts_with($class, 'OAuth1\\')) {
        $file = __DIR__ . '/src/' . str_replace('\\', '/', substr($class, 7)) . '.php';
        if (is_file($file)) {
            require $file;
        }
    }
});
