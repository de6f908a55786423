package io.tradenet.ledger.append;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.tradenet.contract.json.Json;
import io.tradenet.contract.notary.NotarisedTransaction;
import io.tradenet.contract.notary.NotarySignature;
import io.tradenet.contract.notary.NotarySignatures;
import io.tradenet.contract.party.DemoNetwork;
import io.tradenet.contract.tx.StateRef;
import io.tradenet.contract.tx.TransactionBuilder;
import io.tradenet.contract.tx.WireTransaction;
import io.tradenet.testkit.TestNetwork;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/** Who an entry concerns (BRIEF section 7: a party reads only the entries it is party to). */
class EntryPartiesTest {

    private static final StateRef CONSUMED = new StateRef("a".repeat(64), 0);

    private static NotarisedTransaction notarised(ObjectNode transaction, String requester) {
        String txId = WireTransaction.idOf(transaction);
        NotarySignature signature = NotarySignatures.signBatch(List.of(txId), TestNetwork.key(DemoNetwork.NOTARY), Instant.now()).get(0);
        return new NotarisedTransaction(txId, 0, transaction, requester, signature);
    }

    /** The carrier's shipment consumes the beneficiary's state, the bank co-signs, the output goes to the applicant and the carrier. */
    private static ObjectNode shipment() {
        WireTransaction tx = TransactionBuilder.forNotary(DemoNetwork.NOTARY).consume(CONSUMED)
                .output("Shipment", List.of(DemoNetwork.APPLICANT, DemoNetwork.CARRIER), JsonNodeFactory.instance.objectNode().put("n", 1))
                .coSignedBy(TestNetwork.key(DemoNetwork.ISSUING_BANK), "Approve", List.of(), null)
                .signedBy(TestNetwork.key(DemoNetwork.CARRIER), "Ship", null);
        return (ObjectNode) Json.tree(tx);
    }

    @Test
    void anEntryConcernsItsOutputsParticipantsThePreviousHoldersOfWhatItConsumesItsSignersAndItsRequester() {
        NotarisedTransaction tx = notarised(shipment(), DemoNetwork.CARRIER);

        EntryParties.Concerned concerned = EntryParties.of(tx, Map.of(CONSUMED.toString(), DemoNetwork.BENEFICIARY));

        assertThat(concerned.parties()).containsExactlyInAnyOrder(DemoNetwork.APPLICANT, DemoNetwork.CARRIER, DemoNetwork.BENEFICIARY,
                DemoNetwork.ISSUING_BANK);
        assertThat(concerned.createdStates()).containsExactly(Map.entry(tx.txId() + ":0", DemoNetwork.APPLICANT + "," + DemoNetwork.CARRIER));
        assertThat(EntryParties.inputsOf(List.of(tx))).containsExactly(CONSUMED.toString());
    }

    @Test
    void aConsumedStateTheLedgerNeverSawCreatedAddsNobody() {
        EntryParties.Concerned concerned = EntryParties.of(notarised(shipment(), DemoNetwork.CARRIER), Map.of());

        assertThat(concerned.parties()).doesNotContain(DemoNetwork.BENEFICIARY);
    }

    @Test
    void aTransactionWhoseOutputsAreNotOfTheWireFormConcernsItsRequesterAloneAndCreatesNoState() {
        ObjectNode tx = shipment();
        ((ObjectNode) tx.withArray("outputs").get(0)).put("participants", DemoNetwork.APPLICANT);

        EntryParties.Concerned concerned = EntryParties.of(notarised(tx, DemoNetwork.CARRIER),
                Map.of(CONSUMED.toString(), DemoNetwork.BENEFICIARY));

        assertThat(concerned.parties()).containsExactly(DemoNetwork.CARRIER);
        assertThat(concerned.createdStates()).isEmpty();
    }

    @Test
    void aTransactionWhoseInputsAreNotAListConcernsItsRequesterAlone() {
        ObjectNode tx = shipment();
        tx.put("inputs", CONSUMED.toString());
        NotarisedTransaction notarised = notarised(tx, DemoNetwork.CARRIER);

        EntryParties.Concerned concerned = EntryParties.of(notarised, Map.of(CONSUMED.toString(), DemoNetwork.BENEFICIARY));

        assertThat(concerned.parties()).containsExactly(DemoNetwork.CARRIER);
        assertThat(EntryParties.inputsOf(List.of(notarised))).isEmpty();
    }
}
