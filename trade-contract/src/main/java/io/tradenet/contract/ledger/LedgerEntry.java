package io.tradenet.contract.ledger;

import com.fasterxml.jackson.databind.JsonNode;
import io.tradenet.contract.crypto.Hashing;
import io.tradenet.contract.json.CanonicalJson;
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
 */
public record LedgerEntry(long index, String txId, String leafHash, String previousHash, JsonNode document) {

    public LedgerEntry {
        Objects.requireNonNull(txId, "txId");
        Objects.requireNonNull(leafHash, "leafHash");
        Objects.requireNonNull(previousHash, "previousHash");
        Objects.requireNonNull(document, "document");
    }

    /** The hash entry 0 links to. */
    /**
     * The most entries one page of GET /api/ledger/entries holds: large transactions stay well inside
     * the 1 MiB document limit every client parses with.
     */
    public static final int MAX_PAGE = 200;

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

    /** The exact bytes that were hashed into the leaf. */
    public byte[] leafData() {
        return CanonicalJson.bytes(document);
    }

    public String leafDataString() {
        return new String(leafData(), StandardCharsets.UTF_8);
    }

    public NotarisedTransaction transaction() {
        return Json.bind(document.get("transaction"), NotarisedTransaction.class);
    }
}
