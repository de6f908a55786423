package io.tradenet.contract.ledger;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import io.tradenet.contract.checkpoint.Checkpoint;
import io.tradenet.contract.checkpoint.SignedNote;
import io.tradenet.contract.crypto.Hashing;
import io.tradenet.contract.json.CanonicalJson;
import io.tradenet.contract.json.Json;
import io.tradenet.contract.merkle.MerkleFrontier;
import io.tradenet.contract.merkle.ProofException;
import io.tradenet.contract.merkle.Rfc9162;
import io.tradenet.contract.party.Party;
import io.tradenet.contract.party.PartyRegistry;
import io.tradenet.contract.party.Role;

import java.io.IOException;
import java.security.MessageDigest;
import java.util.Arrays;
import java.util.Iterator;
import java.util.List;

/**
 * Verifies a ledger without trusting the ledger service: the signed checkpoint against the registry's
 * ledger key, every entry's leaf hash and hash-chain link, the Merkle root the entries lead to, and
 * inclusion and consistency proofs. Names the first index that fails.
 */
public final class LogVerifier {

    private LogVerifier() {
    }

    /** Verifies a C2SP checkpoint note signed by a registered LEDGER party (key name = origin line). */
    public static Checkpoint verifyCheckpoint(String note, PartyRegistry registry) {
        int newline = note.indexOf('\n');
        if (newline <= 0) {
            throw new IllegalArgumentException("not a checkpoint note");
        }
        String origin = note.substring(0, newline);
        IllegalArgumentException last = null;
        for (Party party : registry.parties()) {
            if (!party.hasRole(Role.LEDGER)) {
                continue;
            }
            try {
                return Checkpoint.parseBody(SignedNote.verify(note, origin, party.key()));
            } catch (IllegalArgumentException e) {
                last = e;
            }
        }
        throw last != null ? last : new IllegalArgumentException("the registry has no ledger key");
    }

    /**
     * Streams the export format (one canonical leaf-data document per element, entries 0..n-1 in order):
     * checks positions and the hash chain, and computes the root. Fast path: hashes the bytes as given,
     * reads only {@code index} and {@code previousHash}, which canonical order puts first.
     */
    public static VerificationReport verifyLeafData(Iterator<byte[]> leafData) {
        MerkleFrontier frontier = new MerkleFrontier();
        byte[] previous = LedgerEntry.genesisPreviousHash();
        long expected = 0;
        while (leafData.hasNext()) {
            byte[] data = leafData.next();
            Header header;
            try {
                header = header(data);
            } catch (IOException | RuntimeException e) {
                return VerificationReport.failed(expected, expected, "entry " + expected + " is not a ledger document: " + e.getMessage());
            }
            if (header.index != expected) {
                return VerificationReport.failed(expected, expected, "entry at position " + expected + " claims index " + header.index);
            }
            if (!Arrays.equals(header.previousHash, previous)) {
                return VerificationReport.failed(expected, expected, "entry " + expected + " does not link to the leaf hash of entry " + (expected - 1));
            }
            byte[] leaf = Rfc9162.leafHash(data);
            frontier.append(leaf);
            previous = leaf;
            expected++;
        }
        return VerificationReport.ok(expected, Hashing.b64(frontier.root()));
    }

    /**
     * Checks entries as the API serves them (JSON documents), starting at {@code entries.get(0).index()}
     * after the entry with leaf hash {@code previousLeafHash}: each document's canonical bytes must hash
     * to its leaf hash, carry its index and link to its predecessor.
     */
    public static VerificationReport verifyEntries(List<LedgerEntry> entries, byte[] previousLeafHash, MerkleFrontier frontier) {
        byte[] previous = previousLeafHash;
        long checked = 0;
        for (LedgerEntry entry : entries) {
            byte[] leaf = Rfc9162.leafHash(CanonicalJson.bytes(entry.document()));
            if (!Hashing.b64(leaf).equals(entry.leafHash())) {
                return VerificationReport.failed(checked, entry.index(), "entry " + entry.index() + ": its document does not hash to its leaf hash");
            }
            if (entry.document().path("index").asLong(-1) != entry.index()) {
                return VerificationReport.failed(checked, entry.index(), "entry " + entry.index() + ": its document carries another index");
            }
            if (!Hashing.b64(previous).equals(entry.document().path("previousHash").asText())) {
                return VerificationReport.failed(checked, entry.index(), "entry " + entry.index() + " does not link to the entry before it");
            }
            if (frontier != null) {
                if (frontier.size() != entry.index()) {
                    return VerificationReport.failed(checked, entry.index(), "entry " + entry.index() + " is out of order");
                }
                frontier.append(leaf);
            }
            previous = leaf;
            checked++;
        }
        return VerificationReport.ok(checked, frontier == null ? null : Hashing.b64(frontier.root()));
    }

    /** Checks a root computed from the entries against a verified checkpoint of the same size. */
    public static VerificationReport against(VerificationReport computed, Checkpoint checkpoint) {
        if (!computed.ok()) {
            return computed;
        }
        if (computed.entriesChecked() != checkpoint.size()) {
            return VerificationReport.failed(computed.entriesChecked(), -1, "checked " + computed.entriesChecked()
                    + " entries but the checkpoint covers " + checkpoint.size());
        }
        if (!MessageDigest.isEqual(Hashing.fromB64(computed.rootHash()), checkpoint.rootHash())) {
            return VerificationReport.failed(computed.entriesChecked(), -1, "the entries lead to another root than the signed checkpoint's");
        }
        return computed;
    }

    /** Throws ProofException unless the entry's leaf is in the checkpoint's tree. */
    public static void verifyInclusion(LedgerEntry entry, InclusionProof proof, Checkpoint checkpoint) {
        if (proof.leafIndex() != entry.index() || proof.treeSize() != checkpoint.size()) {
            throw new ProofException("the proof is for another leaf or tree size");
        }
        Rfc9162.verifyInclusion(entry.index(), checkpoint.size(), Hashing.fromB64(entry.leafHash()),
                proof.hashes().stream().map(Hashing::fromB64).toList(), checkpoint.rootHash());
    }

    /** Throws ProofException unless {@code newer} is an append-only extension of {@code older}. */
    public static void verifyConsistency(Checkpoint older, Checkpoint newer, ConsistencyProof proof) {
        if (proof.from() != older.size() || proof.to() != newer.size()) {
            throw new ProofException("the proof is for other tree sizes");
        }
        Rfc9162.verifyConsistency(older.size(), newer.size(), older.rootHash(), newer.rootHash(),
                proof.hashes().stream().map(Hashing::fromB64).toList());
    }

    /** The slow path: each entry's notary signature and transaction id. Returns the first failing index or -1. */
    public static VerificationReport verifyNotarySignatures(List<LedgerEntry> entries, PartyRegistry registry) {
        long checked = 0;
        for (LedgerEntry entry : entries) {
            try {
                entry.transaction().verify(registry);
            } catch (RuntimeException e) {
                return VerificationReport.failed(checked, entry.index(), "entry " + entry.index() + ": " + e.getMessage());
            }
            checked++;
        }
        return VerificationReport.ok(checked, null);
    }

    private record Header(long index, byte[] previousHash) {
    }

    private static Header header(byte[] data) throws IOException {
        try (JsonParser parser = Json.mapper().getFactory().createParser(data)) {
            if (parser.nextToken() != JsonToken.START_OBJECT) {
                throw new IOException("not an object");
            }
            Long index = null;
            byte[] previous = null;
            while (parser.nextToken() == JsonToken.FIELD_NAME && (index == null || previous == null)) {
                String name = parser.currentName();
                parser.nextToken();
                if ("index".equals(name)) {
                    index = parser.getLongValue();
                } else if ("previousHash".equals(name)) {
                    previous = Hashing.fromB64(parser.getText());
                } else {
                    parser.skipChildren();
                }
            }
            if (index == null || previous == null) {
                throw new IOException("index or previousHash missing");
            }
            return new Header(index, previous);
        }
    }
}
