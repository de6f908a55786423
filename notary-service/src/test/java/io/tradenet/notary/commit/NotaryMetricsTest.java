package io.tradenet.notary.commit;

import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.tradenet.contract.messaging.DeadLetterPublisher;
import io.tradenet.contract.messaging.Topics;
import io.tradenet.contract.notary.NotarisationOutcome;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The notary's metrics: a series per outcome, per step of a batch's database transaction, and the dead-letter counter
 * exist before the first event; answers and step times count where they belong.
 */
class NotaryMetricsTest {

    private final MeterRegistry registry = new SimpleMeterRegistry();
    private final NotaryMetrics metrics = new NotaryMetrics(registry);

    private double outcomes(String code) {
        return registry.get(NotaryMetrics.OUTCOMES).tag(NotaryMetrics.TAG_OUTCOME, code).counter().count();
    }

    @Test
    void everyOutcomeAndTheDeadLetterCounterExistAtZeroFromTheStart() {
        assertThat(registry.get(NotaryMetrics.OUTCOMES).counters()).hasSize(NotarisationOutcome.codes().size());
        NotarisationOutcome.codes().forEach(code -> assertThat(outcomes(code)).isZero());
        assertThat(registry.get(DeadLetterPublisher.METRIC).tag("topic", Topics.NOTARY_REQUESTS).counter().count()).isZero();
    }

    @Test
    void everyStepOfTheDatabaseTransactionHasItsTimerFromTheStartAndEachRecordsWhereItBelongs() {
        for (NotaryMetrics.StoreStep step : NotaryMetrics.StoreStep.values()) {
            assertThat(storeTimer(step).count()).isZero();
        }

        metrics.stored(NotaryMetrics.StoreStep.COMMIT, 3_000_000);

        assertThat(storeTimer(NotaryMetrics.StoreStep.COMMIT).count()).isEqualTo(1);
        assertThat(storeTimer(NotaryMetrics.StoreStep.COMMIT).totalTime(TimeUnit.MILLISECONDS)).isEqualTo(3.0);
        assertThat(storeTimer(NotaryMetrics.StoreStep.LOCK).count()).isZero();
    }

    private Timer storeTimer(NotaryMetrics.StoreStep step) {
        return registry.get(NotaryMetrics.STORE_LATENCY).tag(NotaryMetrics.TAG_STEP, step.tag()).timer();
    }

    @Test
    void aConflictCountsAsAnOutcomeAndAConflictButNotAsACommit() {
        metrics.answered(new NotarisationOutcome.Conflict("tx", List.of()), System.nanoTime(), 2, false);
        assertThat(outcomes("CONFLICT")).isEqualTo(1);
        assertThat(registry.get(NotaryMetrics.CONFLICTS).counter().count()).isEqualTo(1);
        assertThat(registry.get(NotaryMetrics.COMMITS).counter().count()).isZero();
        assertThat(registry.get(NotaryMetrics.INPUT_STATES).counter().count()).isZero();
    }
}
