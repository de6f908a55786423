package io.tradenet.deploy.cli;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.tradenet.contract.checkpoint.SignedNote;
import io.tradenet.contract.crypto.Hashing;
import io.tradenet.contract.json.CanonicalJson;
import io.tradenet.contract.json.Json;
import io.tradenet.contract.ledger.AuditEvent;
import io.tradenet.contract.ledger.LedgerEntry;
import io.tradenet.contract.merkle.Rfc9162;
import io.tradenet.contract.party.DemoNetwork;
import io.tradenet.contract.party.NetworkGenerator;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * What {@code audit tail} refuses before it trusts anything the ledger says: an event whose entry was
 * altered after hashing, or whose index or leaf hash is not its entry's, is FAILED with the reason
 * (the genuine path, checkpoint and inclusion proof included, runs in PartyCliIT against a real ledger).
 */
class AuditTailTest {

    private static final String TX = "ab".repeat(32);

    private static LedgerEntry genuine() {
        ObjectNode document = Json.mapper().createObjectNode().put("index", 0)
                .put("previousHash", Hashing.b64(LedgerEntry.genesisPreviousHash()));
        document.putObject("transaction").put("txId", TX).put("amount", "1250000.00");
        String leaf = Hashing.b64(Rfc9162.leafHash(CanonicalJson.bytes(document)));
        return new LedgerEntry(0, TX, leaf, Hashing.b64(LedgerEntry.genesisPreviousHash()), document);
    }

    @Test
    void anEntryAlteredAfterItWasHashedFails() {
        LedgerEntry entry = genuine();
        ObjectNode altered = entry.document().deepCopy();
        ((ObjectNode) altered.get("transaction")).put("amount", "9250000.00");
        AuditEvent event = new AuditEvent(0, entry.leafHash(), new LedgerEntry(0, TX, entry.leafHash(), entry.previousHash(), altered), "unused");

        assertThat(new AuditCommand.Tail().verify(event)).contains("does not hash to its leaf hash");
    }

    @Test
    void anEventThatDoesNotCarryItsEntrysIndexAndLeafHashFails() {
        LedgerEntry entry = genuine();

        assertThat(new AuditCommand.Tail().verify(new AuditEvent(1, entry.leafHash(), entry, "unused"))).contains("not its entry's");
        assertThat(new AuditCommand.Tail().verify(new AuditEvent(0, Hashing.b64(new byte[32]), entry, "unused"))).contains("not its entry's");
    }

    @Test
    void aCheckpointThatIsNotSignedByTheRegistrysLedgerKeyFailsTheEntryItCarries(@TempDir Path dir) {
        NetworkGenerator.Network network = NetworkGenerator.generate(dir, DemoNetwork.NAME, DemoNetwork.parties());
        AuditCommand.Tail tail = new AuditCommand.Tail();
        tail.networkDir = dir;
        // a well-formed checkpoint of exactly this entry, signed under the ledger's name with another party's key
        String forged = SignedNote.sign("tradenet.local/ledger\n1\n" + genuine().leafHash() + "\n", "tradenet.local/ledger",
                network.key(DemoNetwork.ISSUING_BANK));

        assertThat(tail.verify(new AuditEvent(0, genuine().leafHash(), genuine(), forged))).isEqualTo("no signature by tradenet.local/ledger on the note");
    }
}
