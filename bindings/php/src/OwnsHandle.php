<?php

declare(strict_types=1);

namespace OAuth1;

use FFI\CData;

/**
 * @internal An object that owns one library handle ($handle): close() frees
 * it once with the class's FREE_FUNCTION (the library zeroes the secrets it
 * holds), as does destruction; after that, handle() throws CLOSED_MESSAGE.
 */
trait OwnsHandle
{
    /** @internal */
    public function handle(): CData
    {
        return $this->handle ?? throw new \LogicException(self::CLOSED_MESSAGE);
    }

    /** Frees the handle now, zeroing the secrets it holds (also done when the object is destroyed). */
    public function close(): void
    {
        if ($this->handle !== null) {
            Library::ffi()->{self::FREE_FUNCTION}($this->handle);
            $this->handle = null;
        }
    }

    public function __destruct()
    {
        $this->close();
    }
}
