package io.tradenet.ledger;


import io.agroal.api.AgroalDataSource;
import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.agroal.DataSource;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.junit.QuarkusMock;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.common.mapper.TypeRef;
import io.tradenet.contract.checkpoint.Checkpoint;
import io.tradenet.contract.crypto.Hashing;
import io.tradenet.contract.envelope.EnvelopeHeaders;
import io.tradenet.contract.envelope.Envelopes;
import io.tradenet.contract.json.Json;
import io.tradenet.contract.ledger.ConsistencyProof;
import io.tradenet.contract.ledger.InclusionProof;
import io.tradenet.contract.ledger.LedgerEntry;
import io.tradenet.contract.ledger.LogVerifier;
import io.tradenet.contract.ledger.VerificationReport;
import io.tradenet.contract.merkle.MerkleFrontier;
import io.tradenet.contract.messaging.Topics;
import io.tradenet.contract.notary.NotarisedBatch;
import io.tradenet.contract.notary.NotarisedTransaction;
import io.tradenet.contract.service.Database;
import io.tradenet.ledger.append.Appender;
import io.tradenet.ledger.append.LedgerMetrics;
import io.tradenet.contract.party.DemoNetwork;
import io.tradenet.contract.tx.StateRef;
import io.tradenet.testkit.KafkaResource;
import io.tradenet.testkit.KafkaTestClient;
import io.tradenet.testkit.NetworkResource;
import io.tradenet.testkit.PostgresResource;
import io.tradenet.testkit.SharedKafka;
import io.tradenet.testkit.TestNetwork;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import jakarta.enterprise.inject.Vetoed;
import jakarta.inject.Inject;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.lang.reflect.Proxy;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.DoubleSupplier;

import static io.tradenet.testkit.Api.as;
import static io.restassured.RestAssured.given;
import static io.tradenet.ledger.NotarisedFixtures.issue;
import static io.tradenet.ledger.NotarisedFixtures.latestCheckpoint;
import static io.tradenet.ledger.NotarisedFixtures.notarise;
import static io.tradenet.ledger.NotarisedFixtures.publish;
import static io.tradenet.ledger.NotarisedFixtures.publishTogether;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.equalTo;

/** BRIEF section 3, "The ledger, precisely": exactly once, in order, hash-chained, RFC 9162 leaves, signed checkpoints. */
@QuarkusTest
@WithTestResource(value = NetworkResource.class, initArgs = @ResourceArg(name = "party", value = "ledger"))
@WithTestResource(KafkaResource.class)
@WithTestResource(PostgresResource.class)
class LedgerAppendTest {

    private static final Duration WAIT = Duration.ofSeconds(60);
    private static final String LEDGER_CONSUMER_GROUP = "ledger";

    @Inject
    @DataSource("pg")
    AgroalDataSource pool;

    @Inject
    MeterRegistry registry;

    /** One thing the store does for the appender that fails once, once installed. */
    enum StoreFailure {
        /** COMMIT carried out by the server, then reported failed: a connection lost while the server answered it */
        COMMIT_LANDED,
        /** COMMIT rolled back, then reported failed: the server never committed */
        COMMIT_LOST,
        /** the appender cannot get a connection to offer a batch (the store is unreachable) */
        UNREACHABLE_FOR_AN_OFFER,
        /** comparing transactions under sequences the log already holds with what it holds there fails */
        COMPARING_REPEATS,
        /** COMMIT held until the next batch has been prepared behind it, then carried out (no failure) */
        COMMIT_HELD,
        /** COMMIT held until the next batch has been prepared behind it, then rolled back and reported failed */
        COMMIT_HELD_LOST,
        /** COMMIT held until the next batch has been prepared behind it, then carried out and reported failed */
        COMMIT_HELD_LANDED;

        boolean holdsCommit() {
            return this == COMMIT_HELD || this == COMMIT_HELD_LOST || this == COMMIT_HELD_LANDED;
        }
    }

    /** The database as the ledger sees it, except that the first operation of the given kind once installed fails. */
    @Vetoed
    static final class FailingOnce extends Database {
        private final AgroalDataSource pool;
        private final StoreFailure failure;
        private final AtomicBoolean armed = new AtomicBoolean(true);
        /** Connections asked for by the appender's offers: an offer asks for one before it prepares a batch. */
        private final AtomicLong offers = new AtomicLong();
        /** Counted down once the held COMMIT has begun. */
        final CountDownLatch commitHeld = new CountDownLatch(1);
        /** The appender's batches in flight (its gauge), read when the held COMMIT goes on. */
        volatile DoubleSupplier inFlight = () -> Double.NaN;
        volatile double inFlightWhenReleased = Double.NaN;

        FailingOnce(AgroalDataSource pool, StoreFailure failure) {
            this.pool = pool;
            this.failure = failure;
        }

        private static boolean calledFromAnOffer() {
            return StackWalker.getInstance().walk(frames -> frames.anyMatch(
                    f -> f.getClassName().equals(Appender.class.getName()) && f.getMethodName().equals("offer")));
        }

        /** Whether this call on a connection is the one to fail (and, if so, disarms). */
        private boolean failsHere(Method method, Object[] args) {
            boolean kind = switch (failure) {
                case COMMIT_LANDED, COMMIT_LOST, COMMIT_HELD, COMMIT_HELD_LOST, COMMIT_HELD_LANDED -> method.getName().equals("commit");
                case COMPARING_REPEATS -> method.getName().equals("prepareStatement")
                        && String.valueOf(args[0]).contains("tx_id FROM ledger_entry WHERE idx");
                case UNREACHABLE_FOR_AN_OFFER -> false;
            };
            return kind && armed.compareAndSet(true, false);
        }

        /** Waits until an offer has asked for a connection since the COMMIT began, and then long enough for it to prepare its batch. */
        private void holdUntilAnOfferBehind() throws InterruptedException {
            long before = offers.get();
            commitHeld.countDown();
            long deadline = System.nanoTime() + WAIT.toNanos();
            while (offers.get() == before && System.nanoTime() < deadline) {
                Thread.sleep(20);
            }
            Thread.sleep(500);
            inFlightWhenReleased = inFlight.getAsDouble();
        }

        @Override
        public Connection connection() throws SQLException {
            boolean offer = calledFromAnOffer();
            if (offer) {
                offers.incrementAndGet();
            }
            if (failure == StoreFailure.UNREACHABLE_FOR_AN_OFFER && offer && armed.compareAndSet(true, false)) {
                throw new SQLException("connection refused (injected)", "08001");
            }
            Connection real = pool.getConnection();
            return (Connection) Proxy.newProxyInstance(Connection.class.getClassLoader(), new Class<?>[] {Connection.class},
                    (proxy, method, args) -> {
                        try {
                            if (!failsHere(method, args)) {
                                return method.invoke(real, args);
                            }
                            if (failure.holdsCommit()) {
                                holdUntilAnOfferBehind();
                            }
                            switch (failure) {
                                case COMMIT_LANDED, COMMIT_HELD_LANDED -> method.invoke(real, args);
                                case COMMIT_LOST, COMMIT_HELD_LOST -> real.rollback();
                                case COMMIT_HELD -> {
                                    return method.invoke(real, args);
                                }
                                default -> { }
                            }
                        } catch (InvocationTargetException e) {
                            throw e.getCause();
                        }
                        throw new SQLException("connection lost (injected: " + failure + ")", "08006");
                    });
        }
    }

    /** The latest dead letter of transaction {@code txId} says that {@code sequence} is already taken. */
    private static void assertDeadLetteredAsTaken(String txId, long sequence) {
        List<ConsumerRecord<String, String>> dead = KafkaTestClient.readUntil(SharedKafka.get().bootstrapServers(),
                Topics.NOTARISED_TRANSACTIONS_DLQ, r -> txId.equals(r.key()), WAIT);
        assertThat(new String(dead.get(dead.size() - 1).headers().lastHeader(EnvelopeHeaders.DEAD_LETTER_REASON).value(), StandardCharsets.UTF_8))
                .contains("sequence " + sequence + " is already taken");
    }

    /** The ledger's consumer group has committed the topic to its end: every record was acknowledged. */
    private static void awaitEveryRecordAcknowledged() {
        KafkaTestClient.awaitCommittedToEnd(SharedKafka.get().bootstrapServers(), LEDGER_CONSUMER_GROUP, Topics.NOTARISED_TRANSACTIONS, WAIT);
    }

    private static Checkpoint awaitSize(long size) {
        await().atMost(WAIT).until(() -> latestCheckpoint().size() >= size);
        return latestCheckpoint();
    }

    private static LedgerEntry entry(long index) {
        return as(DemoNetwork.REGULATOR).when().get("/api/ledger/entries/" + index).then().statusCode(200).extract().as(LedgerEntry.class);
    }

    @Test
    void everyNotarisedTransactionBecomesExactlyOneEntryInNotarySequenceOrderEvenWhenRedeliveredOrOutOfOrder() {
        List<NotarisedTransaction> batch = notarise(List.of(issue(DemoNetwork.ISSUING_BANK, List.of()),
                issue(DemoNetwork.APPLICANT, List.of()), issue(DemoNetwork.BENEFICIARY, List.of())));
        publish(batch.get(2));
        publish(batch.get(0));
        publish(batch.get(0));
        publish(batch.get(1));
        publish(batch.get(2));
        long last = batch.get(2).sequence();
        awaitSize(last + 1);

        for (NotarisedTransaction n : batch) {
            LedgerEntry entry = entry(n.sequence());
            assertThat(entry.txId()).isEqualTo(n.txId());
        }
        // nothing beyond: the two redeliveries made no entry
        publish(batch.get(1));
        assertThat(latestCheckpoint().size()).isEqualTo(last + 1);
        as(DemoNetwork.REGULATOR).when().get("/api/ledger/entries/" + (last + 1)).then().statusCode(404);
    }

    @Test
    void eachEntryCarriesThePreviousEntrysHashAndItsDocumentHashesToItsLeaf() {
        List<NotarisedTransaction> batch = notarise(List.of(issue(DemoNetwork.ISSUING_BANK, List.of()),
                issue(DemoNetwork.ISSUING_BANK, List.of())));
        batch.forEach(NotarisedFixtures::publish);
        awaitSize(batch.get(1).sequence() + 1);

        LedgerEntry first = entry(batch.get(0).sequence());
        LedgerEntry second = entry(batch.get(1).sequence());
        assertThat(second.previousHash()).isEqualTo(first.leafHash());
        assertThat(second.document().get("previousHash").asText()).isEqualTo(first.leafHash());
        VerificationReport report = LogVerifier.verifyEntries(List.of(second), Hashing.fromB64(first.leafHash()), null);
        assertThat(report.ok()).as(report.reason()).isTrue();
        second.transaction().verify(TestNetwork.registry());
    }

    @Test
    void theCheckpointIsAC2spSignedNoteAndInclusionAndConsistencyProofsVerifyAgainstIt() {
        Checkpoint before = latestCheckpoint();
        List<NotarisedTransaction> batch = notarise(List.of(issue(DemoNetwork.CARRIER, List.of()), issue(DemoNetwork.CARRIER, List.of()),
                issue(DemoNetwork.CARRIER, List.of())));
        batch.forEach(NotarisedFixtures::publish);
        Checkpoint after = awaitSize(batch.get(2).sequence() + 1);

        String note = NotarisedFixtures.checkpointNote();
        String[] lines = note.split("\n");
        assertThat(lines[0]).isEqualTo("tradenet.local/ledger");
        assertThat(Long.parseLong(lines[1])).isEqualTo(after.size());
        assertThat(lines[2]).isEqualTo(after.rootB64());
        assertThat(lines[4]).startsWith("\u2014 tradenet.local/ledger ");

        for (NotarisedTransaction n : batch) {
            InclusionProof proof = given().queryParam("index", n.sequence()).queryParam("treeSize", after.size())
                    .when().get("/api/ledger/proofs/inclusion").then().statusCode(200).extract().as(InclusionProof.class);
            LogVerifier.verifyInclusion(entry(n.sequence()), proof, after);
        }
        ConsistencyProof consistency = given().queryParam("from", before.size()).queryParam("to", after.size())
                .when().get("/api/ledger/proofs/consistency").then().statusCode(200).extract().as(ConsistencyProof.class);
        LogVerifier.verifyConsistency(before, after, consistency);

        String older = given().when().get("/api/ledger/checkpoints/" + before.size()).then().statusCode(200).extract().asString();
        assertThat(LogVerifier.verifyCheckpoint(older, TestNetwork.registry())).isEqualTo(before);
    }

    @Test
    void leavesAndEntriesReproduceTheSignedRootAndTheStoredLogVerifies() {
        NotarisedTransaction one = notarise(List.of(issue(DemoNetwork.ISSUING_BANK, List.of()))).get(0);
        publish(one);
        Checkpoint checkpoint = awaitSize(one.sequence() + 1);
        MerkleFrontier frontier = new MerkleFrontier();
        for (long from = 0; from < checkpoint.size(); from += 1000) {
            given().queryParam("from", from).queryParam("limit", (int) Math.min(1000, checkpoint.size() - from)).when().get("/api/ledger/leaves")
                    .then().statusCode(200).extract().jsonPath().getList("leaves", String.class)
                    .forEach(leaf -> frontier.append(Hashing.fromB64(leaf)));
        }
        assertThat(frontier.root()).isEqualTo(checkpoint.rootHash());

        List<LedgerEntry> entries = new java.util.ArrayList<>();
        for (long from = 0; from < checkpoint.size(); from += LedgerEntry.MAX_PAGE) {
            entries.addAll(as(DemoNetwork.REGULATOR).queryParam("from", from)
                    .queryParam("limit", (int) Math.min(LedgerEntry.MAX_PAGE, checkpoint.size() - from)).when().get("/api/ledger/entries")
                    .then().statusCode(200).extract().as(new TypeRef<List<LedgerEntry>>() { }));
        }
        VerificationReport fromEntries = LogVerifier.verifyEntries(entries, LedgerEntry.genesisPreviousHash(), new MerkleFrontier());
        assertThat(LogVerifier.against(fromEntries, checkpoint).ok()).isTrue();
        as(DemoNetwork.REGULATOR).when().get("/api/ledger/verify").then().statusCode(200).body("ok", equalTo(true));
    }

    @Test
    void aForgedOrGarbageRecordGoesToTheDeadLetterTopicWithTheReasonAndChangesNothing() {
        Checkpoint before = awaitSize(0);
        NotarisedTransaction genuine = notarise(List.of(issue(DemoNetwork.ISSUING_BANK, List.of()))).get(0);
        String bootstrap = SharedKafka.get().bootstrapServers();
        // signed by a bank, not the notary
        var bySomeoneElse = Envelopes.seal(Topics.TYPE_NOTARISED_TRANSACTIONS, null, new NotarisedBatch(List.of(genuine)),
                TestNetwork.key(DemoNetwork.ISSUING_BANK));
        KafkaTestClient.send(bootstrap, Topics.NOTARISED_TRANSACTIONS, "forged", bySomeoneElse);
        KafkaTestClient.send(bootstrap, Topics.NOTARISED_TRANSACTIONS, "garbage", "\u0000\u0001 not json");
        List<ConsumerRecord<String, String>> dead = KafkaTestClient.readUntil(bootstrap, Topics.NOTARISED_TRANSACTIONS_DLQ,
                r -> "garbage".equals(r.key()), WAIT);
        assertThat(dead).anySatisfy(r -> {
            assertThat(r.key()).isEqualTo("forged");
            assertThat(new String(r.headers().lastHeader(EnvelopeHeaders.DEAD_LETTER_REASON).value(), StandardCharsets.UTF_8))
                    .contains("may not send");
        });
        // the genuine one behind them is appended: the partition is not blocked
        publish(genuine);
        awaitSize(genuine.sequence() + 1);
        assertThat(entry(genuine.sequence()).txId()).isEqualTo(genuine.txId());
        assertThat(latestCheckpoint().size()).isGreaterThan(before.size());
        // and both were acknowledged once dead-lettered, not left pending: the ledger's consumer group
        // (group.id in application.properties) commits the topic to its end
        awaitEveryRecordAcknowledged();
    }

    @Test
    void aSequenceAlreadyTakenByAnotherTransactionGoesToTheDeadLetterTopicAndTheEntryStays() {
        NotarisedTransaction first = notarise(List.of(issue(DemoNetwork.ISSUING_BANK, List.of()))).get(0);
        publish(first);
        Checkpoint before = awaitSize(first.sequence() + 1);
        // notary-signed, but numbered with a sequence the ledger has already given to another transaction
        NotarisedTransaction other = notarise(List.of(issue(DemoNetwork.APPLICANT, List.of()))).get(0);
        NotarisedTransaction clash = new NotarisedTransaction(other.txId(), first.sequence(), other.transaction(), other.requester(),
                other.notarySignature());
        publish(clash);
        assertDeadLetteredAsTaken(clash.txId(), first.sequence());
        assertThat(entry(first.sequence()).txId()).isEqualTo(first.txId());
        assertThat(latestCheckpoint().size()).isEqualTo(before.size());
        // the partition goes on: the transaction with the next free sequence, published behind the refused one, is appended
        publish(other);
        awaitSize(other.sequence() + 1);
        assertThat(entry(other.sequence()).txId()).isEqualTo(other.txId());
    }

    @ParameterizedTest(name = "commit {0}")
    @EnumSource(value = StoreFailure.class, names = {"COMMIT_LANDED", "COMMIT_LOST"})
    void anAppendWhoseCommitIsReportedFailedIsReadBackFromTheStoreAndNeitherRepeatedNorSkipped(StoreFailure failure) {
        NotarisedTransaction first = notarise(List.of(issue(DemoNetwork.ISSUING_BANK, List.of()))).get(0);
        publish(first);
        Checkpoint before = awaitSize(first.sequence() + 1);
        FailingOnce database = new FailingOnce(pool, failure);
        QuarkusMock.installMockForType(database, Database.class);

        NotarisedTransaction reported = notarise(List.of(issue(DemoNetwork.APPLICANT, List.of()))).get(0);
        publish(reported);
        // COMMIT_LANDED: the appender learns from the store that its failed append was committed and signs on from there;
        // COMMIT_LOST: it appends the batch again
        awaitSize(reported.sequence() + 1);
        assertThat(database.armed).as("the commit failure was injected").isFalse();
        NotarisedTransaction next = notarise(List.of(issue(DemoNetwork.BENEFICIARY, List.of()))).get(0);
        publish(next);
        Checkpoint after = awaitSize(next.sequence() + 1);

        assertThat(after.size()).isEqualTo(next.sequence() + 1);
        assertThat(entry(reported.sequence()).txId()).isEqualTo(reported.txId());
        assertThat(entry(next.sequence()).txId()).isEqualTo(next.txId());
        assertThat(entry(next.sequence()).previousHash()).isEqualTo(entry(reported.sequence()).leafHash());
        ConsistencyProof proof = given().queryParam("from", before.size()).queryParam("to", after.size())
                .when().get("/api/ledger/proofs/consistency").then().statusCode(200).extract().as(ConsistencyProof.class);
        LogVerifier.verifyConsistency(before, after, proof); // throws if the two checkpoints are not of one log
        as(DemoNetwork.REGULATOR).when().get("/api/ledger/verify").then().statusCode(200).body("ok", equalTo(true));
        // every record acknowledged, the one whose commit was reported failed included
        awaitEveryRecordAcknowledged();
        given().when().get("/q/health/ready").then().statusCode(200);
    }

    @Test
    void aTakenSequenceArrivingWithAnAppendThatFailsStillGoesToTheDeadLetterTopic() {
        NotarisedTransaction first = notarise(List.of(issue(DemoNetwork.ISSUING_BANK, List.of()))).get(0);
        publish(first);
        awaitSize(first.sequence() + 1);
        NotarisedTransaction fresh = notarise(List.of(issue(DemoNetwork.APPLICANT, List.of()))).get(0);
        NotarisedTransaction clash = new NotarisedTransaction(fresh.txId(), first.sequence(), fresh.transaction(), fresh.requester(),
                fresh.notarySignature());
        FailingOnce database = new FailingOnce(pool, StoreFailure.COMMIT_LANDED);
        QuarkusMock.installMockForType(database, Database.class);

        // one record: the clash is refused and the fresh one appended by the same offer, whose commit is reported failed
        publishTogether(List.of(clash, fresh));
        assertDeadLetteredAsTaken(clash.txId(), first.sequence());
        assertThat(database.armed).as("the commit failure was injected").isFalse();
        awaitSize(fresh.sequence() + 1);
        assertThat(entry(first.sequence()).txId()).isEqualTo(first.txId());
        assertThat(entry(fresh.sequence()).txId()).isEqualTo(fresh.txId());
        // the record (the clash dead-lettered, the fresh one read back as committed) is acknowledged
        awaitEveryRecordAcknowledged();
    }

    /**
     * Appends one transaction, waits until nothing of earlier tests is in flight (a stray offer would take the one
     * failure meant for the caller's), then installs {@code database}. Returns the appended transaction.
     */
    private static NotarisedTransaction appendOneThenInstall(FailingOnce database) {
        NotarisedTransaction first = notarise(List.of(issue(DemoNetwork.ISSUING_BANK, List.of()))).get(0);
        publish(first);
        awaitSize(first.sequence() + 1);
        awaitEveryRecordAcknowledged();
        QuarkusMock.installMockForType(database, Database.class);
        return first;
    }

    @Test
    void aStoreThatCannotBeReachedWhenABatchArrivesDelaysItButLosesNothing() {
        FailingOnce database = new FailingOnce(pool, StoreFailure.UNREACHABLE_FOR_AN_OFFER);
        appendOneThenInstall(database);

        NotarisedTransaction delayed = notarise(List.of(issue(DemoNetwork.APPLICANT, List.of()))).get(0);
        publish(delayed);
        // the offer found no store: the transaction waited with the appender, which appended it once the store answered
        Checkpoint after = awaitSize(delayed.sequence() + 1);
        assertThat(database.armed).as("the failure was injected").isFalse();

        assertThat(after.size()).isEqualTo(delayed.sequence() + 1);
        assertThat(entry(delayed.sequence()).txId()).isEqualTo(delayed.txId());
        awaitEveryRecordAcknowledged();
        as(DemoNetwork.REGULATOR).when().get("/api/ledger/verify").then().statusCode(200).body("ok", equalTo(true));
    }

    @Test
    void aRepeatWhoseComparisonWithTheStoreFailsHoldsUpNothingBehindItAndIsAcknowledgedOnceCompared() {
        FailingOnce database = new FailingOnce(pool, StoreFailure.COMPARING_REPEATS);
        NotarisedTransaction first = appendOneThenInstall(database);

        // one record: a redelivery of the appended transaction, whose comparison with the store fails, then a new one
        NotarisedTransaction fresh = notarise(List.of(issue(DemoNetwork.APPLICANT, List.of()))).get(0);
        double repeatsBefore = registry.get(LedgerMetrics.DUPLICATES).counter().count();
        publishTogether(List.of(first, fresh));
        Checkpoint after = awaitSize(fresh.sequence() + 1);
        assertThat(database.armed).as("the failure was injected").isFalse();

        assertThat(after.size()).isEqualTo(fresh.sequence() + 1);
        assertThat(entry(first.sequence()).txId()).isEqualTo(first.txId());
        assertThat(entry(fresh.sequence()).txId()).isEqualTo(fresh.txId());
        // the record is acknowledged: the repeat was compared again and recognised as one (not refused as a clash)
        awaitEveryRecordAcknowledged();
        assertThat(registry.get(LedgerMetrics.DUPLICATES).counter().count()).isEqualTo(repeatsBefore + 1);
    }

    /**
     * Publishes a transaction creating a state of the carrier's, and, while its batch's COMMIT is held by
     * {@code database}, one consuming that state (requested by the applicant), which the appender prepares behind it.
     * Returns the two, once the second is in a signed checkpoint.
     */
    private List<NotarisedTransaction> appendTwoWhileTheFirstCommitIsHeld(FailingOnce database) throws InterruptedException {
        database.inFlight = () -> registry.get(LedgerMetrics.IN_FLIGHT).gauge().value();
        appendOneThenInstall(database);
        NotarisedTransaction creating = notarise(List.of(issue(DemoNetwork.CARRIER, List.of()))).get(0);
        publish(creating);
        assertThat(database.commitHeld.await(WAIT.toSeconds(), TimeUnit.SECONDS)).as("the first batch's COMMIT began").isTrue();
        NotarisedTransaction consuming = notarise(List.of(issue(DemoNetwork.APPLICANT, List.of(new StateRef(creating.txId(), 0))))).get(0);
        publish(consuming);
        awaitSize(consuming.sequence() + 1);
        assertThat(database.armed).as("the COMMIT was held").isFalse();
        assertThat(database.inFlightWhenReleased).as("the second batch was prepared behind the held one").isEqualTo(2.0);
        return List.of(creating, consuming);
    }

    @Test
    void aBatchPreparedWhileTheOneBeforeItCommitsIsChainedToItAndNamesThePartiesOfTheStatesItCreated() throws InterruptedException {
        List<NotarisedTransaction> two = appendTwoWhileTheFirstCommitIsHeld(new FailingOnce(pool, StoreFailure.COMMIT_HELD));
        NotarisedTransaction creating = two.get(0);
        NotarisedTransaction consuming = two.get(1);

        assertThat(entry(consuming.sequence()).txId()).isEqualTo(consuming.txId());
        assertThat(entry(consuming.sequence()).previousHash()).isEqualTo(entry(creating.sequence()).leafHash());
        // the carrier held the consumed state, created by the batch still committing when this one was prepared
        as(DemoNetwork.CARRIER).when().get("/api/ledger/entries/" + consuming.sequence()).then().statusCode(200)
                .body("txId", equalTo(consuming.txId()));
        as(DemoNetwork.APPLICANT).when().get("/api/ledger/entries/" + consuming.sequence()).then().statusCode(200);
        as(DemoNetwork.REGULATOR).when().get("/api/ledger/verify").then().statusCode(200).body("ok", equalTo(true));
        awaitEveryRecordAcknowledged();
    }

    @ParameterizedTest(name = "commit {0}")
    @EnumSource(value = StoreFailure.class, names = {"COMMIT_HELD_LOST", "COMMIT_HELD_LANDED"})
    void aBatchPreparedBehindOneWhoseCommitIsReportedFailedIsDroppedUnwrittenAndBothAreAppendedOnceInOrder(StoreFailure failure)
            throws InterruptedException {
        List<NotarisedTransaction> two = appendTwoWhileTheFirstCommitIsHeld(new FailingOnce(pool, failure));
        NotarisedTransaction creating = two.get(0);
        NotarisedTransaction consuming = two.get(1);

        Checkpoint after = latestCheckpoint();
        assertThat(after.size()).isEqualTo(consuming.sequence() + 1);
        assertThat(entry(creating.sequence()).txId()).isEqualTo(creating.txId());
        assertThat(entry(consuming.sequence()).txId()).isEqualTo(consuming.txId());
        assertThat(entry(consuming.sequence()).previousHash()).isEqualTo(entry(creating.sequence()).leafHash());
        as(DemoNetwork.CARRIER).when().get("/api/ledger/entries/" + consuming.sequence()).then().statusCode(200);
        as(DemoNetwork.REGULATOR).when().get("/api/ledger/verify").then().statusCode(200).body("ok", equalTo(true));
        awaitEveryRecordAcknowledged();
        given().when().get("/q/health/ready").then().statusCode(200);
    }

    private static double proofsTimed(String kind) {
        java.util.regex.Matcher m = java.util.regex.Pattern.compile("(?m)^tradenet_ledger_proof_latency_seconds_count\\{[^}]*kind=\""
                + kind + "\"[^}]*} ([0-9.eE+]+)$").matcher(given().when().get("/q/metrics").then().statusCode(200).extract().asString());
        return m.find() ? Double.parseDouble(m.group(1)) : 0;
    }

    @Test
    void everyProofServedIsTimedOnTheServerByKind() {
        NotarisedTransaction n = notarise(List.of(issue(DemoNetwork.CARRIER, List.of()))).get(0);
        publish(n);
        Checkpoint after = awaitSize(n.sequence() + 1);
        double inclusion = proofsTimed("inclusion");
        double consistency = proofsTimed("consistency");

        given().queryParam("index", n.sequence()).queryParam("treeSize", after.size())
                .when().get("/api/ledger/proofs/inclusion").then().statusCode(200);
        given().queryParam("from", 0).queryParam("to", after.size())
                .when().get("/api/ledger/proofs/consistency").then().statusCode(200);

        assertThat(proofsTimed("inclusion")).isEqualTo(inclusion + 1);
        assertThat(proofsTimed("consistency")).isEqualTo(consistency + 1);
    }

    @Test
    void badRangesAreRefusedWithProblemDocuments() {
        given().queryParam("from", -1).when().get("/api/ledger/leaves").then().statusCode(400)
                .body("type", equalTo("urn:tradenet:problem:bad-range"));
        given().queryParam("index", 5).queryParam("treeSize", 1_000_000_000).when().get("/api/ledger/proofs/inclusion")
                .then().statusCode(400);
        as(DemoNetwork.REGULATOR).when().get("/api/ledger/entries/999999999").then().statusCode(404);
        given().when().get("/api/ledger/checkpoints/999999999").then().statusCode(404);
    }
}
