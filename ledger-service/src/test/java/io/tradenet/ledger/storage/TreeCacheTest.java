package io.tradenet.ledger.storage;

import io.tradenet.contract.crypto.Hashing;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/** The in-memory tree answers only what was committed to it, and keeps within its budget by dropping the lowest levels. */
class TreeCacheTest {

    private static byte[] hash(int level, long index) {
        return Hashing.sha256((level + "/" + index).getBytes());
    }

    @Test
    void aCachedNodeIsReturnedAsPutAndAnythingElseIsAMiss() {
        TreeCache cache = new TreeCache(64L << 20);
        cache.sized(100_000);
        cache.put(0, 99_999, hash(0, 99_999));
        cache.put(3, 5, hash(3, 5));

        assertThat(cache.get(0, 99_999)).isEqualTo(hash(0, 99_999));
        assertThat(cache.get(3, 5)).isEqualTo(hash(3, 5));
        assertThat(cache.get(0, 99_998)).isNull();      // same chunk, never put
        assertThat(cache.get(0, 5_000_000)).isNull();   // beyond every chunk
        assertThat(cache.get(4, 5)).isNull();           // another level
        assertThat(cache.get(0, -1)).isNull();
    }

    @Test
    void aReturnedHashIsACopySoCallersCannotAlterTheCache() {
        TreeCache cache = new TreeCache(64L << 20);
        cache.put(0, 1, hash(0, 1));
        cache.get(0, 1)[0] ^= 1;
        assertThat(cache.get(0, 1)).isEqualTo(hash(0, 1));
    }

    @Test
    void asTheTreeOutgrowsTheBudgetTheLowestLevelsAreDroppedAndMissFromThenOn() {
        long budget = TreeCache.bytesFrom(0, 1 << 16);   // exactly the whole tree of 65,536 leaves
        TreeCache cache = new TreeCache(budget);
        cache.sized(1 << 16);
        cache.put(0, 7, hash(0, 7));
        cache.put(1, 7, hash(1, 7));
        assertThat(cache.lowestLevel()).isZero();
        assertThat(cache.get(0, 7)).isNotNull();

        cache.sized(1 << 17);   // twice the leaves: level 0 alone would take the whole budget

        assertThat(cache.lowestLevel()).isEqualTo(1);
        assertThat(cache.get(0, 7)).isNull();
        assertThat(cache.get(1, 7)).isEqualTo(hash(1, 7));
        cache.put(0, 8, hash(0, 8));                    // below the lowest level: not kept
        assertThat(cache.get(0, 8)).isNull();
        assertThat(TreeCache.bytesFrom(1, 1 << 17)).isLessThanOrEqualTo(budget);
    }

    @Test
    void aZeroBudgetCachesNothing() {
        TreeCache cache = new TreeCache(0);
        cache.sized(10);
        cache.put(5, 0, hash(5, 0));
        assertThat(cache.get(5, 0)).isNull();
    }
}
