"""Cache backends of our own (settings.CACHE_URL)."""

from django.core.cache.backends.filebased import FileBasedCache


class FileCache(FileBasedCache):
    """Django's file cache, except that it counts its entries (to drop some
    once `MAX_ENTRIES` is reached) on one write in `CHECK_EVERY` instead of
    on every write. Counting lists the whole directory: with the tens of
    thousands of entries the public plan pages keep it took longer than the
    write itself (bench/public_load.py). Between two counts each process
    adds at most `CHECK_EVERY` entries beyond the limit."""

    CHECK_EVERY = 100

    def __init__(self, dir, params):
        super().__init__(dir, params)
        self._writes = 0

    def _cull(self):
        self._writes += 1
        if self._writes % self.CHECK_EVERY == 1:  # the first write counts too
            super()._cull()
