package io.tradenet.notary.commit;

import io.micrometer.core.instrument.MeterRegistry;
import io.tradenet.contract.crypto.Hashing;
import io.tradenet.contract.notary.NotarisationOutcome;
import io.tradenet.contract.party.NetworkIdentity;
import io.tradenet.notary.config.NotaryConfig;
import io.tradenet.notary.signing.BatchSigner;
import io.tradenet.notary.uniqueness.PendingCommit;
import io.tradenet.notary.uniqueness.UniquenessProvider;
import io.tradenet.testkit.TestNetwork;

import java.nio.charset.StandardCharsets;
import java.time.Duration;

/** Builds a pipeline outside CDI for unit tests. */
public final class CommitPipelineAccess {

    private CommitPipelineAccess() {
    }

    public static CommitPipeline create(int capacity, UniquenessProvider provider, BatchSigner signer, MeterRegistry registry) {
        NotaryConfig.Batch settings = new NotaryConfig.Batch() {
            public int maxSize() {
                return 1;
            }

            public Duration maxWait() {
                return Duration.ZERO;
            }

            public int queueCapacity() {
                return capacity;
            }

            public Duration commitTimeout() {
                return Duration.ofSeconds(10);
            }
        };
        CommitPipeline pipeline = new CommitPipeline(settings, provider, signer, new NotaryMetrics(registry));
        pipeline.start();
        return pipeline;
    }

    /** Committed batches the committer may be ahead of the answering thread. */
    public static int answeringAhead() {
        return CommitPipeline.ANSWERING_AHEAD;
    }

    public static void stop(CommitPipeline pipeline) {
        pipeline.stop(null);
    }

    /** The test network notary's batch signer. */
    public static BatchSigner notarySigner() {
        return new BatchSigner(new NetworkIdentity(TestNetwork.registry(), TestNetwork.key("notary")));
    }

    /** A request already found invalid (so no transaction is needed), its id derived from {@code seed}. */
    public static PendingCommit pending(String seed) {
        String txId = Hashing.hex(Hashing.sha256(seed.getBytes(StandardCharsets.UTF_8)));
        return PendingCommit.rejected(txId, null, new NotarisationOutcome.TransactionInvalid(txId, "placeholder"));
    }
}
