package io.tradenet.contract.tx;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import io.tradenet.contract.TestNetworks;
import io.tradenet.contract.crypto.SigningKey;
import io.tradenet.contract.party.DemoNetwork;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.UUID;

/** Builds correctly signed transactions for tests; each test then breaks exactly one thing. */
public final class TransactionMother {

    private TransactionMother() {
    }

    public static SigningKey key(String party) {
        return TestNetworks.demo().key(party);
    }

    public static Instruction instruction(String signer, List<StateRef> consumes, List<StateRef> references, TimeWindow window) {
        return new Instruction(UUID.randomUUID().toString(), "Move", signer, DemoNetwork.NOTARY, consumes, references, window,
                JsonNodeFactory.instance.objectNode().put("note", "test"));
    }

    public static TimeWindow openWindow() {
        return TimeWindow.around(Instant.now(), Duration.ofMinutes(5));
    }

    public static WireTransaction signedBy(String signer, List<StateRef> inputs, List<StateRef> references, TimeWindow window) {
        SignedInstruction command = SignedInstruction.sign(instruction(signer, inputs, references, window), key(signer));
        TransactionState output = new TransactionState("Token", List.of(signer),
                JsonNodeFactory.instance.objectNode().put("owner", signer));
        return new WireTransaction(DemoNetwork.NOTARY, inputs, references, List.of(output), List.of(command), window);
    }

    public static WireTransaction issuance(String signer) {
        return signedBy(signer, List.of(), List.of(), openWindow());
    }

    public static StateRef someState() {
        return issuance(DemoNetwork.ISSUING_BANK).outputRef(0);
    }
}
