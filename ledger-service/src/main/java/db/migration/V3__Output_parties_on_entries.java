package db.migration;

import io.tradenet.ledger.storage.LedgerStore;
import org.flywaydb.core.api.migration.BaseJavaMigration;
import org.flywaydb.core.api.migration.Context;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.TreeMap;

/**
 * Moves who participates in each created state from {@code ledger_state} (one row per state, keyed by its
 * reference) onto the creating entry's row ({@code ledger_entry.output_parties}, a JSON array with the
 * participants of each output), then drops {@code ledger_state}. Written in Java because the grouping and the
 * JSON are the same for PostgreSQL and the embedded H2, which share these migrations.
 * The old rows held the participants comma-joined; they are split on commas, as they were read.
 */
public class V3__Output_parties_on_entries extends BaseJavaMigration {

    private static final int BATCH = 1000;

    @Override
    public void migrate(Context context) throws Exception {
        Connection c = context.getConnection();
        try (Statement s = c.createStatement()) {
            s.execute("ALTER TABLE ledger_entry ADD COLUMN output_parties VARCHAR");
        }
        try (PreparedStatement read = c.prepareStatement("SELECT state_ref, parties FROM ledger_state ORDER BY state_ref");
             PreparedStatement update = c.prepareStatement("UPDATE ledger_entry SET output_parties = ? WHERE tx_id = ?")) {
            read.setFetchSize(BATCH);
            String txId = null;
            TreeMap<Integer, List<String>> outputs = new TreeMap<>();
            int pending = 0;
            try (ResultSet rs = read.executeQuery()) {
                while (rs.next()) {
                    String ref = rs.getString(1);
                    int colon = ref.indexOf(':');
                    String tx = ref.substring(0, colon);
                    if (!tx.equals(txId)) {
                        pending += write(update, txId, outputs);
                        txId = tx;
                        outputs.clear();
                    }
                    String parties = rs.getString(2);
                    outputs.put(Integer.parseInt(ref.substring(colon + 1)), parties.isEmpty() ? List.of() : Arrays.asList(parties.split(",")));
                    if (pending >= BATCH) {
                        update.executeBatch();
                        pending = 0;
                    }
                }
            }
            write(update, txId, outputs);
            update.executeBatch();
        }
        try (Statement s = c.createStatement()) {
            s.execute("DROP TABLE ledger_state");
        }
    }

    /** Adds one transaction's outputs to the update batch (outputs it recorded nothing for get no participants). */
    private static int write(PreparedStatement update, String txId, TreeMap<Integer, List<String>> outputs) throws SQLException {
        if (txId == null || outputs.isEmpty()) {
            return 0;
        }
        List<List<String>> list = new ArrayList<>();
        for (int i = 0; i <= outputs.lastKey(); i++) {
            list.add(outputs.getOrDefault(i, List.of()));
        }
        update.setString(1, LedgerStore.outputPartiesColumn(list));
        update.setString(2, txId);
        update.addBatch();
        return 1;
    }
}
