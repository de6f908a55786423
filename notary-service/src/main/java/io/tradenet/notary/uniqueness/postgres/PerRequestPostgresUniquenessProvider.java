package io.tradenet.notary.uniqueness.postgres;

import io.quarkus.arc.lookup.LookupIfProperty;
import io.tradenet.contract.notary.ConflictKind;
import io.tradenet.contract.notary.NotarisationOutcome;
import io.tradenet.contract.notary.StateConflict;
import io.tradenet.contract.tx.StateRef;
import io.tradenet.contract.tx.WireTransaction;
import io.tradenet.notary.signing.BatchSigner;
import io.tradenet.contract.service.Database;
import io.tradenet.notary.uniqueness.Committed;
import io.tradenet.notary.uniqueness.PendingCommit;
import io.tradenet.notary.uniqueness.UniquenessProvider;
import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

/**
 * The benchmark baseline the issue asks for: a plain PostgreSQL uniqueness table (primary key on the
 * state reference) and one database transaction per request, eight at a time, one notary signature per
 * transaction. It records no answers (so retries are not idempotent) and does not feed the ledger:
 * selected with {@code tradenet.notary.backend=postgres-per-request} for measurements only.
 */
@ApplicationScoped
@LookupIfProperty(name = "tradenet.notary.backend", stringValue = "postgres-per-request")
public class PerRequestPostgresUniquenessProvider implements UniquenessProvider {

    private static final int CLIENTS = 8;
    private final Database database;
    private final ExecutorService clients = Executors.newFixedThreadPool(CLIENTS, r -> {
        Thread t = new Thread(r, "baseline-commit");
        t.setDaemon(true);
        return t;
    });

    @Inject
    public PerRequestPostgresUniquenessProvider(Database database) {
        this.database = database;
    }

    @Override
    public Committed commit(List<PendingCommit> batch, BatchSigner signer) {
        List<Future<NotarisationOutcome>> futures = new ArrayList<>();
        for (PendingCommit p : batch) {
            futures.add(clients.submit(() -> commitOne(p, signer)));
        }
        List<NotarisationOutcome> outcomes = new ArrayList<>();
        for (Future<NotarisationOutcome> f : futures) {
            try {
                outcomes.add(f.get());
            } catch (ExecutionException e) {
                throw new TemporaryFailure("baseline commit failed: " + e.getCause(), e.getCause());
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new TemporaryFailure("interrupted", e);
            }
        }
        return new Committed(outcomes, List.of(), -1);
    }

    private NotarisationOutcome commitOne(PendingCommit p, BatchSigner signer) throws SQLException {
        if (p.rejection() != null) {
            return p.rejection();
        }
        WireTransaction tx = p.transaction();
        Instant now = Instant.now().truncatedTo(ChronoUnit.MILLIS);
        if (!tx.timeWindow().contains(now)) {
            return new NotarisationOutcome.TimeWindowInvalid(p.txId(), tx.timeWindow(), now);
        }
        try (Connection c = database.connection()) {
            c.setAutoCommit(false);
            try (PreparedStatement insert = c.prepareStatement("INSERT INTO baseline_consumed_state (state_ref, tx_id) VALUES (?, ?)")) {
                for (StateRef input : tx.inputs()) {
                    insert.setString(1, input.toString());
                    insert.setString(2, p.txId());
                    insert.addBatch();
                }
                if (!tx.inputs().isEmpty()) {
                    insert.executeBatch();
                }
                List<StateConflict> referenceConflicts = consumers(c, tx.references(), ConflictKind.REFERENCE);
                if (!referenceConflicts.isEmpty()) {
                    c.rollback();
                    return new NotarisationOutcome.Conflict(p.txId(), referenceConflicts);
                }
                c.commit();
                return new NotarisationOutcome.Success(p.txId(), signer.sign(List.of(p.txId()), now).get(0));
            } catch (SQLException e) {
                c.rollback();
                if (!"23505".equals(sqlState(e))) {
                    throw e;
                }
                List<StateConflict> conflicts = consumers(c, tx.inputs(), ConflictKind.INPUT);
                c.commit();
                return new NotarisationOutcome.Conflict(p.txId(), conflicts);
            }
        }
    }

    private static String sqlState(SQLException e) {
        for (SQLException x = e; x != null; x = x.getNextException()) {
            if (x.getSQLState() != null && x.getSQLState().startsWith("23")) {
                return x.getSQLState();
            }
        }
        return e.getSQLState();
    }

    private static List<StateConflict> consumers(Connection c, List<StateRef> refs, ConflictKind kind) throws SQLException {
        List<StateConflict> out = new ArrayList<>();
        try (PreparedStatement ps = c.prepareStatement("SELECT tx_id FROM baseline_consumed_state WHERE state_ref = ?")) {
            for (StateRef ref : refs) {
                ps.setString(1, ref.toString());
                try (ResultSet rs = ps.executeQuery()) {
                    if (rs.next()) {
                        out.add(new StateConflict(ref, kind, StateConflict.hashOfTxId(rs.getString(1))));
                    }
                }
            }
        }
        return out;
    }

    @PreDestroy
    void stop() {
        clients.shutdownNow();
    }
}
