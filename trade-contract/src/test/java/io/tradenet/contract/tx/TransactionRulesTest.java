package io.tradenet.contract.tx;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.tradenet.contract.TestNetworks;
import io.tradenet.contract.json.Json;
import io.tradenet.contract.party.DemoNetwork;
import io.tradenet.contract.party.PartyRegistry;
import org.junit.jupiter.api.Test;

import java.util.List;

import static io.tradenet.contract.tx.TransactionMother.openWindow;
import static io.tradenet.contract.tx.TransactionMother.signedBy;
import static io.tradenet.contract.tx.TransactionMother.someState;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class TransactionRulesTest {

    private final PartyRegistry registry = TestNetworks.demo().registry();
    private static final String BANK = DemoNetwork.ISSUING_BANK;

    @Test
    void aTransactionWhoseEveryInputIsAuthorisedByAValidSignedInstructionIsValid() {
        WireTransaction tx = signedBy(BANK, List.of(someState(), someState()), List.of(someState()), openWindow());
        assertThatCode(() -> TransactionRules.verify(tx, registry)).doesNotThrowAnyException();
        assertThat(TransactionRules.requesterInstruction(tx, BANK, registry).signer()).isEqualTo(BANK);
    }

    @Test
    void transactionIdIsSha256OfTheCanonicalJsonAndStableAcrossReserialisation() {
        WireTransaction tx = signedBy(BANK, List.of(someState()), List.of(), openWindow());
        JsonNode wire = Json.parse(Json.write(tx));
        assertThat(WireTransaction.idOf(wire)).isEqualTo(tx.id()).matches("[0-9a-f]{64}");
        assertThat(Json.bind(wire, WireTransaction.class).id()).isEqualTo(tx.id());
    }

    @Test
    void aForgedInstructionSignatureMakesTheTransactionInvalid() {
        WireTransaction tx = signedBy(BANK, List.of(someState()), List.of(), openWindow());
        SignedInstruction original = tx.commands().get(0);
        ObjectNode tampered = original.instruction().deepCopy();
        tampered.put("action", "Steal");
        WireTransaction forged = withCommands(tx, List.of(new SignedInstruction(tampered, original.signature())));
        assertThatThrownBy(() -> TransactionRules.verify(forged, registry))
                .isInstanceOf(TransactionInvalidException.class).hasMessageContaining("does not verify");
        assertThatThrownBy(() -> TransactionRules.requesterInstruction(forged, BANK, registry))
                .isInstanceOf(RequestSignatureInvalidException.class);
    }

    @Test
    void anInputNoInstructionConsumesIsRefused() {
        WireTransaction tx = signedBy(BANK, List.of(someState()), List.of(), openWindow());
        WireTransaction widened = new WireTransaction(tx.notary(), List.of(tx.inputs().get(0), someState()), tx.references(),
                tx.outputs(), tx.commands(), tx.timeWindow());
        assertThatThrownBy(() -> TransactionRules.verify(widened, registry))
                .isInstanceOf(TransactionInvalidException.class).hasMessageContaining("without any party's signed instruction");
    }

    @Test
    void theRequesterMustHaveSignedExactlyTheseInputsReferencesAndTimeWindow() {
        WireTransaction tx = signedBy(BANK, List.of(someState()), List.of(), openWindow());
        WireTransaction otherWindow = new WireTransaction(tx.notary(), tx.inputs(), tx.references(), tx.outputs(),
                tx.commands(), openWindow());
        assertThatThrownBy(() -> TransactionRules.requesterInstruction(otherWindow, BANK, registry))
                .isInstanceOf(RequestSignatureInvalidException.class).hasMessageContaining("does not cover");
        assertThatThrownBy(() -> TransactionRules.requesterInstruction(tx, DemoNetwork.APPLICANT, registry))
                .isInstanceOf(RequestSignatureInvalidException.class).hasMessageContaining("no instruction signed by the requester");
        assertThatThrownBy(() -> TransactionRules.requesterInstruction(tx, "nobody", registry))
                .isInstanceOf(RequestSignatureInvalidException.class).hasMessageContaining("not a registered party");
    }

    @Test
    void aStateCannotBeBothInputAndReference() {
        StateRef state = someState();
        WireTransaction tx = signedBy(BANK, List.of(state), List.of(state), openWindow());
        assertThatThrownBy(() -> TransactionRules.verify(tx, registry))
                .isInstanceOf(TransactionInvalidException.class).hasMessageContaining("both an input and a reference");
    }

    @Test
    void duplicateInputsAreRefused() {
        StateRef state = someState();
        WireTransaction tx = signedBy(BANK, List.of(state, state), List.of(), openWindow());
        assertThatThrownBy(() -> TransactionRules.verify(tx, registry))
                .isInstanceOf(TransactionInvalidException.class).hasMessageContaining("duplicate input");
    }

    @Test
    void anUnregisteredNotaryIsRefused() {
        WireTransaction tx = signedBy(BANK, List.of(someState()), List.of(), openWindow());
        WireTransaction other = new WireTransaction("rogue-notary", tx.inputs(), tx.references(), tx.outputs(), tx.commands(), tx.timeWindow());
        assertThatThrownBy(() -> TransactionRules.verify(other, registry))
                .isInstanceOf(TransactionInvalidException.class).hasMessageContaining("not a registered notary");
    }

    @Test
    void malformedStateReferencesAreRefusedWhenParsing() {
        assertThatThrownBy(() -> StateRef.parse("abc:1")).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> StateRef.parse("a".repeat(64) + ":01")).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> StateRef.parse("A".repeat(64) + ":1")).isInstanceOf(IllegalArgumentException.class);
        assertThat(StateRef.parse("a".repeat(64) + ":7").index()).isEqualTo(7);
    }

    private static WireTransaction withCommands(WireTransaction tx, List<SignedInstruction> commands) {
        return new WireTransaction(tx.notary(), tx.inputs(), tx.references(), tx.outputs(), commands, tx.timeWindow());
    }
}
