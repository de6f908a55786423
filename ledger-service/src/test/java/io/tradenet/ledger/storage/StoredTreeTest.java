package io.tradenet.ledger.storage;

import io.tradenet.contract.crypto.Hashing;
import io.tradenet.contract.ledger.LedgerEntry;
import io.tradenet.contract.merkle.HashSource;
import io.tradenet.contract.merkle.MerkleFrontier;
import io.tradenet.contract.merkle.MerkleProofs;
import io.tradenet.contract.merkle.Rfc9162;
import io.tradenet.contract.service.Database;
import io.tradenet.ledger.config.LedgerConfig;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * RFC 9162 proofs served from the stored tree equal those of the tree itself, at every size and index tried,
 * although only every {@value LedgerStore#STRIDE}th level is stored: the levels between are computed from the
 * stored nodes below them. Read with the in-memory cache off, so every node comes from the database.
 */
class StoredTreeTest {

    private static final int SIZE = 300;
    private static final List<byte[]> LEAVES = new ArrayList<>();
    private static Connection connection;
    private static LedgerStore store;

    @BeforeAll
    static void appendALog() throws SQLException {
        connection = StoreSchema.h2("stored-tree");
        StoreSchema.migrate(connection, null);
        store = new LedgerStore(new Database() {
            @Override
            public Connection connection() {
                return connection;
            }

            @Override
            public boolean embedded() {
                return true;
            }
        }, new NoCache());
        MerkleFrontier tree = new MerkleFrontier();
        byte[] previous = LedgerEntry.genesisPreviousHash();
        connection.setAutoCommit(false);
        for (int first = 0; first < SIZE; first += 37) { // batches that end anywhere
            List<LedgerStore.NewEntry> batch = new ArrayList<>();
            for (int i = first; i < Math.min(SIZE, first + 37); i++) {
                byte[] data = ("{\"entry\":" + i + "}").getBytes(StandardCharsets.UTF_8);
                byte[] leaf = Rfc9162.leafHash(data);
                LEAVES.add(leaf);
                String txId = String.format("%064x", i);
                batch.add(new LedgerStore.NewEntry(LedgerEntry.stored(i, txId, Hashing.b64(leaf), Hashing.b64(previous), data), leaf,
                        previous, data, tree.append(leaf), Set.of("bank"), List.of()));
                previous = leaf;
            }
            store.append(connection, batch, Instant.now());
            connection.commit();
        }
        connection.setAutoCommit(true);
    }

    @AfterAll
    static void close() throws SQLException {
        connection.close();
    }

    /** The tree of the first {@code size} leaves, computed from the leaves alone. */
    private static final HashSource MEMORY = (level, index) -> {
        if (level == 0) {
            return LEAVES.get((int) index);
        }
        return Rfc9162.nodeHash(StoredTreeTest.MEMORY.node(level - 1, 2 * index), StoredTreeTest.MEMORY.node(level - 1, 2 * index + 1));
    };

    @Test
    void onlyEveryFourthLevelIsStored() throws SQLException {
        try (Statement s = connection.createStatement(); ResultSet rs = s.executeQuery("SELECT DISTINCT level FROM merkle_node ORDER BY level")) {
            List<Integer> levels = new ArrayList<>();
            while (rs.next()) {
                levels.add(rs.getInt(1));
            }
            assertThat(levels).containsExactly(4, 8);
        }
    }

    @Test
    void inclusionProofsFromTheStoreEqualTheTreesAtEverySize() throws SQLException {
        for (long size = 1; size <= SIZE; size += size < 40 ? 1 : 13) {
            for (long index = 0; index < size; index += Math.max(1, size / 9)) {
                long at = index;
                long n = size;
                List<byte[]> stored = store.withPrefetch(connection, source -> MerkleProofs.inclusion(source, at, n));
                assertThat(stored).as("inclusion of %d in %d", at, n).containsExactlyElementsOf(MerkleProofs.inclusion(MEMORY, at, n));
            }
        }
    }

    @Test
    void consistencyProofsAndRootsFromTheStoreEqualTheTrees() throws SQLException {
        for (long to = 1; to <= SIZE; to += to < 40 ? 1 : 17) {
            for (long from = 1; from <= to; from += Math.max(1, to / 7)) {
                long a = from;
                long b = to;
                List<byte[]> stored = store.withPrefetch(connection, source -> MerkleProofs.consistency(source, a, b));
                assertThat(stored).as("consistency %d..%d", a, b).containsExactlyElementsOf(MerkleProofs.consistency(MEMORY, a, b));
            }
            long n = to;
            byte[] root = store.withPrefetch(connection, source -> MerkleProofs.root(source, n));
            assertThat(root).isEqualTo(MerkleProofs.root(MEMORY, n));
            assertThat(MerkleFrontier.restore(n, store.source(connection)).root()).as("frontier restored at %d", n)
                    .isEqualTo(MerkleProofs.root(MEMORY, n));
        }
    }

    @Test
    void aNodeBetweenStoredLevelsIsComputedFromTheStoredNodesBelowIt() throws SQLException {
        LedgerStore.NodeKey key = new LedgerStore.NodeKey(7, 1); // leaves 128..255: eight level-4 nodes
        Map<Long, byte[]> nodes = store.nodes(connection, Set.of(key));

        assertThat(nodes.get(key.packed())).isEqualTo(MEMORY.node(7, 1));
        assertThat(key.storedBelow()).extracting(LedgerStore.NodeKey::level).containsOnly(4).hasSize(8);
    }

    /** The configuration with the tree cache off. */
    private static final class NoCache implements LedgerConfig {
        @Override
        public String origin() {
            return "test/ledger";
        }

        @Override
        public Duration checkpointInterval() {
            return Duration.ofMillis(500);
        }

        @Override
        public int pageSize() {
            return 500;
        }

        @Override
        public int recentEntries() {
            return 100;
        }

        @Override
        public Duration auditRelayPause() {
            return Duration.ofMillis(100);
        }

        @Override
        public long treeCacheMb() {
            return 0;
        }

        @Override
        public int maxPending() {
            return 1000;
        }
    }
}
