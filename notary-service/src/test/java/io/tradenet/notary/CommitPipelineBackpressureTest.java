package io.tradenet.notary;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.tradenet.contract.notary.NotarisationOutcome;
import io.tradenet.notary.commit.CommitPipelineAccess;
import io.tradenet.notary.uniqueness.Committed;
import io.tradenet.notary.uniqueness.UniquenessProvider;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

import static io.tradenet.notary.commit.CommitPipelineAccess.notarySigner;
import static io.tradenet.notary.commit.CommitPipelineAccess.pending;
import static org.assertj.core.api.Assertions.assertThat;

/** Backpressure: a bounded queue, and a temporary answer with a retry estimate when it is full. */
class CommitPipelineBackpressureTest {

    @Test
    void whenTheQueueIsFullACallerGetsGeneralWithARetryEstimateInsteadOfWaiting() throws Exception {
        CountDownLatch release = new CountDownLatch(1);
        CountDownLatch committing = new CountDownLatch(1);
        UniquenessProvider slow = (batch, signer) -> {
            committing.countDown();
            try {
                release.await(30, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            List<NotarisationOutcome> out = batch.stream()
                    .map(p -> (NotarisationOutcome) new NotarisationOutcome.TransactionInvalid(p.txId(), "test")).toList();
            return new Committed(out, List.of(), 0);
        };
        var pipeline = CommitPipelineAccess.create(2, slow, notarySigner(), new SimpleMeterRegistry());

        CompletableFuture<NotarisationOutcome> inFlight = pipeline.submit(pending("a"));
        assertThat(committing.await(10, TimeUnit.SECONDS)).isTrue();
        CompletableFuture<NotarisationOutcome> queued1 = pipeline.submit(pending("b"));
        CompletableFuture<NotarisationOutcome> queued2 = pipeline.submit(pending("c"));
        CompletableFuture<NotarisationOutcome> refused = pipeline.submit(pending("d"));

        assertThat(refused).isCompleted();
        NotarisationOutcome answer = refused.get();
        assertThat(answer).isInstanceOf(NotarisationOutcome.General.class);
        assertThat(answer.permanent()).isFalse();
        assertThat(((NotarisationOutcome.General) answer).retryAfterMillis()).isPositive();

        release.countDown();
        assertThat(inFlight.get(10, TimeUnit.SECONDS)).isInstanceOf(NotarisationOutcome.TransactionInvalid.class);
        assertThat(queued1.get(10, TimeUnit.SECONDS)).isInstanceOf(NotarisationOutcome.TransactionInvalid.class);
        assertThat(queued2.get(10, TimeUnit.SECONDS)).isInstanceOf(NotarisationOutcome.TransactionInvalid.class);
        CommitPipelineAccess.stop(pipeline);
    }
}
