package io.tradenet.ledger.stream;

import io.tradenet.contract.ledger.LedgerEntry;

import java.util.ArrayList;
import java.util.List;

/**
 * The latest committed entries, in their stored form, so that a subscriber that keeps up (the Kafka relay
 * above all) is served from memory rather than reading back from PostgreSQL what was written a moment
 * earlier. Holds one contiguous run of indexes, at most {@code capacity} of them; entries never change once
 * committed, so a run served from here equals the stored one.
 */
final class RecentEntries {

    private final LedgerEntry[] ring;
    /** The run held: indexes [first, end). */
    private long first;
    private long end;

    RecentEntries(int capacity) {
        this.ring = new LedgerEntry[Math.max(0, capacity)];
    }

    /** After a commit: the entries just appended, in index order. A run that does not follow the held one replaces it. */
    synchronized void appended(List<LedgerEntry> entries) {
        if (ring.length == 0) {
            return;
        }
        for (LedgerEntry entry : entries) {
            if (entry.index() != end) {
                first = entry.index();
                end = entry.index();
            }
            ring[(int) (end % ring.length)] = entry;
            end++;
            if (end - first > ring.length) {
                first = end - ring.length;
            }
        }
    }

    /**
     * Entries [from, from + limit) as far as they are held, from {@code from} on without a gap; null if
     * {@code from} is not held (then the store has it).
     */
    synchronized List<LedgerEntry> range(long from, int limit) {
        if (from < first || from >= end) {
            return null;
        }
        long to = Math.min(end, from + limit);
        List<LedgerEntry> out = new ArrayList<>((int) (to - from));
        for (long i = from; i < to; i++) {
            out.add(ring[(int) (i % ring.length)]);
        }
        return out;
    }
}
