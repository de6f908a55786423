package io.tradenet.notary.storage;

import com.fasterxml.jackson.databind.JsonNode;
import io.tradenet.contract.json.Json;
import io.tradenet.contract.notary.NotarisationOutcome;
import io.tradenet.contract.notary.NotarisedTransaction;
import io.tradenet.contract.notary.NotarySignature;
import io.tradenet.contract.service.SqlIn;
import io.tradenet.contract.tx.StateRef;
import jakarta.enterprise.context.ApplicationScoped;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The notary's durable commit log in the database: which state each committed transaction consumed
 * (primary key on the state reference), every answer given (primary key on the transaction id), the
 * batches, and the commit clock row whose lock orders all commits of all notary members.
 * Plain SQL that PostgreSQL and H2 (PostgreSQL mode) both run.
 */
@ApplicationScoped
public class NotaryLog {

    /** The commit clock: next transaction sequence and next batch id, read under an exclusive row lock. */
    public record Clock(long nextSequence, long nextBatch) {
    }

    /** One committed consumption, as the spent-state audit reports it. */
    public record SpentState(StateRef stateRef, String consumingTxId, long sequence, String requester,
                             JsonNode requesterInstruction, String requestSignature, Instant notarisedAt) {
    }

    /** A row of the notarisation table about to be written. */
    public record OutcomeRow(String txId, NotarisationOutcome outcome, String requester, String requestSignature,
                             JsonNode transaction, Long sequence) {
    }

    public Clock lockClock(Connection c) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement(
                "SELECT next_sequence, next_batch FROM notary_clock WHERE id = 1 FOR UPDATE");
             ResultSet rs = ps.executeQuery()) {
            if (!rs.next()) {
                throw new SQLException("notary_clock row missing");
            }
            return new Clock(rs.getLong(1), rs.getLong(2));
        }
    }

    public void advanceClock(Connection c, Clock next) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement(
                "UPDATE notary_clock SET next_sequence = ?, next_batch = ? WHERE id = 1")) {
            ps.setLong(1, next.nextSequence());
            ps.setLong(2, next.nextBatch());
            ps.executeUpdate();
        }
    }

    /** Answers already recorded for these transactions. */
    public Map<String, NotarisationOutcome> recordedOutcomes(Connection c, Collection<String> txIds) throws SQLException {
        Map<String, NotarisationOutcome> out = new HashMap<>();
        SqlIn.select(c, "SELECT tx_id, outcome_json FROM notarisation WHERE tx_id IN", txIds,
                rs -> out.put(rs.getString(1), Json.read(rs.getString(2), NotarisationOutcome.class)));
        return out;
    }

    /** For each of these states that is consumed: the consuming transaction id. */
    public Map<String, String> consumers(Connection c, Collection<String> stateRefs) throws SQLException {
        Map<String, String> out = new HashMap<>();
        SqlIn.select(c, "SELECT state_ref, tx_id FROM consumed_state WHERE state_ref IN", stateRefs,
                rs -> out.put(rs.getString(1), rs.getString(2)));
        return out;
    }

    public void insertConsumed(Connection c, Map<String, String> stateToTx, Map<String, Long> txSequence) throws SQLException {
        if (stateToTx.isEmpty()) {
            return;
        }
        try (PreparedStatement ps = c.prepareStatement(
                "INSERT INTO consumed_state (state_ref, tx_id, sequence) VALUES (?, ?, ?)")) {
            for (Map.Entry<String, String> e : stateToTx.entrySet()) {
                ps.setString(1, e.getKey());
                ps.setString(2, e.getValue());
                ps.setLong(3, txSequence.get(e.getValue()));
                ps.addBatch();
            }
            ps.executeBatch();
        }
    }

    public void insertOutcomes(Connection c, List<OutcomeRow> rows, long batchId, Instant decidedAt) throws SQLException {
        if (rows.isEmpty()) {
            return;
        }
        try (PreparedStatement ps = c.prepareStatement("INSERT INTO notarisation (tx_id, outcome, outcome_json, requester, "
                + "request_signature, transaction_json, sequence, batch_id, decided_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)")) {
            Timestamp at = Timestamp.from(decidedAt);
            for (OutcomeRow row : rows) {
                ps.setString(1, row.txId());
                ps.setString(2, row.outcome().code());
                ps.setString(3, Json.write(row.outcome()));
                ps.setString(4, row.requester());
                ps.setString(5, row.requestSignature());
                ps.setString(6, row.transaction() == null ? null : Json.write(row.transaction()));
                if (row.sequence() == null) {
                    ps.setNull(7, java.sql.Types.BIGINT);
                } else {
                    ps.setLong(7, row.sequence());
                }
                ps.setLong(8, batchId);
                ps.setTimestamp(9, at);
                ps.addBatch();
            }
            ps.executeBatch();
        }
    }

    public void insertBatch(Connection c, long batchId, String member, Instant committedAt, int size, boolean hasNotarised) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement(
                "INSERT INTO notary_batch (id, member, committed_at, size, published) VALUES (?, ?, ?, ?, ?)")) {
            ps.setLong(1, batchId);
            ps.setString(2, member);
            ps.setTimestamp(3, Timestamp.from(committedAt));
            ps.setInt(4, size);
            ps.setBoolean(5, !hasNotarised);
            ps.executeUpdate();
        }
    }

    /**
     * Marks a batch's notarised transactions as acknowledged by Kafka, in a transaction of its own ({@code c}
     * must not be in one: it is given back in auto-commit mode, as taken); returns the rows marked (0 for a
     * batch that does not exist). On PostgreSQL ({@code asynchronousCommit}) that transaction commits without
     * waiting for its WAL flush: the flag only spares the outbox relay a repeat, so losing it in a crash costs
     * a republication that the ledger drops as a duplicate, while waiting for it would put a second flush
     * beside every batch's commit and make the commits that answer callers queue behind it on the same disk.
     */
    public int markPublished(Connection c, long batchId, boolean asynchronousCommit) throws SQLException {
        if (!c.getAutoCommit()) {
            throw new IllegalStateException("markPublished commits its own transaction; the connection is in another");
        }
        c.setAutoCommit(false);
        try {
            if (asynchronousCommit) {
                try (Statement st = c.createStatement()) {
                    st.execute("SET LOCAL synchronous_commit = off");
                }
            }
            int marked;
            try (PreparedStatement ps = c.prepareStatement("UPDATE notary_batch SET published = TRUE WHERE id = ?")) {
                ps.setLong(1, batchId);
                marked = ps.executeUpdate();
            }
            c.commit();
            return marked;
        } catch (SQLException | RuntimeException e) {
            try {
                c.rollback();
            } catch (SQLException rollback) {
                e.addSuppressed(rollback);
            }
            throw e;
        } finally {
            c.setAutoCommit(true);
        }
    }

    /** Batches whose notarised transactions Kafka has not acknowledged, committed before the given time. */
    public List<Long> unpublishedBatches(Connection c, Instant committedBefore) throws SQLException {
        List<Long> out = new ArrayList<>();
        try (PreparedStatement ps = c.prepareStatement(
                "SELECT id FROM notary_batch WHERE published = FALSE AND committed_at < ? ORDER BY id")) {
            ps.setTimestamp(1, Timestamp.from(committedBefore));
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    out.add(rs.getLong(1));
                }
            }
        }
        return out;
    }

    public List<NotarisedTransaction> notarisedInBatch(Connection c, long batchId) throws SQLException {
        List<NotarisedTransaction> out = new ArrayList<>();
        try (PreparedStatement ps = c.prepareStatement("SELECT tx_id, sequence, transaction_json, requester, outcome_json "
                + "FROM notarisation WHERE batch_id = ? AND outcome = 'SUCCESS' ORDER BY sequence")) {
            ps.setLong(1, batchId);
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    NotarisationOutcome.Success success = (NotarisationOutcome.Success) Json.read(rs.getString(5), NotarisationOutcome.class);
                    out.add(new NotarisedTransaction(rs.getString(1), rs.getLong(2), Json.parse(rs.getString(3)),
                            rs.getString(4), success.signature()));
                }
            }
        }
        return out;
    }

    public Optional<SpentState> spentState(Connection c, StateRef ref) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("SELECT n.tx_id, n.sequence, n.requester, n.request_signature, "
                + "n.transaction_json, n.decided_at FROM consumed_state s JOIN notarisation n ON n.tx_id = s.tx_id "
                + "WHERE s.state_ref = ?")) {
            ps.setString(1, ref.toString());
            return spentState(ps, ref);
        }
    }

    /** The audit record of a state known (from the cluster's index) to be consumed by {@code txId}. */
    public Optional<SpentState> spentState(Connection c, StateRef ref, String txId) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("SELECT tx_id, sequence, requester, request_signature, transaction_json, "
                + "decided_at FROM notarisation WHERE tx_id = ? AND outcome = 'SUCCESS'")) {
            ps.setString(1, txId);
            return spentState(ps, ref);
        }
    }

    private Optional<SpentState> spentState(PreparedStatement ps, StateRef ref) throws SQLException {
        {
            try (ResultSet rs = ps.executeQuery()) {
                if (!rs.next()) {
                    return Optional.empty();
                }
                String requester = rs.getString(3);
                JsonNode tx = Json.parse(rs.getString(5));
                JsonNode instruction = null;
                for (JsonNode command : tx.path("commands")) {
                    if (requester.equals(command.path("instruction").path("signer").asText())) {
                        instruction = command.get("instruction");
                    }
                }
                return Optional.of(new SpentState(ref, rs.getString(1), rs.getLong(2), requester, instruction,
                        rs.getString(4), rs.getTimestamp(6).toInstant()));
            }
        }
    }

    public Optional<NotarisationOutcome> rejectedRequest(Connection c, String txId, String requester) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement(
                "SELECT outcome_json FROM rejected_request WHERE tx_id = ? AND requester = ?")) {
            ps.setString(1, txId);
            ps.setString(2, requester);
            try (ResultSet rs = ps.executeQuery()) {
                return rs.next() ? Optional.of(Json.read(rs.getString(1), NotarisationOutcome.class)) : Optional.empty();
            }
        }
    }

    public Optional<NotarisationOutcome> recordedOutcome(Connection c, String txId) throws SQLException {
        return Optional.ofNullable(recordedOutcomes(c, List.of(txId)).get(txId));
    }

    /** The recorded answer to one requester's request for a transaction (committed or rejected). */
    public Optional<NotarisationOutcome> recordedOutcome(Connection c, String txId, String requester) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("SELECT outcome_json FROM notarisation WHERE tx_id = ? AND requester = ? "
                + "UNION ALL SELECT outcome_json FROM rejected_request WHERE tx_id = ? AND requester = ?")) {
            ps.setString(1, txId);
            ps.setString(2, requester);
            ps.setString(3, txId);
            ps.setString(4, requester);
            try (ResultSet rs = ps.executeQuery()) {
                return rs.next() ? Optional.of(Json.read(rs.getString(1), NotarisationOutcome.class)) : Optional.empty();
            }
        }
    }

    public void recordRejectedRequest(Connection c, String txId, String requester, NotarisationOutcome outcome) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("INSERT INTO rejected_request (tx_id, requester, outcome_json, decided_at) "
                + "VALUES (?, ?, ?, ?) ON CONFLICT DO NOTHING")) {
            ps.setString(1, txId);
            ps.setString(2, requester);
            ps.setString(3, Json.write(outcome));
            ps.setTimestamp(4, Timestamp.from(Instant.now()));
            ps.executeUpdate();
        }
    }

    public long count(Connection c, String table) throws SQLException {
        if (!table.matches("[a-z_]+")) {
            throw new IllegalArgumentException(table);
        }
        try (PreparedStatement ps = c.prepareStatement("SELECT COUNT(*) FROM " + table); ResultSet rs = ps.executeQuery()) {
            rs.next();
            return rs.getLong(1);
        }
    }

    public static NotarySignature signatureOf(NotarisationOutcome outcome) {
        return outcome instanceof NotarisationOutcome.Success s ? s.signature() : null;
    }
}
