package io.tradenet.ledger.query;

import io.tradenet.contract.checkpoint.SignedNote;
import io.tradenet.contract.party.NetworkIdentity;

import io.tradenet.contract.checkpoint.Checkpoint;
import io.tradenet.contract.crypto.Hashing;
import io.tradenet.contract.http.ProblemException;
import io.tradenet.contract.ledger.ConsistencyProof;
import io.tradenet.contract.ledger.InclusionProof;
import io.tradenet.contract.ledger.LedgerEntry;
import io.tradenet.contract.ledger.VerificationReport;
import io.tradenet.contract.merkle.MerkleFrontier;
import io.tradenet.contract.merkle.MerkleProofs;
import io.tradenet.contract.merkle.Rfc9162;
import io.tradenet.ledger.append.Appender;
import io.tradenet.ledger.append.LedgerMetrics;
import io.tradenet.ledger.config.LedgerConfig;
import io.tradenet.ledger.storage.LedgerStore;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.Arrays;
import java.util.Iterator;
import java.util.List;
import java.util.Optional;

/** Read side of the ledger: checkpoints, leaves, entries, proofs served from stored nodes, and self-verification. */
@ApplicationScoped
public class LedgerQueries {

    private static final int VERIFY_PAGE = 5000;

    @Inject
    LedgerStore store;

    @Inject
    Appender appender;

    @Inject
    LedgerConfig config;

    @Inject
    LedgerMetrics metrics;

    @Inject
    NetworkIdentity identity;

    public String checkpoint() {
        String note = appender.latestCheckpointNote();
        if (note == null) {
            throw ProblemException.unavailable("no-checkpoint", "the ledger has not signed a checkpoint yet", 1);
        }
        return note;
    }

    public String checkpoint(long size) throws SQLException {
        try (Connection c = store.connection()) {
            return store.checkpoint(c, size).map(LedgerStore.StoredCheckpoint::note)
                    .orElseThrow(() -> ProblemException.notFound("no checkpoint was signed at tree size " + size));
        }
    }

    public List<String> leaves(long from, int limit) throws SQLException {
        checkRange(from, limit, MAX_LEAVES);
        try (Connection c = store.connection()) {
            return store.leafHashes(c, from, limit).stream().map(Hashing::b64).toList();
        }
    }

    public List<LedgerEntry> entries(long from, int limit, String party) throws SQLException {
        checkRange(from, limit, LedgerEntry.MAX_PAGE);
        try (Connection c = store.connection()) {
            return party == null ? store.entries(c, from, limit) : store.entriesOf(c, party, from, limit);
        }
    }

    public LedgerEntry entry(long index, String party) throws SQLException {
        try (Connection c = store.connection()) {
            List<LedgerEntry> found = store.entries(c, index, 1);
            if (found.isEmpty() || found.get(0).index() != index) {
                throw ProblemException.notFound("no entry " + index);
            }
            if (party != null && !store.isParty(c, party, index)) {
                throw ProblemException.forbidden("not-a-party", "entry " + index + " does not concern " + party);
            }
            return found.get(0);
        }
    }

    public InclusionProof inclusion(long index, long treeSize) throws SQLException {
        checkInclusion(index, treeSize);
        long started = System.nanoTime();
        try (Connection c = store.connection()) {
            List<byte[]> path = store.withPrefetch(c, source -> MerkleProofs.inclusion(source, index, treeSize));
            return inclusionProof(index, treeSize, path);
        } finally {
            metrics.inclusionProofServed(started);
        }
    }

    /**
     * The inclusion proof if every node of its path is in the in-memory tree; empty if one is not (then
     * {@link #inclusion} reads the database). Never blocks, so the HTTP layer can answer on its I/O thread.
     */
    public Optional<InclusionProof> inclusionFromMemory(long index, long treeSize) {
        checkInclusion(index, treeSize);
        long started = System.nanoTime();
        // one pass: each node is read once and the path is computed from what was read, so the appender
        // dropping a cached level meanwhile can only make this a miss, never a wrong or null hash
        boolean[] missing = {false};
        List<byte[]> path = MerkleProofs.inclusion((level, i) -> {
            byte[] hash = store.cachedNode(level, i);
            if (hash == null) {
                missing[0] = true;
                return NO_HASH;
            }
            return hash;
        }, index, treeSize);
        if (missing[0]) {
            return Optional.empty();
        }
        metrics.inclusionProofServed(started);
        return Optional.of(inclusionProof(index, treeSize, path));
    }

    private static InclusionProof inclusionProof(long index, long treeSize, List<byte[]> path) {
        return new InclusionProof(index, treeSize, path.stream().map(Hashing::b64).toList());
    }

    private static final byte[] NO_HASH = new byte[32];

    private void checkInclusion(long index, long treeSize) {
        long size = appender.latestCheckpointSize();
        if (treeSize < 1 || treeSize > size) {
            throw ProblemException.badRequest("bad-tree-size", "treeSize must be between 1 and the latest checkpoint's size " + size);
        }
        if (index < 0 || index >= treeSize) {
            throw ProblemException.badRequest("bad-index", "index must be in [0, treeSize)");
        }
    }

    public ConsistencyProof consistency(long from, long to) throws SQLException {
        long size = appender.latestCheckpointSize();
        if (from < 0 || to < from || to > size) {
            throw ProblemException.badRequest("bad-tree-size", "need 0 <= from <= to <= " + size);
        }
        long started = System.nanoTime();
        try (Connection c = store.connection()) {
            List<byte[]> path = store.withPrefetch(c, source -> MerkleProofs.consistency(source, from, to));
            return new ConsistencyProof(from, to, path.stream().map(Hashing::b64).toList());
        } finally {
            metrics.consistencyProofServed(started);
        }
    }

    /**
     * Re-verifies the stored log from entry 0: each leaf hash recomputed from the exact leaf data, each
     * hash-chain link, and the tree root at every signed checkpoint. Names the first failing index.
     */
    public VerificationReport verify() throws SQLException {
        try (Connection c = store.connection()) {
            List<LedgerStore.StoredCheckpoint> checkpoints = store.checkpoints(c);
            Iterator<LedgerStore.StoredCheckpoint> nextCheckpoint = checkpoints.iterator();
            LedgerStore.StoredCheckpoint pendingCheckpoint = nextCheckpoint.hasNext() ? nextCheckpoint.next() : null;
            MerkleFrontier frontier = new MerkleFrontier();
            byte[] previous = LedgerEntry.genesisPreviousHash();
            long index = 0;
            while (pendingCheckpoint != null && pendingCheckpoint.treeSize() == 0) {
                pendingCheckpoint = nextCheckpoint.hasNext() ? nextCheckpoint.next() : null;
            }
            while (true) {
                List<LedgerStore.RawEntry> page = store.rawEntries(c, index, VERIFY_PAGE);
                if (page.isEmpty()) {
                    break;
                }
                for (LedgerStore.RawEntry raw : page) {
                    if (raw.index() != index) {
                        return VerificationReport.failed(index, index, "entry " + index + " is missing");
                    }
                    byte[] leaf = Rfc9162.leafHash(raw.leafData().getBytes(StandardCharsets.UTF_8));
                    if (!Arrays.equals(leaf, raw.leafHash())) {
                        return VerificationReport.failed(index, index, "entry " + index + ": its data does not hash to its stored leaf hash");
                    }
                    if (!Arrays.equals(previous, raw.previousHash()) || !raw.leafData().contains("\"previousHash\":\"" + Hashing.b64(previous) + "\"")) {
                        return VerificationReport.failed(index, index, "entry " + index + " does not link to entry " + (index - 1));
                    }
                    frontier.append(leaf);
                    previous = leaf;
                    index++;
                    while (pendingCheckpoint != null && pendingCheckpoint.treeSize() == index) {
                        if (!Arrays.equals(frontier.root(), pendingCheckpoint.rootHash())) {
                            return VerificationReport.failed(index, index - 1, "the entries up to " + (index - 1)
                                    + " do not lead to the root signed at tree size " + index);
                        }
                        pendingCheckpoint = nextCheckpoint.hasNext() ? nextCheckpoint.next() : null;
                    }
                }
            }
            if (pendingCheckpoint != null) {
                return VerificationReport.failed(index, index, "a checkpoint covers " + pendingCheckpoint.treeSize()
                        + " entries but only " + index + " are stored");
            }
            return VerificationReport.ok(index, Hashing.b64(frontier.root()));
        }
    }

    public String origin() {
        return config.origin();
    }

    /** The checkpoint verifier key in the C2SP vkey form ({@code <origin>+<key id>+<base64(0x01 || public key)>}). */
    public String verifierKey() {
        return SignedNote.verifierKey(config.origin(), identity.key().publicKey());
    }

    public Checkpoint latest() {
        return Checkpoint.parseBody(checkpoint().substring(0, checkpoint().indexOf("\n\n") + 1));
    }

    /** Leaf hashes are 44 characters each, so a page of them can be larger than a page of entries. */
    public static final int MAX_LEAVES = 1000;

    private static void checkRange(long from, int limit, int max) {
        if (from < 0 || limit < 1 || limit > max) {
            throw ProblemException.badRequest("bad-range", "from must be >= 0 and limit between 1 and " + max);
        }
    }
}
