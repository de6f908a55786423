package io.tradenet.lc.credit;

import io.tradenet.contract.http.ProblemException;
import io.tradenet.contract.json.Json;
import io.tradenet.contract.tx.Instruction;
import io.tradenet.contract.notary.NotarisationRequest;
import io.tradenet.contract.service.Database;
import io.tradenet.contract.trade.CreditTerms;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/** JDBC access to credits, their history, pending transitions and processed instructions. */
@ApplicationScoped
public class CreditStore {

    /** A transition waiting for the notary. */
    public record Pending(String txId, String reference, String action, NotarisationRequest request, Instant createdAt) {
    }

    private final Database database;

    @Inject
    public CreditStore(Database database) {
        this.database = database;
    }

    public Connection connection() throws SQLException {
        return database.connection();
    }

    private boolean instructionProcessed(Connection c, String instructionId) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("SELECT 1 FROM processed_instruction WHERE id = ?")) {
            ps.setString(1, instructionId);
            try (ResultSet rs = ps.executeQuery()) {
                return rs.next();
            }
        }
    }

    /**
     * Records that an instruction is acted on, in the caller's database transaction, or refuses it as a
     * replay (409 instruction-replayed): instruction ids are unique, so a replayed request changes nothing.
     */
    public void claimInstruction(Connection c, Instruction instruction, String txId, String reference) throws SQLException {
        if (instructionProcessed(c, instruction.id())) {
            throw ProblemException.conflict("instruction-replayed", "instruction " + instruction.id() + " was already acted on").with("txId", txId);
        }
        recordInstruction(c, instruction.id(), instruction.signer(), instruction.action(), txId, reference);
    }

    private void recordInstruction(Connection c, String id, String signer, String action, String txId, String reference) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("INSERT INTO processed_instruction (id, signer, action, tx_id, reference, received_at) "
                + "VALUES (?, ?, ?, ?, ?, ?)")) {
            ps.setString(1, id);
            ps.setString(2, signer);
            ps.setString(3, action);
            ps.setString(4, txId);
            ps.setString(5, reference);
            ps.setTimestamp(6, Timestamp.from(Instant.now()));
            ps.executeUpdate();
        }
    }

    public void insertPendingIssue(Connection c, CreditTerms terms, String stateJson) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("INSERT INTO credit (reference, status, version, state_ref, tx_id, issuing_bank, "
                + "applicant, beneficiary, advising_bank, state_json, updated_at) VALUES (?, ?, 0, NULL, NULL, ?, ?, ?, ?, ?, ?)")) {
            ps.setString(1, terms.reference());
            ps.setString(2, CreditStatus.PENDING_ISSUE.name());
            ps.setString(3, terms.issuingBank());
            ps.setString(4, terms.applicant());
            ps.setString(5, terms.beneficiary());
            ps.setString(6, terms.advisingBank());
            ps.setString(7, stateJson);
            ps.setTimestamp(8, Timestamp.from(Instant.now()));
            ps.executeUpdate();
        }
    }

    public void insertPending(Connection c, String txId, String reference, String action, NotarisationRequest request) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("INSERT INTO pending_transition (tx_id, reference, action, request_json, created_at) "
                + "VALUES (?, ?, ?, ?, ?)")) {
            ps.setString(1, txId);
            ps.setString(2, reference);
            ps.setString(3, action);
            ps.setString(4, Json.write(request));
            ps.setTimestamp(5, Timestamp.from(Instant.now()));
            ps.executeUpdate();
        }
    }

    public boolean deletePending(Connection c, String txId) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("DELETE FROM pending_transition WHERE tx_id = ?")) {
            ps.setString(1, txId);
            return ps.executeUpdate() == 1;
        }
    }

    public List<Pending> pendingOlderThan(Connection c, Instant before) throws SQLException {
        List<Pending> out = new ArrayList<>();
        try (PreparedStatement ps = c.prepareStatement("SELECT tx_id, reference, action, request_json, created_at FROM pending_transition "
                + "WHERE created_at < ? ORDER BY created_at")) {
            ps.setTimestamp(1, Timestamp.from(before));
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    out.add(new Pending(rs.getString(1), rs.getString(2), rs.getString(3),
                            Json.read(rs.getString(4), NotarisationRequest.class), rs.getTimestamp(5).toInstant()));
                }
            }
        }
        return out;
    }

    /** Moves a credit to a new state, only if it is still at the expected version (optimistic). */
    public boolean advance(Connection c, String reference, int expectedVersion, CreditStatus status, int version, String stateRef,
                           String txId, String stateJson) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("UPDATE credit SET status = ?, version = ?, state_ref = ?, tx_id = ?, state_json = ?, "
                + "updated_at = ? WHERE reference = ? AND version = ?")) {
            ps.setString(1, status.name());
            ps.setInt(2, version);
            ps.setString(3, stateRef);
            ps.setString(4, txId);
            ps.setString(5, stateJson);
            ps.setTimestamp(6, Timestamp.from(Instant.now()));
            ps.setString(7, reference);
            ps.setInt(8, expectedVersion);
            return ps.executeUpdate() == 1;
        }
    }

    public void deletePendingIssue(Connection c, String reference) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("DELETE FROM credit WHERE reference = ? AND status = ?")) {
            ps.setString(1, reference);
            ps.setString(2, CreditStatus.PENDING_ISSUE.name());
            ps.executeUpdate();
        }
    }

    public void recordHistory(Connection c, String reference, int version, String action, CreditStatus status, String txId,
                              String stateRef, String signer) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("INSERT INTO credit_history (reference, version, action, status, tx_id, state_ref, "
                + "signer, recorded_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?)")) {
            ps.setString(1, reference);
            ps.setInt(2, version);
            ps.setString(3, action);
            ps.setString(4, status.name());
            ps.setString(5, txId);
            ps.setString(6, stateRef);
            ps.setString(7, signer);
            ps.setTimestamp(8, Timestamp.from(Instant.now()));
            ps.executeUpdate();
        }
    }

    /** When the credit's {@code ordinal}-th (from 1) recorded step of this action was recorded (credit_history), if it took that many. */
    public Optional<Instant> recordedAt(Connection c, String reference, String action, int ordinal) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("SELECT recorded_at FROM credit_history WHERE reference = ? AND action = ? "
                + "ORDER BY version OFFSET ? LIMIT 1")) {
            ps.setString(1, reference);
            ps.setString(2, action);
            ps.setInt(3, Math.max(0, ordinal - 1));
            try (ResultSet rs = ps.executeQuery()) {
                return rs.next() ? Optional.of(rs.getTimestamp(1).toInstant()) : Optional.empty();
            }
        }
    }

    /** Credits that are issued and not finished (ISSUED, ADVISED, CONFIRMED), for the expiry check. */
    public List<CreditView> open(Connection c) throws SQLException {
        List<CreditView> out = new ArrayList<>();
        try (PreparedStatement ps = c.prepareStatement("SELECT " + VIEW_COLUMNS
                + " FROM credit WHERE status IN ('ISSUED', 'ADVISED', 'CONFIRMED') AND state_ref IS NOT NULL");
             ResultSet rs = ps.executeQuery()) {
            while (rs.next()) {
                out.add(view(rs));
            }
        }
        return out;
    }

    private static final String VIEW_COLUMNS = "reference, status, version, state_ref, tx_id, state_json, updated_at";

    private static CreditView view(ResultSet rs) throws SQLException {
        return new CreditView(rs.getString(1), CreditStatus.valueOf(rs.getString(2)), rs.getInt(3), rs.getString(4), rs.getString(5),
                Json.parse(rs.getString(6)), null, rs.getTimestamp(7).toInstant());
    }

    public Optional<CreditView> find(Connection c, String reference) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("SELECT " + VIEW_COLUMNS + " FROM credit WHERE reference = ?")) {
            ps.setString(1, reference);
            try (ResultSet rs = ps.executeQuery()) {
                return rs.next() ? Optional.of(view(rs)) : Optional.empty();
            }
        }
    }

    /**
     * The most recently changed credits, newest first: all of them ({@code party} null) or those the party is
     * named in (issuing bank, advising and so confirming bank, applicant, beneficiary); optionally of one status.
     */
    public List<CreditView> recent(Connection c, String party, CreditStatus status, int limit) throws SQLException {
        StringBuilder sql = new StringBuilder("SELECT " + VIEW_COLUMNS + " FROM credit WHERE TRUE");
        List<String> args = new ArrayList<>();
        if (party != null) {
            sql.append(" AND (issuing_bank = ? OR advising_bank = ? OR applicant = ? OR beneficiary = ?)");
            args.addAll(List.of(party, party, party, party));
        }
        if (status != null) {
            sql.append(" AND status = ?");
            args.add(status.name());
        }
        sql.append(" ORDER BY updated_at DESC, reference LIMIT ?");
        List<CreditView> out = new ArrayList<>();
        try (PreparedStatement ps = c.prepareStatement(sql.toString())) {
            for (int i = 0; i < args.size(); i++) {
                ps.setString(i + 1, args.get(i));
            }
            ps.setInt(args.size() + 1, limit);
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    out.add(view(rs));
                }
            }
        }
        return out;
    }

    public long count(Connection c) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("SELECT COUNT(*) FROM credit"); ResultSet rs = ps.executeQuery()) {
            rs.next();
            return rs.getLong(1);
        }
    }
}
