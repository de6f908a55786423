package io.tradenet.contract.service;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.List;

/**
 * {@code SELECT ... WHERE column IN (?, ?, ...)} over any number of values, a bounded number per statement
 * (PostgreSQL and H2 both take it; the services look many keys up at once this way).
 */
public final class SqlIn {

    /** Values bound per statement. */
    static final int CHUNK = 1000;

    /** Reads one row of a result. */
    @FunctionalInterface
    public interface RowReader {
        void read(ResultSet row) throws SQLException;
    }

    private SqlIn() {
    }

    /**
     * Runs {@code select} + {@code " (?, ?, ...)"} over the values ({@value #CHUNK} per statement, none when there
     * are none), handing each row to {@code reader}. {@code select} ends with "... WHERE column IN".
     */
    public static void select(Connection c, String select, Collection<?> values, RowReader reader) throws SQLException {
        List<?> all = new ArrayList<>(values);
        for (int i = 0; i < all.size(); i += CHUNK) {
            List<?> chunk = all.subList(i, Math.min(all.size(), i + CHUNK));
            try (PreparedStatement ps = c.prepareStatement(select + " (" + String.join(",", Collections.nCopies(chunk.size(), "?")) + ")")) {
                for (int j = 0; j < chunk.size(); j++) {
                    ps.setObject(j + 1, chunk.get(j));
                }
                try (ResultSet rs = ps.executeQuery()) {
                    while (rs.next()) {
                        reader.read(rs);
                    }
                }
            }
        }
    }
}
