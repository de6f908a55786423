package io.tradenet.lc.notarisation;

import org.junit.jupiter.api.Test;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * The gateway's envelopes to the notary: the first request of an envelope waits the linger for others, envelopes
 * go at least an interval apart, and a full one goes at once, so that envelopes get fuller, not more numerous, as
 * the load grows.
 */
class EnvelopeBatcherTest {

    private static final long MS = 1_000_000;
    private static final long LINGER = 2 * MS;
    private static final long INTERVAL = 5 * MS;

    @Test
    void theFirstRequestOfAnEnvelopeWaitsTheLingerAndThoseArrivingMeanwhileGoWithIt() {
        EnvelopeBatcher<String> batcher = new EnvelopeBatcher<>(LINGER, INTERVAL, 100);

        EnvelopeBatcher.Step<String> first = batcher.add("a", 1000 * MS);
        EnvelopeBatcher.Step<String> second = batcher.add("b", 1001 * MS);

        assertThat(first.batch()).isEmpty();
        assertThat(first.dueIn()).isEqualTo(LINGER);
        assertThat(second.batch()).isEmpty();
        assertThat(second.dueIn()).isNegative();   // the envelope a began has its timer already
        assertThat(batcher.due(first.generation(), 1002 * MS)).containsExactly("a", "b");
        assertThat(batcher.waiting()).isZero();
    }

    @Test
    void aQuietGatewayWaitsOnlyTheLinger() {
        EnvelopeBatcher<String> batcher = new EnvelopeBatcher<>(LINGER, INTERVAL, 100);
        batcher.due(batcher.add("a", 1000 * MS).generation(), 1002 * MS);

        // the last envelope left more than an interval ago
        assertThat(batcher.add("b", 1010 * MS).dueIn()).isEqualTo(LINGER);
    }

    @Test
    void anEnvelopeBegunSoonAfterThePreviousOneWaitsUntilTheIntervalIsOver() {
        EnvelopeBatcher<String> batcher = new EnvelopeBatcher<>(LINGER, INTERVAL, 100);
        batcher.due(batcher.add("a", 1000 * MS).generation(), 1002 * MS);

        // 1 ms after the previous envelope: 4 ms to go, longer than the linger
        assertThat(batcher.add("b", 1003 * MS).dueIn()).isEqualTo(4 * MS);
    }

    @Test
    void aFullEnvelopeGoesAtOnce() {
        EnvelopeBatcher<String> batcher = new EnvelopeBatcher<>(LINGER, INTERVAL, 3);
        batcher.add("a", 1000 * MS);
        batcher.add("b", 1000 * MS);

        assertThat(batcher.add("c", 1000 * MS).batch()).containsExactly("a", "b", "c");
        assertThat(batcher.waiting()).isZero();
    }

    @Test
    void theTimerOfAnEnvelopeAlreadySentEndsNothingOfTheNext() {
        EnvelopeBatcher<String> batcher = new EnvelopeBatcher<>(LINGER, INTERVAL, 2);
        long first = batcher.add("a", 1000 * MS).generation();
        assertThat(batcher.add("b", 1000 * MS).batch()).containsExactly("a", "b"); // full before a's timer
        EnvelopeBatcher.Step<String> next = batcher.add("c", 1001 * MS);          // c begins the next envelope

        assertThat(batcher.due(first, 1002 * MS)).isEmpty();
        assertThat(batcher.waiting()).isEqualTo(1);
        assertThat(batcher.due(next.generation(), 1005 * MS)).containsExactly("c");
    }

    @Test
    void noLingerAndNoIntervalSendEachRequestWhenItsTimerRunsAtOnce() {
        EnvelopeBatcher<String> batcher = new EnvelopeBatcher<>(0, 0, 100);

        EnvelopeBatcher.Step<String> step = batcher.add("a", 1000 * MS);
        assertThat(step.dueIn()).isZero();
        assertThat(batcher.due(step.generation(), 1000 * MS)).containsExactly("a");
    }

    @Test
    void aNegativeLingerOrIntervalOrABatchBelowOneIsRefused() {
        assertThatThrownBy(() -> new EnvelopeBatcher<String>(-1, INTERVAL, 100)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new EnvelopeBatcher<String>(LINGER, -1, 100)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new EnvelopeBatcher<String>(LINGER, INTERVAL, 0)).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void underASteadyLoadEachIntervalCarriesOneEnvelopeOfWhatArrivedInIt() {
        // 2,500 requests/s (one every 0.4 ms) for one second: about 200 envelopes of 12 or 13, where the linger alone
        // would send 500 of 5
        assertThat(envelopesPerSecond(new EnvelopeBatcher<>(LINGER, INTERVAL, 100), 400_000L)).isBetween(199, 201);
        assertThat(envelopesPerSecond(new EnvelopeBatcher<>(LINGER, 0, 100), 400_000L)).isBetween(499, 501);
    }

    /** Drives one second of requests arriving every {@code everyNanos}, firing timers on time; envelopes sent. */
    private static int envelopesPerSecond(EnvelopeBatcher<Integer> batcher, long everyNanos) {
        long start = 1000 * MS;
        long due = -1;
        long dueGeneration = 0;
        int sent = 0;
        int envelopes = 0;
        int requests = (int) (1_000_000_000L / everyNanos);
        for (int request = 0; request < requests; request++) {
            long now = start + request * everyNanos;
            if (due >= 0 && now >= due) {
                List<Integer> timed = batcher.due(dueGeneration, due);
                sent += timed.size();
                envelopes += timed.isEmpty() ? 0 : 1;
                due = -1;
            }
            EnvelopeBatcher.Step<Integer> step = batcher.add(request, now);
            if (!step.batch().isEmpty()) {
                sent += step.batch().size();
                envelopes++;
            } else if (step.dueIn() >= 0) {
                due = now + step.dueIn();
                dueGeneration = step.generation();
            }
        }
        assertThat(sent + batcher.waiting()).isEqualTo(requests);
        return envelopes;
    }
}
