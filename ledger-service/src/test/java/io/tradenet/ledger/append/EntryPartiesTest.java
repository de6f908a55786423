package io.tradenet.ledger.append;

import com.fasterxml.jackson.databind.JsonNode;
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
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

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

        EntryParties.Concerned concerned = EntryParties.of(tx, Map.of(CONSUMED, List.of(DemoNetwork.BENEFICIARY)));

        assertThat(concerned.parties()).containsExactlyInAnyOrder(DemoNetwork.APPLICANT, DemoNetwork.CARRIER, DemoNetwork.BENEFICIARY,
                DemoNetwork.ISSUING_BANK);
        assertThat(concerned.outputParties()).containsExactly(List.of(DemoNetwork.APPLICANT, DemoNetwork.CARRIER));
        assertThat(concerned.createdStates(tx.txId())).containsExactly(Map.entry(new StateRef(tx.txId(), 0),
                List.of(DemoNetwork.APPLICANT, DemoNetwork.CARRIER)));
        assertThat(EntryParties.inputsOf(List.of(tx))).containsExactly(CONSUMED);
    }

    /** A participant is a name, whatever it contains: one whose text holds a comma does not become two parties later. */
    @Test
    void theHoldersOfAConsumedStateAreItsParticipantsExactlyEvenWithACommaInAName() {
        ObjectNode issue = shipment();
        output(issue).putArray("participants").add("bank-a," + DemoNetwork.REGULATOR);
        NotarisedTransaction created = notarised(issue, DemoNetwork.CARRIER);
        EntryParties.Concerned creating = EntryParties.of(created, Map.of());
        StateRef state = new StateRef(created.txId(), 0);

        EntryParties.Concerned consuming = EntryParties.of(notarised(consuming(state), DemoNetwork.CARRIER), creating.createdStates(created.txId()));

        assertThat(consuming.parties()).contains("bank-a," + DemoNetwork.REGULATOR).doesNotContain("bank-a");
    }

    private static ObjectNode consuming(StateRef state) {
        WireTransaction tx = TransactionBuilder.forNotary(DemoNetwork.NOTARY).consume(state)
                .output("Shipment", List.of(DemoNetwork.CARRIER), JsonNodeFactory.instance.objectNode().put("n", 2))
                .signedBy(TestNetwork.key(DemoNetwork.CARRIER), "Ship", null);
        return (ObjectNode) Json.tree(tx);
    }

    @Test
    void aConsumedStateTheLedgerNeverSawCreatedAddsNobody() {
        EntryParties.Concerned concerned = EntryParties.of(notarised(shipment(), DemoNetwork.CARRIER), Map.of());

        assertThat(concerned.parties()).doesNotContain(DemoNetwork.BENEFICIARY);
    }

    private static final Map<String, Consumer<ObjectNode>> NOT_OF_THE_WIRE_FORM = Map.ofEntries(
            Map.entry("participants not a list", tx -> output(tx).put("participants", DemoNetwork.APPLICANT)),
            Map.entry("a participant that is null", tx -> output(tx).withArray("participants").addNull()),
            Map.entry("inputs not a list", tx -> tx.put("inputs", CONSUMED.toString())),
            Map.entry("an input not a state reference", tx -> tx.withArray("inputs").add("not-a-ref")),
            Map.entry("a reference not a state reference", tx -> tx.withArray("references").add("x")),
            Map.entry("no time window", tx -> tx.remove("timeWindow")),
            Map.entry("a time window that is not one", tx -> tx.put("timeWindow", "tomorrow")),
            Map.entry("a time window closing before it opens", tx -> window(tx, "2026-01-02T00:00:00Z", "2026-01-01T00:00:00Z")),
            Map.entry("a time window without a bound", tx -> tx.set("timeWindow", JsonNodeFactory.instance.objectNode())),
            Map.entry("a time window with an unknown field", tx -> ((ObjectNode) tx.get("timeWindow")).put("zone", "UTC")),
            Map.entry("a time window bound that is not an instant", tx -> window(tx, "2026-01-01", null)),
            Map.entry("no notary", tx -> tx.remove("notary")),
            Map.entry("an unknown field", tx -> tx.put("memo", 1)),
            Map.entry("an output without its type", tx -> output(tx).remove("type")),
            Map.entry("an output without its data", tx -> output(tx).remove("data")),
            Map.entry("an output with an unknown field", tx -> output(tx).put("extra", 1)),
            Map.entry("a command that is a string", tx -> tx.withArray("commands").add("junk")),
            Map.entry("a command without its signature", tx -> ((ObjectNode) tx.withArray("commands").get(0)).remove("signature")),
            Map.entry("a command with an unknown field", tx -> ((ObjectNode) tx.withArray("commands").get(0)).put("extra", 1)));

    /** Replaces the time window: each bound as given (text, a number, a boolean) or null. */
    private static void window(ObjectNode tx, Object from, Object until) {
        ObjectNode window = tx.putObject("timeWindow");
        window.set("from", bound(from));
        window.set("until", bound(until));
    }

    private static JsonNode bound(Object value) {
        return value == null ? JsonNodeFactory.instance.nullNode() : Json.tree(value);
    }

    private static ObjectNode output(ObjectNode tx) {
        return (ObjectNode) tx.withArray("outputs").get(0);
    }

    static Stream<String> flaws() {
        return NOT_OF_THE_WIRE_FORM.keySet().stream().sorted();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("flaws")
    void aTransactionNotOfTheWireFormConcernsItsRequesterAloneAndCreatesNoState(String flaw) {
        ObjectNode tx = shipment();
        NOT_OF_THE_WIRE_FORM.get(flaw).accept(tx);
        NotarisedTransaction notarised = notarised(tx, DemoNetwork.CARRIER);

        EntryParties.Concerned concerned = EntryParties.of(notarised, Map.of(CONSUMED, List.of(DemoNetwork.BENEFICIARY)));

        assertThat(concerned.parties()).containsExactly(DemoNetwork.CARRIER);
        assertThat(concerned.outputParties()).isEmpty();
    }

    @Test
    void everyFlawTestedAboveIsRefusedByTheWireTypeItself() {
        NOT_OF_THE_WIRE_FORM.forEach((flaw, change) -> {
            ObjectNode tx = shipment();
            change.accept(tx);
            assertThat(catchThrowable(() -> Json.bind(tx, WireTransaction.class))).as(flaw).isNotNull();
        });
    }

    /** Windows in the forms a party might write: each counts as a time window exactly when the wire type binds it. */
    static Stream<Arguments> windows() {
        return Stream.of(
                Arguments.of("2026-01-01T00:00:00Z", "2026-01-02T00:00:00Z"),
                Arguments.of("2026-01-01T00:00:00.123456789Z", null),
                Arguments.of(null, "2026-01-02T00:00:00Z"),
                Arguments.of(1767225600, 1767312000),
                Arguments.of("1767225600", null),
                Arguments.of("2026-01-01T00:00:00+01:00", null),
                Arguments.of("2026-01-01T00:00:00Z", "2026-01-01T00:00:00Z"),
                Arguments.of(" 2026-01-01T00:00:00Z", null),
                Arguments.of("", "2026-01-02T00:00:00Z"),
                Arguments.of(null, null),
                Arguments.of(true, null));
    }

    @ParameterizedTest(name = "from {0} until {1}")
    @MethodSource("windows")
    void aTimeWindowCountsExactlyWhenTheWireTypeBindsIt(Object from, Object until) {
        ObjectNode tx = shipment();
        window(tx, from, until);
        boolean binds = catchThrowable(() -> Json.bind(tx, WireTransaction.class)) == null;

        EntryParties.Concerned concerned = EntryParties.of(notarised(tx, DemoNetwork.CARRIER), Map.of());

        assertThat(concerned.outputParties().isEmpty()).as("created states recorded iff the wire type binds").isEqualTo(!binds);
    }
}
