package io.tradenet.ledger.storage;

import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Leaf data is written as the UTF-8 bytes that were hashed and decoded by the database into the text
 * column: both databases the ledger runs on (PostgreSQL, and H2 for the embedded local run) must store
 * exactly the text those bytes encode, through a rewritten multi-row batch too.
 */
class TextFromUtf8Test {

    private static final List<String> TEXTS = List.of(
            "{\"index\":0,\"previousHash\":\"47DEQpj8HBSa+/TImW+5JCeuQeRkm5NMpJWZG3hSuFU=\"}",
            "Müller & Söhne, Zürich — 10 000 € — 東京 — \uD83D\uDE80",
            "",
            "\"quoted\\\\ \\u0000 text\"");

    @Test
    void postgresqlStoresTheTextTheBytesEncode() throws SQLException {
        try (Connection c = DriverManager.getConnection("jdbc:postgresql://127.0.0.1:5432/postgres?reWriteBatchedInserts=true", "postgres", "")) {
            assertRoundTrip(c, false, "CREATE TEMPORARY TABLE leaf_text (idx INT PRIMARY KEY, leaf_data VARCHAR NOT NULL)");
        }
    }

    @Test
    void embeddedH2StoresTheTextTheBytesEncode() throws SQLException {
        try (Connection c = DriverManager.getConnection("jdbc:h2:mem:text-from-utf8;MODE=PostgreSQL;DATABASE_TO_LOWER=TRUE")) {
            assertRoundTrip(c, true, "CREATE TABLE leaf_text (idx INT PRIMARY KEY, leaf_data VARCHAR NOT NULL)");
        }
    }

    private static void assertRoundTrip(Connection c, boolean embedded, String create) throws SQLException {
        try (Statement s = c.createStatement()) {
            s.execute(create);
        }
        c.setAutoCommit(false);
        try (PreparedStatement insert = c.prepareStatement("INSERT INTO leaf_text (idx, leaf_data) VALUES (?, "
                + LedgerStore.textFromUtf8(embedded) + ")")) {
            for (int i = 0; i < TEXTS.size(); i++) {
                insert.setInt(1, i);
                insert.setBytes(2, TEXTS.get(i).getBytes(StandardCharsets.UTF_8));
                insert.addBatch();
            }
            insert.executeBatch();
        }
        c.commit();
        List<String> stored = new ArrayList<>();
        try (Statement s = c.createStatement(); ResultSet rs = s.executeQuery("SELECT leaf_data FROM leaf_text ORDER BY idx")) {
            while (rs.next()) {
                stored.add(rs.getString(1));
            }
        }
        assertThat(stored).containsExactlyElementsOf(TEXTS);
    }
}
