package io.tradenet.notary;

import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.tradenet.contract.service.Database;
import io.tradenet.contract.tx.WireTransaction;
import io.tradenet.notary.storage.NotaryLog;
import io.tradenet.testkit.KafkaResource;
import io.tradenet.testkit.NetworkResource;
import io.tradenet.testkit.PostgresResource;
import jakarta.inject.Inject;
import org.junit.jupiter.api.Test;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.ThreadLocalRandom;

import static io.tradenet.notary.Notarisations.BANK;
import static io.tradenet.notary.Notarisations.move;
import static io.tradenet.notary.Notarisations.post;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * The notarisation table is the outbox of the ledger feed: a batch is marked published once Kafka has
 * acknowledged its notarised transactions. The mark commits without waiting for its WAL flush (losing it in
 * a crash costs a republication the ledger drops), and that setting ends with its own transaction.
 */
@QuarkusTest
@WithTestResource(value = NetworkResource.class, initArgs = @ResourceArg(name = "party", value = "notary"))
@WithTestResource(KafkaResource.class)
@WithTestResource(PostgresResource.class)
class NotaryOutboxTest {

    @Inject
    Database database;

    @Inject
    NotaryLog log;

    private Boolean publishedBatchOf(String txId) throws SQLException {
        try (Connection c = database.connection(); PreparedStatement ps = c.prepareStatement(
                "SELECT b.published FROM notary_batch b JOIN notarisation n ON n.batch_id = b.id WHERE n.tx_id = ?")) {
            ps.setString(1, txId);
            try (ResultSet rs = ps.executeQuery()) {
                return rs.next() ? rs.getBoolean(1) : null;
            }
        }
    }

    private static String setting(Connection c, String name) throws SQLException {
        try (Statement st = c.createStatement(); ResultSet rs = st.executeQuery("SHOW " + name)) {
            rs.next();
            return rs.getString(1);
        }
    }

    @Test
    void aBatchIsMarkedPublishedOnceKafkaHasAcknowledgedItsNotarisedTransactions() throws Exception {
        WireTransaction tx = move(List.of(), List.of());
        post(tx, BANK).statusCode(200);

        long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
        while (!Boolean.TRUE.equals(publishedBatchOf(tx.id())) && System.nanoTime() < deadline) {
            Thread.sleep(50);
        }
        assertThat(publishedBatchOf(tx.id())).isTrue();
    }

    @Test
    void theMarkCommitsInATransactionOfItsOwnAndLeavesTheConnectionAsItFoundIt() throws Exception {
        // a batch row of its own, with an id far above those the notary's clock hands out
        long batchId = Long.MAX_VALUE - ThreadLocalRandom.current().nextInt(1_000_000);
        try (Connection c = database.connection()) {
            try {
                log.insertBatch(c, batchId, "outbox-test", Instant.now(), 1, true);
                String synchronousCommit = setting(c, "synchronous_commit");

                assertThat(log.markPublished(c, batchId, true)).isEqualTo(1);

                assertThat(c.getAutoCommit()).isTrue();
                assertThat(setting(c, "synchronous_commit")).isEqualTo(synchronousCommit);
                try (PreparedStatement ps = c.prepareStatement("SELECT published FROM notary_batch WHERE id = ?")) {
                    ps.setLong(1, batchId);
                    try (ResultSet rs = ps.executeQuery()) {
                        assertThat(rs.next()).isTrue();
                        assertThat(rs.getBoolean(1)).isTrue();
                    }
                }
            } finally {
                try (PreparedStatement ps = c.prepareStatement("DELETE FROM notary_batch WHERE id = ?")) {
                    ps.setLong(1, batchId);
                    ps.executeUpdate();
                }
            }
        }
    }

    @Test
    void markingABatchThatDoesNotExistMarksNothing() throws Exception {
        try (Connection c = database.connection()) {
            long missing = -1 - ThreadLocalRandom.current().nextInt(1_000_000);

            assertThat(log.markPublished(c, missing, true)).isZero();

            assertThat(c.getAutoCommit()).isTrue();
        }
    }

    /**
     * Not the outbox's own rule, but its neighbour on the same connections: every session of the notary's
     * pool hands the pages it evicts to the disk at once (so that they do not pile up into a writeback burst
     * that holds a commit's WAL flush), and gives up a transaction left idle by a paused member.
     */
    @Test
    void everyNotarySessionFlushesItsEvictedPagesAtOnceAndAbortsTransactionsLeftIdle() throws Exception {
        try (Connection c = database.connection()) {
            assertThat(setting(c, "backend_flush_after")).isEqualTo("256kB");
            assertThat(setting(c, "idle_in_transaction_session_timeout")).isEqualTo("10s");
        }
    }
}
