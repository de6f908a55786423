package io.tradenet.lc.notarisation;

import java.util.ArrayList;
import java.util.List;

/**
 * When the gateway's notarisation requests go to the notary, and how many share a signed envelope. A request that
 * finds none waiting begins an envelope, which goes when it has lingered {@code linger} (so that requests arriving
 * together, as the answers to one reply envelope let their callers go on, travel together) and not sooner than
 * {@code interval} after the previous envelope, or at once when {@code maxBatch} wait. At a steady 2,500 requests/s a
 * 2 ms linger alone sent an envelope of 5 every 2 ms; with a 5 ms interval they carry 12 or 13. Each envelope costs
 * an Ed25519 signature here and a verification at the notary, a Kafka record both ways, and on a two-core host about
 * 0.9 ms of CPU beyond its requests' (nineteenth session: envelopes of 5 at 2,100 requests/s kept that host 98% busy
 * and took the notary's p99 from ~160 to 488 ms).
 * <p>
 * Two other rules were tried first (twentieth session, the letter-of-credit benchmark, requests per Kafka record at
 * the notary): sending at once while fewer than two envelopes awaited their answers (4.3 per record, but a request
 * arriving while two are out waits for an answer, a round trip of tens of milliseconds, where the linger costs 2 ms),
 * and sending at once when the last envelope was an
 * interval old (1.6 to 2.0 per record against the linger's 2.4: the first request of each group that arrives
 * together left alone, the rest an interval later). Thread-safe.
 */
final class EnvelopeBatcher<T> {

    private final long lingerNanos;
    private final long intervalNanos;
    private final int maxBatch;
    private final List<T> waiting = new ArrayList<>();
    private long lastSentNanos;
    private boolean sentAny;
    /**
     * Names the current envelope: advanced when a request begins one and whenever the waiting requests are sent,
     * so that the timer of an envelope already sent ends nothing.
     */
    private long generation;

    EnvelopeBatcher(long lingerNanos, long intervalNanos, int maxBatch) {
        if (lingerNanos < 0 || intervalNanos < 0 || maxBatch < 1) {
            throw new IllegalArgumentException("linger and interval must not be negative, maxBatch must be at least 1");
        }
        this.lingerNanos = lingerNanos;
        this.intervalNanos = intervalNanos;
        this.maxBatch = maxBatch;
    }

    /**
     * What to do after a request arrived: send {@code batch} now (empty: nothing to send now), and if {@code dueIn}
     * is not negative, call {@link #due(long, long)} with {@code generation} that many nanoseconds from now.
     */
    record Step<T>(List<T> batch, long dueIn, long generation) {
    }

    /** A request arrives at {@code nowNanos} ({@link System#nanoTime()}): it goes now with those waiting, or waits. */
    synchronized Step<T> add(T item, long nowNanos) {
        waiting.add(item);
        if (waiting.size() >= maxBatch) {
            return new Step<>(take(nowNanos), -1, generation);
        }
        if (waiting.size() == 1) {
            generation++;
            long dueIn = sentAny ? Math.max(lingerNanos, lastSentNanos + intervalNanos - nowNanos) : lingerNanos;
            return new Step<>(List.of(), dueIn, generation);
        }
        return new Step<>(List.of(), -1, generation);
    }

    /** The timer of the envelope begun as {@code generation} is due: what waits in it goes now. */
    synchronized List<T> due(long generation, long nowNanos) {
        return generation != this.generation || waiting.isEmpty() ? List.of() : take(nowNanos);
    }

    synchronized int waiting() {
        return waiting.size();
    }

    /** Everything waiting (never more than maxBatch: {@link #add} sends when that many wait), as one envelope. */
    private List<T> take(long nowNanos) {
        List<T> batch = new ArrayList<>(waiting);
        waiting.clear();
        lastSentNanos = nowNanos;
        sentAny = true;
        generation++; // a timer still running was these requests'
        return batch;
    }
}
