package io.tradenet.notary;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.tradenet.contract.notary.NotarisationOutcome;
import io.tradenet.notary.commit.CommitPipeline;
import io.tradenet.notary.commit.CommitPipelineAccess;
import io.tradenet.notary.uniqueness.Committed;
import io.tradenet.notary.uniqueness.UniquenessProvider;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;

import static io.tradenet.notary.commit.CommitPipelineAccess.notarySigner;
import static io.tradenet.notary.commit.CommitPipelineAccess.pending;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Answering a committed batch (completing its callers, whose Kafka replies are sealed, signed and sent
 * there, and publishing it for the ledger) runs on its own thread, in commit order, so the next batch is
 * committed meanwhile; the committer runs only a bounded number of batches ahead of it.
 */
class CommitPipelineAnsweringTest {

    private final List<String> committedTxIds = Collections.synchronizedList(new ArrayList<>());
    /** The first commit waits for it, so that a test attaches its callbacks before any answer is given. */
    private final CountDownLatch firstCommit = new CountDownLatch(1);
    private final UniquenessProvider recording = (batch, signer) -> {
        awaitLatch(firstCommit);
        batch.forEach(p -> committedTxIds.add(p.txId()));
        List<NotarisationOutcome> out = batch.stream()
                .map(p -> (NotarisationOutcome) new NotarisationOutcome.TransactionInvalid(p.txId(), "test")).toList();
        return new Committed(out, List.of(), 0);
    };
    private final CountDownLatch releaseAnswering = new CountDownLatch(1);
    private CommitPipeline pipeline;

    @AfterEach
    void stop() {
        firstCommit.countDown();
        releaseAnswering.countDown();
        if (pipeline != null) {
            CommitPipelineAccess.stop(pipeline);
        }
    }

    @Test
    void theNextBatchIsCommittedWhileThePreviousBatchsAnswerIsStillBeingSent() throws Exception {
        pipeline = CommitPipelineAccess.create(100, recording, notarySigner(), new SimpleMeterRegistry());
        CountDownLatch answeringFirst = new CountDownLatch(1);
        CompletableFuture<NotarisationOutcome> first = pipeline.submit(pending("a"));
        first.thenRun(() -> {
            answeringFirst.countDown();
            awaitLatch(releaseAnswering);
        });
        firstCommit.countDown();
        assertThat(answeringFirst.await(10, TimeUnit.SECONDS)).isTrue();

        CompletableFuture<NotarisationOutcome> second = pipeline.submit(pending("b"));

        await().atMost(10, TimeUnit.SECONDS).until(() -> committedTxIds.contains(pending("b").txId()));
        assertThat(second).as("answers follow commit order: the second waits for the first's reply").isNotDone();
        releaseAnswering.countDown();
        assertThat(second.get(10, TimeUnit.SECONDS)).isInstanceOf(NotarisationOutcome.TransactionInvalid.class);
    }

    @Test
    void callersAreAnsweredInTheOrderTheirBatchesWereCommitted() throws Exception {
        pipeline = CommitPipelineAccess.create(1000, recording, notarySigner(), new SimpleMeterRegistry());
        List<String> answeredTxIds = Collections.synchronizedList(new ArrayList<>());
        List<CompletableFuture<?>> answers = new ArrayList<>();
        for (int i = 0; i < 200; i++) {
            String txId = pending("tx" + i).txId();
            answers.add(pipeline.submit(pending("tx" + i)).thenRun(() -> answeredTxIds.add(txId)));
        }
        firstCommit.countDown();
        CompletableFuture.allOf(answers.toArray(CompletableFuture[]::new)).get(30, TimeUnit.SECONDS);

        assertThat(answeredTxIds).hasSize(200).containsExactlyElementsOf(committedTxIds);
    }

    @Test
    void theCommitterRunsOnlyABoundedNumberOfBatchesAheadOfASlowAnsweringThread() throws Exception {
        pipeline = CommitPipelineAccess.create(100, recording, notarySigner(), new SimpleMeterRegistry());
        CountDownLatch answeringFirst = new CountDownLatch(1);
        pipeline.submit(pending("first")).thenRun(() -> {
            answeringFirst.countDown();
            awaitLatch(releaseAnswering);
        });
        firstCommit.countDown();
        assertThat(answeringFirst.await(10, TimeUnit.SECONDS)).isTrue();
        List<CompletableFuture<NotarisationOutcome>> later = new ArrayList<>();
        for (int i = 0; i < 20; i++) {
            later.add(pipeline.submit(pending("later" + i)));
        }

        // one batch being answered, ANSWERING_AHEAD waiting for the answering thread, one held by the committer
        int bound = 1 + CommitPipelineAccess.answeringAhead() + 1;
        await().atMost(10, TimeUnit.SECONDS).until(() -> committedTxIds.size() == bound);
        Thread.sleep(300);
        assertThat(committedTxIds).hasSize(bound);
        assertThat(pipeline.depth()).isEqualTo(21 - bound);

        releaseAnswering.countDown();
        CompletableFuture.allOf(later.toArray(CompletableFuture[]::new)).get(30, TimeUnit.SECONDS);
        assertThat(committedTxIds).hasSize(21);
    }

    @Test
    void stoppingAnswersEveryCommittedBatchInCommitOrderAndTurnsTheQueuedCallersAwayWithATemporaryError() throws Exception {
        pipeline = CommitPipelineAccess.create(100, recording, notarySigner(), new SimpleMeterRegistry());
        List<String> answeredTxIds = Collections.synchronizedList(new ArrayList<>());
        CountDownLatch answeringFirst = new CountDownLatch(1);
        String firstTxId = pending("first").txId();
        pipeline.submit(pending("first")).thenRun(() -> {
            answeringFirst.countDown();
            awaitLatch(releaseAnswering); // interrupted by the stop
            answeredTxIds.add(firstTxId);
        });
        List<CompletableFuture<NotarisationOutcome>> later = new ArrayList<>();
        for (int i = 0; i < 20; i++) {
            String txId = pending("later" + i).txId();
            CompletableFuture<NotarisationOutcome> answer = pipeline.submit(pending("later" + i));
            answer.thenRun(() -> answeredTxIds.add(txId));
            later.add(answer);
        }
        firstCommit.countDown();
        assertThat(answeringFirst.await(10, TimeUnit.SECONDS)).isTrue();
        int committed = 1 + CommitPipelineAccess.answeringAhead() + 1;
        await().atMost(10, TimeUnit.SECONDS).until(() -> committedTxIds.size() == committed);

        CommitPipelineAccess.stop(pipeline);
        pipeline = null;

        CompletableFuture.allOf(later.toArray(CompletableFuture[]::new)).get(30, TimeUnit.SECONDS);
        assertThat(committedTxIds).hasSize(committed);
        assertThat(answeredTxIds.subList(0, committed)).as("committed batches answered in commit order").isEqualTo(committedTxIds);
        for (int i = 0; i < later.size(); i++) {
            NotarisationOutcome answer = later.get(i).get();
            if (i < committed - 1) {
                assertThat(answer).as("committed: its recorded answer").isInstanceOf(NotarisationOutcome.TransactionInvalid.class);
            } else {
                assertThat(answer).as("never committed: retry").isInstanceOf(NotarisationOutcome.General.class);
                assertThat(answer.permanent()).isFalse();
            }
        }
    }

    @Test
    void aCommittedBatchWhoseAnsweringFailsStillAnswersEveryCallerWithATemporaryErrorAndTheNextBatchIsAnswered() throws Exception {
        AtomicBoolean broken = new AtomicBoolean(true);
        UniquenessProvider answersMissing = (batch, signer) -> {
            List<NotarisationOutcome> out = batch.stream()
                    .map(p -> (NotarisationOutcome) new NotarisationOutcome.TransactionInvalid(p.txId(), "test")).toList();
            // a provider that (wrongly) returns fewer answers than requests: answering the batch throws
            return new Committed(broken.getAndSet(false) ? List.of() : out, List.of(), 0);
        };
        pipeline = CommitPipelineAccess.create(100, answersMissing, notarySigner(), new SimpleMeterRegistry());

        NotarisationOutcome failed = pipeline.submit(pending("x")).get(10, TimeUnit.SECONDS);
        NotarisationOutcome next = pipeline.submit(pending("y")).get(10, TimeUnit.SECONDS);

        assertThat(failed).isInstanceOf(NotarisationOutcome.General.class);
        assertThat(failed.permanent()).isFalse();
        assertThat(next).isInstanceOf(NotarisationOutcome.TransactionInvalid.class);
    }

    private static void awaitLatch(CountDownLatch latch) {
        try {
            latch.await(30, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
