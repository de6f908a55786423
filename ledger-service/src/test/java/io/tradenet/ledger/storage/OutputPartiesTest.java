package io.tradenet.ledger.storage;

import io.tradenet.contract.tx.StateRef;
import org.junit.jupiter.api.Test;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.IntStream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Who participates in each state the ledger saw created is kept on the creating entry's row
 * ({@code ledger_entry.output_parties}) and read back by state reference; migration V3 moves a store written
 * before it (one {@code ledger_state} row per state) onto the entries, on both databases the ledger runs on.
 */
class OutputPartiesTest {

    private static final String A = "a".repeat(64);
    private static final String B = "b".repeat(64);
    private static final String C = "c".repeat(64);

    @Test
    void theStatesOfAnEntryAreReadByReferenceFromItsRowAndOnlyThoseItCreated() throws SQLException {
        try (Connection c = StoreSchema.h2("output-parties-read")) {
            StoreSchema.migrate(c, null);
            insertEntry(c, 0, A, LedgerStore.outputPartiesColumn(List.of(List.of("applicant", "carrier"), List.of("bank-a,regulator"))));
            insertEntry(c, 1, B, LedgerStore.outputPartiesColumn(List.of()));
            insertEntry(c, 2, C, "not json");

            Map<StateRef, List<String>> parties = LedgerStore.stateParties(c, List.of(new StateRef(A, 0), new StateRef(A, 1),
                    new StateRef(A, 2), new StateRef(B, 0), new StateRef(C, 0), new StateRef("d".repeat(64), 0)));

            assertThat(parties).containsOnly(Map.entry(new StateRef(A, 0), List.of("applicant", "carrier")),
                    Map.entry(new StateRef(A, 1), List.of("bank-a,regulator")));
        }
    }

    @Test
    void migrationV3MovesEachStatesParticipantsOntoItsCreatingEntryInOutputOrderOnH2() throws SQLException {
        try (Connection c = StoreSchema.h2("output-parties-migration")) {
            assertMigrated(c);
        }
    }

    @Test
    void migrationV3MovesEachStatesParticipantsOntoItsCreatingEntryInOutputOrderOnPostgresql() throws SQLException {
        String database = "tradenet_v3_" + Long.toHexString(System.nanoTime());
        try (Connection admin = DriverManager.getConnection("jdbc:postgresql://127.0.0.1:5432/postgres", "postgres", "");
             Statement s = admin.createStatement()) {
            s.execute("CREATE DATABASE " + database);
            try {
                try (Connection c = DriverManager.getConnection("jdbc:postgresql://127.0.0.1:5432/" + database, "postgres", "")) {
                    assertMigrated(c);
                }
            } finally {
                s.execute("DROP DATABASE " + database);
            }
        }
    }

    private static void assertMigrated(Connection c) throws SQLException {
        StoreSchema.migrate(c, "2");
        insertEntry(c, 0, A, null);
        insertEntry(c, 1, B, null);
        insertEntry(c, 2, C, null);
        try (PreparedStatement state = c.prepareStatement("INSERT INTO ledger_state (state_ref, parties) VALUES (?, ?)")) {
            addState(state, A + ":0", "applicant,carrier");
            addState(state, A + ":1", "bank");
            for (int i = 0; i <= 10; i++) { // "C:10" sorts before "C:2" as text
                addState(state, C + ":" + i, "party-" + i);
            }
            state.executeBatch();
        }

        StoreSchema.migrate(c, null);

        assertThat(outputParties(c)).containsExactly(
                "[[\"applicant\",\"carrier\"],[\"bank\"]]",
                null,
                IntStream.rangeClosed(0, 10).mapToObj(i -> "[\"party-" + i + "\"]").toList().toString().replace(" ", ""));
        assertThat(LedgerStore.stateParties(c, Set.of(new StateRef(C, 10), new StateRef(A, 1))))
                .containsOnly(Map.entry(new StateRef(C, 10), List.of("party-10")), Map.entry(new StateRef(A, 1), List.of("bank")));
        try (ResultSet tables = c.getMetaData().getTables(null, null, "ledger_state", null)) {
            assertThat(tables.next()).as("ledger_state dropped").isFalse();
        }
    }

    private static void insertEntry(Connection c, long index, String txId, String outputParties) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("INSERT INTO ledger_entry (idx, tx_id, leaf_hash, previous_hash, leaf_data, appended_at"
                + (outputParties != null ? ", output_parties) VALUES (?, ?, ?, ?, ?, ?, ?)" : ") VALUES (?, ?, ?, ?, ?, ?)"))) {
            ps.setLong(1, index);
            ps.setString(2, txId);
            ps.setBytes(3, new byte[32]);
            ps.setBytes(4, new byte[32]);
            ps.setString(5, "{}");
            ps.setTimestamp(6, Timestamp.from(Instant.now()));
            if (outputParties != null) {
                ps.setString(7, outputParties);
            }
            ps.executeUpdate();
        }
    }

    private static void addState(PreparedStatement state, String ref, String parties) throws SQLException {
        state.setString(1, ref);
        state.setString(2, parties);
        state.addBatch();
    }

    private static List<String> outputParties(Connection c) throws SQLException {
        List<String> out = new ArrayList<>();
        try (Statement s = c.createStatement(); ResultSet rs = s.executeQuery("SELECT output_parties FROM ledger_entry ORDER BY idx")) {
            while (rs.next()) {
                out.add(rs.getString(1));
            }
        }
        return out;
    }
}
