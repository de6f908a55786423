package io.tradenet.contract.ledger;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.POJONode;
import com.fasterxml.jackson.databind.util.RawValue;
import io.tradenet.contract.crypto.Hashing;
import io.tradenet.contract.json.CanonicalJson;
import io.tradenet.contract.json.EncodedJson;
import io.tradenet.contract.json.Json;
import io.tradenet.contract.merkle.Rfc9162;
import io.tradenet.contract.notary.NotarisedTransaction;

import java.nio.charset.StandardCharsets;
import java.util.Objects;

/**
 * One ledger entry. Its leaf data is the RFC 8785 canonical bytes of the document
 * {@code {"index", "previousHash", "transaction"}}: its position, the leaf hash of the entry before it
 * (the hash chain; SHA-256 of nothing for entry 0) and the notarised transaction. The leaf hash is
 * SHA-256(0x00 || leaf data): the entry's leaf in the RFC 9162 tree. Property names sort so that the
 * small fields come first in the canonical form.
 *
 * <p>An entry read back from storage ({@link #stored}) holds its leaf data as text instead of a parsed
 * tree: serialised, it writes those exact bytes as its {@code document}, so serving entries (the audit
 * stream, the entries pages) copies them rather than parsing and re-encoding each one. Read such an
 * entry through {@link #leafData()}, {@link #documentTree()} and {@link #transaction()}.
 */
public record LedgerEntry(long index, String txId, String leafHash, String previousHash, JsonNode document) {

    public LedgerEntry {
        Objects.requireNonNull(txId, "txId");
        Objects.requireNonNull(leafHash, "leafHash");
        Objects.requireNonNull(previousHash, "previousHash");
        Objects.requireNonNull(document, "document");
    }

    /**
     * The most entries one page of GET /api/ledger/entries holds: large transactions stay well inside
     * the 1 MiB document limit every client parses with.
     */
    public static final int MAX_PAGE = 200;

    /** The hash entry 0 links to. */
    public static byte[] genesisPreviousHash() {
        return Rfc9162.emptyRoot();
    }

    /** The document of the entry at {@code index} after the entry whose leaf hash is {@code previousLeafHash}. */
    public static JsonNode document(long index, byte[] previousLeafHash, NotarisedTransaction transaction) {
        return Json.mapper().createObjectNode()
                .put("index", index)
                .put("previousHash", Hashing.b64(previousLeafHash))
                .set("transaction", transaction.toJson());
    }

    /** Builds the entry at {@code index} after the entry whose leaf hash is {@code previousLeafHash}. */
    public static LedgerEntry create(long index, byte[] previousLeafHash, NotarisedTransaction transaction) {
        JsonNode document = document(index, previousLeafHash, transaction);
        byte[] leafData = CanonicalJson.bytes(document);
        return new LedgerEntry(index, transaction.txId(), Hashing.b64(Rfc9162.leafHash(leafData)),
                Hashing.b64(previousLeafHash), document);
    }

    /**
     * An entry as stored: {@code leafData} is the stored leaf data (canonical JSON text), kept as it is and
     * written verbatim when the entry is serialised.
     */
    public static LedgerEntry stored(long index, String txId, String leafHash, String previousHash, String leafData) {
        return new LedgerEntry(index, txId, leafHash, previousHash, Json.mapper().getNodeFactory().rawValueNode(new RawValue(leafData)));
    }

    /**
     * An entry as stored, from its leaf data's bytes (canonical JSON, UTF-8): kept with its text, so that
     * writing the entry (the audit stream's Kafka records and events) copies them rather than encoding the
     * text again. The bytes are handed over, not copied.
     */
    public static LedgerEntry stored(long index, String txId, String leafHash, String previousHash, byte[] leafData) {
        EncodedJson encoded = EncodedJson.of(leafData);
        return new LedgerEntry(index, txId, leafHash, previousHash, Json.mapper().getNodeFactory().rawValueNode(new RawValue(encoded)));
    }

    /** The exact bytes that were hashed into the leaf. */
    public byte[] leafData() {
        if (storedForm() instanceof EncodedJson encoded) {
            return encoded.asUnquotedUTF8().clone();
        }
        String stored = storedText();
        return stored != null ? stored.getBytes(StandardCharsets.UTF_8) : CanonicalJson.bytes(document);
    }

    /** The document as a tree (parsed here for a {@link #stored} entry, whose {@code document} is its text). */
    public JsonNode documentTree() {
        String stored = storedText();
        return stored != null ? Json.parse(stored) : document;
    }

    /** The raw value a {@link #stored} entry holds its leaf data in (a String or an {@link EncodedJson}), else null. */
    private Object storedForm() {
        return document instanceof POJONode pojo && pojo.getPojo() instanceof RawValue raw ? raw.rawValue() : null;
    }

    private String storedText() {
        Object stored = storedForm();
        return stored == null ? null : stored.toString();
    }

    public String leafDataString() {
        String stored = storedText();
        return stored != null ? stored : new String(leafData(), StandardCharsets.UTF_8);
    }

    public NotarisedTransaction transaction() {
        return Json.bind(documentTree().get("transaction"), NotarisedTransaction.class);
    }
}
