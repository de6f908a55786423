package io.tradenet.contract.ledger;

import com.fasterxml.jackson.databind.JsonNode;
import io.tradenet.contract.TestNetworks;
import io.tradenet.contract.crypto.Hashing;
import io.tradenet.contract.json.CanonicalJson;
import io.tradenet.contract.json.Json;
import io.tradenet.contract.merkle.Rfc9162;
import io.tradenet.contract.notary.NotarisedTransaction;
import io.tradenet.contract.notary.NotarySignatures;
import io.tradenet.contract.party.DemoNetwork;
import io.tradenet.contract.tx.TransactionMother;
import io.tradenet.contract.tx.WireTransaction;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The ledger canonicalises each transaction once (for its id) and splices that text into the entry's
 * leaf data: the leaf must be byte for byte what canonicalising the whole document gives.
 */
class LedgerEntryTest {

    private static NotarisedTransaction notarised(long sequence) {
        WireTransaction tx = TransactionMother.issuance(DemoNetwork.ISSUING_BANK);
        return new NotarisedTransaction(tx.id(), sequence, Json.tree(tx), DemoNetwork.ISSUING_BANK,
                NotarySignatures.signBatch(List.of(tx.id()), TestNetworks.demo().key(DemoNetwork.NOTARY), Instant.now()).get(0));
    }

    @Test
    void theJsonFormOfANotarisedTransactionIsTheRecordsJsonHoldingTheTransactionItself() {
        NotarisedTransaction n = notarised(7);
        JsonNode json = n.toJson();
        assertThat(json).isEqualTo(Json.tree(n));
        assertThat(json.get("transaction")).isSameAs(n.transaction());
    }

    @Test
    void leafDataWithTheTransactionsCanonicalTextSplicedInIsTheCanonicalDocument() {
        NotarisedTransaction n = notarised(3);
        byte[] previous = Rfc9162.leafHash("entry 2".getBytes());
        JsonNode document = LedgerEntry.document(3, previous, n);
        String transactionText = CanonicalJson.text(n.transaction());

        byte[] spliced = CanonicalJson.bytes(document, n.transaction(), transactionText);

        assertThat(spliced).isEqualTo(CanonicalJson.bytes(document));
        assertThat(spliced).isEqualTo(LedgerEntry.create(3, previous, n).leafData());
        assertThat(WireTransaction.idOfCanonical(transactionText)).isEqualTo(n.txId()).isEqualTo(WireTransaction.idOf(n.transaction()));
        assertThat(Hashing.b64(Rfc9162.leafHash(spliced))).isEqualTo(LedgerEntry.create(3, previous, n).leafHash());
    }

    @Test
    void onlyTheIdenticalSubtreeIsSplicedNotAnEqualCopy() {
        JsonNode document = Json.parse("{\"a\":{\"x\":1},\"b\":{\"x\":1}}");
        JsonNode part = document.get("b");
        // the text is deliberately not part's canonical form, to show where it lands
        String marked = "{\"x\":\"spliced\"}";
        assertThat(new String(CanonicalJson.bytes(document, part, marked)))
                .isEqualTo("{\"a\":{\"x\":1},\"b\":{\"x\":\"spliced\"}}");
    }

    @Test
    void anEntryReadBackFromItsStoredLeafDataSerialisesExactlyAsTheEntryItWasCreatedAs() {
        NotarisedTransaction n = notarised(5);
        LedgerEntry created = LedgerEntry.create(5, Rfc9162.leafHash("entry 4".getBytes()), n);
        String leafData = new String(created.leafData(), java.nio.charset.StandardCharsets.UTF_8);

        LedgerEntry stored = LedgerEntry.stored(5, created.txId(), created.leafHash(), created.previousHash(), leafData);

        String written = Json.write(stored);
        assertThat(Json.parse(written)).isEqualTo(Json.parse(Json.write(created)));
        // the document is the stored text itself, not a re-encoding of it
        assertThat(written).contains("\"document\":" + leafData + "}");
        assertThat(stored.leafData()).isEqualTo(created.leafData());
        assertThat(CanonicalJson.bytes(stored.documentTree())).isEqualTo(created.leafData());
        assertThat(stored.transaction()).isEqualTo(created.transaction());
        // what a client reads back is an ordinary entry with a parsed document
        LedgerEntry read = Json.read(written, LedgerEntry.class);
        assertThat(CanonicalJson.bytes(read.document())).isEqualTo(created.leafData());
        assertThat(read.leafData()).isEqualTo(created.leafData());
    }

    @Test
    void anEntryKeptWithItsLeafDataBytesWritesThoseBytesVerbatimAndOtherwiseBehavesAsTheStoredText() {
        // a transaction with characters outside ASCII: the UTF-8 writers copy the kept bytes, the others use the text
        WireTransaction tx = TransactionMother.issuance(DemoNetwork.ISSUING_BANK);
        JsonNode json = Json.tree(tx);
        ((com.fasterxml.jackson.databind.node.ObjectNode) json.get("outputs").get(0).get("data")).put("port", "Zürich \u2014 Rhein");
        NotarisedTransaction n = new NotarisedTransaction(WireTransaction.idOf(json), 9, json, DemoNetwork.ISSUING_BANK,
                NotarySignatures.signBatch(List.of(WireTransaction.idOf(json)), TestNetworks.demo().key(DemoNetwork.NOTARY), Instant.now()).get(0));
        LedgerEntry created = LedgerEntry.create(9, Rfc9162.leafHash("entry 8".getBytes()), n);
        byte[] leafData = created.leafData();
        String leafText = new String(leafData, java.nio.charset.StandardCharsets.UTF_8);

        LedgerEntry kept = LedgerEntry.stored(9, created.txId(), created.leafHash(), created.previousHash(), leafData.clone());
        LedgerEntry asText = LedgerEntry.stored(9, created.txId(), created.leafHash(), created.previousHash(), leafText);

        assertThat(Json.write(kept)).isEqualTo(Json.write(asText)).contains("\"document\":" + leafText + "}");
        assertThat(Json.writeAscii(kept)).isEqualTo(Json.writeAscii(asText));
        assertThat(new String(Json.writeAscii(kept), java.nio.charset.StandardCharsets.UTF_8)).contains("\"document\":" + leafText + "}");
        assertThat(kept.leafDataString()).isEqualTo(leafText);
        assertThat(kept.leafData()).isEqualTo(leafData);
        assertThat(kept.transaction()).isEqualTo(created.transaction());
        // what a caller gets is a copy: changing it changes nothing written
        kept.leafData()[0] = 'X';
        assertThat(Json.writeAscii(kept)).isEqualTo(Json.writeAscii(asText));
    }
}
