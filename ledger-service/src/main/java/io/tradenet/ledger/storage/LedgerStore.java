package io.tradenet.ledger.storage;

import io.tradenet.contract.checkpoint.Checkpoint;
import io.tradenet.contract.crypto.Hashing;
import io.tradenet.contract.json.Json;
import io.tradenet.contract.ledger.LedgerEntry;
import io.tradenet.contract.merkle.HashSource;
import io.tradenet.contract.merkle.MerkleFrontier;
import io.tradenet.contract.merkle.Rfc9162;
import io.tradenet.contract.service.Database;
import io.tradenet.contract.service.SqlIn;
import io.tradenet.contract.tx.StateRef;
import io.tradenet.ledger.config.LedgerConfig;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import org.jboss.logging.Logger;

import com.fasterxml.jackson.core.type.TypeReference;

import java.io.IOException;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * JDBC access to the ledger tables. Entries and the complete-subtree nodes they create are written in
 * one transaction, so the stored tree is always exactly the tree of the stored entries.
 */
@ApplicationScoped
public class LedgerStore {

    /**
     * An entry about to be written, with the nodes it completes, the parties it concerns and the participants
     * of each output it creates (empty: it creates no state the ledger recognises). {@code leafData} is the leaf
     * data's UTF-8 bytes as hashed (the array the entry keeps: not to be changed).
     */
    public record NewEntry(LedgerEntry entry, byte[] leafHash, byte[] previousHash, byte[] leafData,
                           List<MerkleFrontier.Node> nodes, Set<String> parties, List<List<String>> outputParties) {
    }

    private static final TypeReference<List<List<String>>> OUTPUT_PARTIES = new TypeReference<>() {
    };

    private static final Logger LOG = Logger.getLogger(LedgerStore.class);

    /** A stored checkpoint. */
    public record StoredCheckpoint(long treeSize, byte[] rootHash, String note, Instant signedAt) {
    }

    private final Database database;
    private final TreeCache cache;

    @Inject
    public LedgerStore(Database database, LedgerConfig config) {
        this.database = database;
        this.cache = new TreeCache(config.treeCacheMb() << 20);
    }

    /**
     * After the transaction that wrote these entries committed (never before: the cache holds only
     * committed nodes), keeps their leaves and the nodes they completed in memory for proofs.
     */
    public void committed(List<NewEntry> entries, long treeSize) {
        cache.sized(treeSize);
        for (NewEntry e : entries) {
            for (MerkleFrontier.Node n : e.nodes()) {
                cache.put(n.level(), n.index(), n.hash());
            }
        }
    }

    /** A node from memory only, or null: never touches the database, so it may be called on an I/O thread. */
    public byte[] cachedNode(int level, long index) {
        return cache.get(level, index);
    }

        /** After loading the stored log: how large the tree is decides which levels the cache keeps. */
    public void loaded(long treeSize) {
        cache.sized(treeSize);
    }

    public Connection connection() throws SQLException {
        return database.connection();
    }

    /**
     * A text value from its UTF-8 bytes, as the database decodes it. The leaf data is sent as the bytes that
     * were hashed: as a String parameter the JDBC driver encoded every leaf to UTF-8 again (char by char for
     * text with a non-Latin-1 character), 12% of the append thread's samples at full append rate.
     */
    static String textFromUtf8(boolean embedded) {
        return embedded ? "UTF8TOSTRING(?)" : "convert_from(?, 'UTF8')";
    }

    public void append(Connection c, List<NewEntry> entries, Instant appendedAt) throws SQLException {
        Timestamp at = Timestamp.from(appendedAt);
        try (PreparedStatement entry = c.prepareStatement("INSERT INTO ledger_entry (idx, tx_id, leaf_hash, previous_hash, "
                + "leaf_data, appended_at, output_parties) VALUES (?, ?, ?, ?, " + textFromUtf8(database.embedded()) + ", ?, ?)");
             PreparedStatement node = c.prepareStatement("INSERT INTO merkle_node (level, idx, hash) VALUES (?, ?, ?)");
             PreparedStatement party = c.prepareStatement("INSERT INTO entry_party (party, idx) VALUES (?, ?)")) {
            boolean nodes = false;
            boolean parties = false;
            for (NewEntry e : entries) {
                entry.setLong(1, e.entry().index());
                entry.setString(2, e.entry().txId());
                entry.setBytes(3, e.leafHash());
                entry.setBytes(4, e.previousHash());
                entry.setBytes(5, e.leafData());
                entry.setTimestamp(6, at);
                entry.setString(7, outputPartiesColumn(e.outputParties()));
                entry.addBatch();
                for (MerkleFrontier.Node n : e.nodes()) {
                    if (n.level() > 0 && isStoredLevel(n.level())) {
                        node.setShort(1, (short) n.level());
                        node.setLong(2, n.index());
                        node.setBytes(3, n.hash());
                        node.addBatch();
                        nodes = true;
                    }
                }
                for (String p : e.parties()) {
                    party.setString(1, p);
                    party.setLong(2, e.entry().index());
                    party.addBatch();
                    parties = true;
                }
            }
            entry.executeBatch();
            if (nodes) {
                node.executeBatch();
            }
            if (parties) {
                party.executeBatch();
            }
        }
    }

    /**
     * The {@code output_parties} value of an entry: the participants of each output it creates, as a JSON array of
     * arrays, or NULL if it creates none the ledger recognises. Kept on the entry's own row (the creating entry is
     * found by its transaction id, which is indexed anyway) rather than one row per state in a table of its own:
     * that row and its index were a fifth of PostgreSQL's work per entry.
     */
    public static String outputPartiesColumn(List<List<String>> outputParties) {
        return outputParties.isEmpty() ? null : Json.write(outputParties);
    }

    /**
     * Participants of the states the ledger saw created, for the given references (a state whose creating entry
     * the log does not hold, or that entry did not create, is absent), read from the creating entries' rows.
     */
    public static Map<StateRef, List<String>> stateParties(Connection c, Collection<StateRef> stateRefs) throws SQLException {
        Map<String, List<StateRef>> byTransaction = new HashMap<>();
        stateRefs.forEach(ref -> byTransaction.computeIfAbsent(ref.txId(), tx -> new ArrayList<>()).add(ref));
        Map<StateRef, List<String>> out = new HashMap<>();
        SqlIn.select(c, "SELECT tx_id, output_parties FROM ledger_entry WHERE tx_id IN", byTransaction.keySet(), rs -> {
            String txId = rs.getString(1);
            List<List<String>> outputs = readOutputParties(txId, rs.getString(2));
            for (StateRef ref : byTransaction.getOrDefault(txId, List.of())) {
                if (ref.index() < outputs.size()) {
                    out.put(ref, outputs.get(ref.index()));
                }
            }
        });
        return out;
    }

    private static List<List<String>> readOutputParties(String txId, String column) {
        if (column == null) {
            return List.of();
        }
        try {
            return Json.mapper().readValue(column, OUTPUT_PARTIES);
        } catch (IOException | RuntimeException e) {
            // only a change made to the store behind the ledger's back: its states then add nobody, as unknown ones
            LOG.errorf("the stored output parties of transaction %s cannot be read (%s): its states add nobody to the entries "
                    + "consuming them", txId, e.getMessage());
            return List.of();
        }
    }

    /** The index up to which (exclusive) the ledger-audit topic has acknowledged every entry. */
    public long auditPublishedThrough(Connection c) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("SELECT published_through FROM audit_relay WHERE id = 1");
             ResultSet rs = ps.executeQuery()) {
            return rs.next() ? rs.getLong(1) : 0;
        }
    }

    public void auditPublished(Connection c, long through) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("UPDATE audit_relay SET published_through = ? WHERE id = 1 AND published_through < ?")) {
            ps.setLong(1, through);
            ps.setLong(2, through);
            ps.executeUpdate();
        }
    }

    /**
     * Commits a write that changes nothing (the audit relay's row rewritten as it is). When it returns,
     * everything committed before it is as durable as a commit is: flushed, and on the synchronous standbys
     * where there are any (a transaction that writes nothing would not wait for them).
     */
    public void durabilityBarrier(Connection c) throws SQLException {
        boolean autoCommit = c.getAutoCommit();
        c.setAutoCommit(true);
        try (PreparedStatement ps = c.prepareStatement("UPDATE audit_relay SET published_through = published_through WHERE id = 1")) {
            ps.executeUpdate();
        } finally {
            c.setAutoCommit(autoCommit);
        }
    }

    public long size(Connection c) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("SELECT COALESCE(MAX(idx) + 1, 0) FROM ledger_entry");
             ResultSet rs = ps.executeQuery()) {
            rs.next();
            return rs.getLong(1);
        }
    }

    /** The transaction ids stored at these indexes (an index the log does not hold is absent). */
    public Map<Long, String> txIdsAt(Connection c, Collection<Long> indexes) throws SQLException {
        Map<Long, String> out = new HashMap<>();
        SqlIn.select(c, "SELECT idx, tx_id FROM ledger_entry WHERE idx IN", indexes, rs -> out.put(rs.getLong(1), rs.getString(2)));
        return out;
    }

    public Optional<Long> indexOfTx(Connection c, String txId) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("SELECT idx FROM ledger_entry WHERE tx_id = ?")) {
            ps.setString(1, txId);
            try (ResultSet rs = ps.executeQuery()) {
                return rs.next() ? Optional.of(rs.getLong(1)) : Optional.empty();
            }
        }
    }

    public byte[] leafHash(Connection c, long index) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("SELECT leaf_hash FROM ledger_entry WHERE idx = ?")) {
            ps.setLong(1, index);
            try (ResultSet rs = ps.executeQuery()) {
                if (!rs.next()) {
                    throw new SQLException("no entry " + index);
                }
                return rs.getBytes(1);
            }
        }
    }

    /** Entries [from, from + limit), as stored (leaf hash, link and leaf data as stored: {@link LedgerEntry#stored}). */
    public List<LedgerEntry> entries(Connection c, long from, int limit) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("SELECT idx, tx_id, leaf_hash, previous_hash, leaf_data FROM ledger_entry "
                + "WHERE idx >= ? ORDER BY idx LIMIT ?")) {
            ps.setLong(1, from);
            ps.setInt(2, limit);
            return readEntries(ps);
        }
    }

    /** The entries of one party, from an index on. */
    public List<LedgerEntry> entriesOf(Connection c, String party, long from, int limit) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("SELECT e.idx, e.tx_id, e.leaf_hash, e.previous_hash, e.leaf_data "
                + "FROM entry_party p JOIN ledger_entry e ON e.idx = p.idx WHERE p.party = ? AND p.idx >= ? ORDER BY p.idx LIMIT ?")) {
            ps.setString(1, party);
            ps.setLong(2, from);
            ps.setInt(3, limit);
            return readEntries(ps);
        }
    }

    public boolean isParty(Connection c, String party, long index) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("SELECT 1 FROM entry_party WHERE party = ? AND idx = ?")) {
            ps.setString(1, party);
            ps.setLong(2, index);
            try (ResultSet rs = ps.executeQuery()) {
                return rs.next();
            }
        }
    }

    /** Raw rows for verification: index, stored leaf hash, stored link, exact leaf data. */
    public record RawEntry(long index, byte[] leafHash, byte[] previousHash, String leafData) {
    }

    public List<RawEntry> rawEntries(Connection c, long from, int limit) throws SQLException {
        List<RawEntry> out = new ArrayList<>(limit);
        try (PreparedStatement ps = c.prepareStatement("SELECT idx, leaf_hash, previous_hash, leaf_data FROM ledger_entry "
                + "WHERE idx >= ? ORDER BY idx LIMIT ?")) {
            ps.setLong(1, from);
            ps.setInt(2, limit);
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    out.add(new RawEntry(rs.getLong(1), rs.getBytes(2), rs.getBytes(3), rs.getString(4)));
                }
            }
        }
        return out;
    }

    public List<byte[]> leafHashes(Connection c, long from, int limit) throws SQLException {
        List<byte[]> out = new ArrayList<>(limit);
        try (PreparedStatement ps = c.prepareStatement("SELECT leaf_hash FROM ledger_entry WHERE idx >= ? ORDER BY idx LIMIT ?")) {
            ps.setLong(1, from);
            ps.setInt(2, limit);
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    out.add(rs.getBytes(1));
                }
            }
        }
        return out;
    }

    /**
     * Fetches the given complete-subtree nodes: those the {@link TreeCache} holds from memory, the rest from the
     * database in one query (and keeps them in the cache). Only every {@value #STRIDE}th level is stored (leaves
     * are level 0, in {@code ledger_entry}); a node of another level is computed from the at most
     * 2^({@value #STRIDE} - 1) stored nodes below it, fetched in the same query.
     */
    public Map<Long, byte[]> nodes(Connection c, Set<NodeKey> keys) throws SQLException {
        Map<Long, byte[]> out = new HashMap<>();
        Set<NodeKey> wanted = new LinkedHashSet<>();
        List<NodeKey> derived = new ArrayList<>();
        for (NodeKey k : keys) {
            if (isStoredLevel(k.level())) {
                wanted.add(k); // storedNodes looks in the cache first
            } else {
                byte[] cached = cache.get(k.level(), k.index());
                if (cached != null) {
                    out.put(k.packed(), cached);
                } else {
                    derived.add(k);
                    wanted.addAll(k.storedBelow());
                }
            }
        }
        if (wanted.isEmpty()) {
            return out;
        }
        Map<Long, byte[]> fetched = storedNodes(c, wanted);
        for (NodeKey k : keys) {
            byte[] hash = isStoredLevel(k.level()) ? fetched.get(k.packed()) : null;
            if (hash != null) {
                out.put(k.packed(), hash);
            }
        }
        for (NodeKey k : derived) {
            byte[] hash = derive(k, fetched);
            if (hash != null) {
                out.put(k.packed(), hash);
                cache.put(k.level(), k.index(), hash);
            }
        }
        return out;
    }

    /** Levels of the tree stored in {@code merkle_node}: every {@value #STRIDE}th (and the leaves, level 0, on their entries). */
    public static final int STRIDE = 4;

    /**
     * Whether a level's nodes are stored. Storing only every fourth level writes about one row per 15 entries
     * instead of one per entry (that row was ~8 us of PostgreSQL's work per entry, on the append path) and
     * costs a proof at most 8 stored hashes per node of the levels between, read in the same query.
     */
    public static boolean isStoredLevel(int level) {
        return level % STRIDE == 0;
    }

    /** A node of a level that is not stored, from the stored nodes below it (null if one of them is missing). */
    private static byte[] derive(NodeKey k, Map<Long, byte[]> stored) {
        List<NodeKey> below = k.storedBelow();
        byte[][] row = new byte[below.size()][];
        for (int i = 0; i < row.length; i++) {
            row[i] = stored.get(below.get(i).packed());
            if (row[i] == null) {
                return null;
            }
        }
        for (int width = row.length; width > 1; width /= 2) {
            for (int i = 0; i < width / 2; i++) {
                row[i] = Rfc9162.nodeHash(row[2 * i], row[2 * i + 1]);
            }
        }
        return row[0];
    }

    /** Nodes of stored levels, from the cache or in one query (and then kept in the cache). */
    private Map<Long, byte[]> storedNodes(Connection c, Set<NodeKey> keys) throws SQLException {
        Map<Long, byte[]> out = new HashMap<>();
        List<NodeKey> leaves = new ArrayList<>();
        List<NodeKey> inner = new ArrayList<>();
        for (NodeKey k : keys) {
            byte[] cached = cache.get(k.level(), k.index());
            if (cached != null) {
                out.put(k.packed(), cached);
            } else if (k.level() == 0) {
                leaves.add(k);
            } else {
                inner.add(k);
            }
        }
        if (leaves.isEmpty() && inner.isEmpty()) {
            return out;
        }
        int leafSlots = slots(leaves.size());
        int innerSlots = slots(inner.size());
        String sql = "SELECT 0, idx, leaf_hash FROM ledger_entry WHERE idx IN (" + String.join(",", java.util.Collections.nCopies(leafSlots, "?"))
                + ") UNION ALL SELECT level, idx, hash FROM merkle_node WHERE (level, idx) IN ("
                + String.join(",", java.util.Collections.nCopies(innerSlots, "(?, ?)")) + ")";
        try (PreparedStatement ps = c.prepareStatement(sql)) {
            int p = 1;
            for (int i = 0; i < leafSlots; i++) {
                ps.setLong(p++, i < leaves.size() ? leaves.get(i).index() : -1);
            }
            for (int i = 0; i < innerSlots; i++) {
                ps.setShort(p++, (short) (i < inner.size() ? inner.get(i).level() : -1));
                ps.setLong(p++, i < inner.size() ? inner.get(i).index() : -1);
            }
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    NodeKey key = new NodeKey(rs.getInt(1), rs.getLong(2));
                    byte[] hash = rs.getBytes(3);
                    out.put(key.packed(), hash);
                    cache.put(key.level(), key.index(), hash);
                }
            }
        }
        return out;
    }

    private static int slots(int n) {
        int slots = 4;
        while (slots < n) {
            slots <<= 1;
        }
        return slots;
    }

    /** A node coordinate; {@link #packed()} is a map key. */
    public record NodeKey(int level, long index) {
        public long packed() {
            return ((long) level << 56) | index;
        }

        /** The nodes of the nearest stored level below (itself if its level is stored), left to right. */
        List<NodeKey> storedBelow() {
            int depth = level % STRIDE;
            int base = level - depth;
            List<NodeKey> below = new ArrayList<>(1 << depth);
            for (long i = index << depth; i < (index + 1) << depth; i++) {
                below.add(new NodeKey(base, i));
            }
            return below;
        }
    }

    /** A HashSource over the stored tree: records what it is asked, then serves it from one prefetch. */
    public HashSource source(Connection c) {
        return (level, index) -> {
            try {
                byte[] hash = nodes(c, Set.of(new NodeKey(level, index))).get(new NodeKey(level, index).packed());
                if (hash == null) {
                    throw new IllegalStateException("missing tree node " + level + "/" + index);
                }
                return hash;
            } catch (SQLException e) {
                throw new IllegalStateException(e);
            }
        };
    }

    /** Runs a proof computation twice: first to learn which nodes it needs, then on one prefetch of them. */
    public <T> T withPrefetch(Connection c, java.util.function.Function<HashSource, T> computation) throws SQLException {
        Set<NodeKey> wanted = new LinkedHashSet<>();
        byte[] dummy = new byte[32];
        computation.apply((level, index) -> {
            wanted.add(new NodeKey(level, index));
            return dummy;
        });
        Map<Long, byte[]> fetched = nodes(c, wanted);
        return computation.apply((level, index) -> {
            byte[] hash = fetched.get(new NodeKey(level, index).packed());
            if (hash == null) {
                throw new IllegalStateException("missing tree node " + level + "/" + index);
            }
            return hash;
        });
    }

    public void insertCheckpoint(Connection c, Checkpoint checkpoint, String note, Instant signedAt) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("INSERT INTO checkpoint (tree_size, root_hash, note, signed_at) "
                + "VALUES (?, ?, ?, ?) ON CONFLICT DO NOTHING")) {
            ps.setLong(1, checkpoint.size());
            ps.setBytes(2, checkpoint.rootHash());
            ps.setString(3, note);
            ps.setTimestamp(4, Timestamp.from(signedAt));
            ps.executeUpdate();
        }
    }

    public Optional<StoredCheckpoint> latestCheckpoint(Connection c) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("SELECT tree_size, root_hash, note, signed_at FROM checkpoint "
                + "ORDER BY tree_size DESC LIMIT 1")) {
            return readCheckpoint(ps);
        }
    }

    public Optional<StoredCheckpoint> checkpoint(Connection c, long size) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("SELECT tree_size, root_hash, note, signed_at FROM checkpoint WHERE tree_size = ?")) {
            ps.setLong(1, size);
            return readCheckpoint(ps);
        }
    }

    public List<StoredCheckpoint> checkpoints(Connection c) throws SQLException {
        List<StoredCheckpoint> out = new ArrayList<>();
        try (PreparedStatement ps = c.prepareStatement("SELECT tree_size, root_hash, note, signed_at FROM checkpoint ORDER BY tree_size");
             ResultSet rs = ps.executeQuery()) {
            while (rs.next()) {
                out.add(new StoredCheckpoint(rs.getLong(1), rs.getBytes(2), rs.getString(3), rs.getTimestamp(4).toInstant()));
            }
        }
        return out;
    }

    private static Optional<StoredCheckpoint> readCheckpoint(PreparedStatement ps) throws SQLException {
        try (ResultSet rs = ps.executeQuery()) {
            if (!rs.next()) {
                return Optional.empty();
            }
            return Optional.of(new StoredCheckpoint(rs.getLong(1), rs.getBytes(2), rs.getString(3), rs.getTimestamp(4).toInstant()));
        }
    }

    private static List<LedgerEntry> readEntries(PreparedStatement ps) throws SQLException {
        List<LedgerEntry> out = new ArrayList<>();
        try (ResultSet rs = ps.executeQuery()) {
            while (rs.next()) {
                out.add(LedgerEntry.stored(rs.getLong(1), rs.getString(2), Hashing.b64(rs.getBytes(3)), Hashing.b64(rs.getBytes(4)),
                        rs.getString(5)));
            }
        }
        return out;
    }
}
