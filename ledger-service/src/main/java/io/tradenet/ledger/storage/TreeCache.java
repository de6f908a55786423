package io.tradenet.ledger.storage;

import java.util.Arrays;
import java.util.concurrent.atomic.AtomicReferenceArray;

/**
 * The stored tree's hashes in memory, within a byte budget, so that a proof is answered without a
 * database round trip. Every node is the root of a complete subtree, immutable once committed, so a
 * cached hash can never go stale. Only committed nodes are put here: the appender's after each commit,
 * and whatever a proof read from the database (after a restart the cache fills as proofs are asked).
 *
 * <p>A node costs 32 bytes in one flat array per level ({@value #CHUNK} hashes per chunk, allocated when
 * first touched); an all-zero slot means "not cached". The budget decides the lowest level kept: with
 * {@code n} leaves the levels from {@code L} up hold about {@code 2n / 2^L} nodes, so while the whole
 * tree fits every level is kept, and as the log grows the lowest levels are dropped, one at a time,
 * and are read from the database again. Thread-safe: writers (the appender, proofs that read the
 * database) take the cache's monitor; readers take only the monitor of the chunk they read.
 */
public final class TreeCache {

    static final int CHUNK = 1 << 15;
    private static final int HASH = 32;
    private static final int LEVELS = 64;

    private final long budgetBytes;
    private final AtomicReferenceArray<AtomicReferenceArray<byte[]>> levels = new AtomicReferenceArray<>(LEVELS);
    private volatile int lowestLevel;

    /** {@code budgetBytes} 0 turns the cache off. */
    public TreeCache(long budgetBytes) {
        this.budgetBytes = budgetBytes;
        this.lowestLevel = budgetBytes <= 0 ? LEVELS : 0;
    }

    /** The lowest level kept (levels below it are read from the database). */
    public int lowestLevel() {
        return lowestLevel;
    }

    /** The cached hash, or null. */
    public byte[] get(int level, long index) {
        if (level < lowestLevel || level >= LEVELS || index < 0) {
            return null;
        }
        byte[] chunk = chunk(level, index, false);
        if (chunk == null) {
            return null;
        }
        int at = (int) (index % CHUNK) * HASH;
        byte[] hash;
        synchronized (chunk) { // pairs with the writer's, so a hash is never seen half written
            hash = Arrays.copyOfRange(chunk, at, at + HASH);
        }
        return isZero(hash) ? null : hash;
    }

    /** Keeps a committed node (ignored below the lowest level kept). */
    public synchronized void put(int level, long index, byte[] hash) {
        if (level < lowestLevel || level >= LEVELS || index < 0 || hash.length != HASH || isZero(hash)) {
            return;
        }
        byte[] chunk = chunk(level, index, true);
        if (chunk != null) {
            synchronized (chunk) {
                System.arraycopy(hash, 0, chunk, (int) (index % CHUNK) * HASH, HASH);
            }
        }
    }

    /** Called with the tree's size after each append: drops the lowest levels once the tree outgrows the budget. */
    public synchronized void sized(long leaves) {
        while (lowestLevel < LEVELS && bytesFrom(lowestLevel, leaves) > budgetBytes) {
            int dropped = lowestLevel;
            lowestLevel = dropped + 1;
            levels.set(dropped, null);
        }
    }

    /** Bytes the levels from {@code level} up take when full, for a tree of {@code leaves} leaves. */
    static long bytesFrom(int level, long leaves) {
        long nodes = 0;
        for (int l = level; l < LEVELS && (leaves >> l) > 0; l++) {
            long count = leaves >> l;
            nodes += ((count + CHUNK - 1) / CHUNK) * CHUNK; // whole chunks
        }
        return nodes * HASH;
    }

    private byte[] chunk(int level, long index, boolean create) {
        long chunkIndex = index / CHUNK;
        if (chunkIndex >= Integer.MAX_VALUE) {
            return null;
        }
        AtomicReferenceArray<byte[]> chunks = levels.get(level);
        if (chunks == null || chunkIndex >= chunks.length()) {
            if (!create) {
                return null;
            }
            chunks = grow(level, (int) chunkIndex + 1);
            if (chunks == null) {
                return null;
            }
        }
        byte[] chunk = chunks.get((int) chunkIndex);
        if (chunk == null && create) {
            chunks.compareAndSet((int) chunkIndex, null, new byte[CHUNK * HASH]);
            chunk = chunks.get((int) chunkIndex);
        }
        return chunk;
    }

    /** Called with the cache's monitor held (from put). */
    private AtomicReferenceArray<byte[]> grow(int level, int atLeast) {
        if (level < lowestLevel) {
            return null;
        }
        AtomicReferenceArray<byte[]> old = levels.get(level);
        if (old != null && old.length() >= atLeast) {
            return old;
        }
        int length = Math.max(atLeast, old == null ? 4 : old.length() * 2);
        AtomicReferenceArray<byte[]> grown = new AtomicReferenceArray<>(length);
        for (int i = 0; old != null && i < old.length(); i++) {
            grown.set(i, old.get(i));
        }
        levels.set(level, grown);
        return grown;
    }

    private static boolean isZero(byte[] hash) {
        for (byte b : hash) {
            if (b != 0) {
                return false;
            }
        }
        return true;
    }
}
