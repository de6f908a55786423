package io.tradenet.contract.envelope;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.tradenet.contract.TestNetworks;
import io.tradenet.contract.json.Json;
import io.tradenet.contract.party.DemoNetwork;
import io.tradenet.contract.party.PartyRegistry;
import io.tradenet.contract.party.Role;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.StringLength;
import org.junit.jupiter.api.Test;

import java.util.Map;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class EnvelopesTest {

    private final PartyRegistry registry = TestNetworks.demo().registry();
    private static final Set<Role> NOTARY_ONLY = Set.of(Role.NOTARY);

    private Envelope sealedByNotary() {
        return Envelopes.seal("Ping", "corr-1", Map.of("n", 1), TestNetworks.demo().key(DemoNetwork.NOTARY));
    }

    @Test
    void aSealedEnvelopeOpensWithItsPayloadIntact() {
        Envelope opened = Envelopes.open(sealedByNotary().toJson(), "Ping", NOTARY_ONLY, registry);
        assertThat(opened.payload().get("n").asInt()).isEqualTo(1);
        assertThat(opened.correlationId()).isEqualTo("corr-1");
    }

    @Test
    void aTamperedPayloadIsRejected() {
        Envelope envelope = sealedByNotary();
        ObjectNode tree = (ObjectNode) Json.tree(envelope);
        ((ObjectNode) tree.get("payload")).put("n", 2);
        assertThatThrownBy(() -> Envelopes.open(tree.toString(), "Ping", NOTARY_ONLY, registry))
                .isInstanceOf(EnvelopeRejectedException.class).hasMessageContaining("does not verify");
    }

    @Test
    void aSwappedCorrelationIdIsRejectedBecauseTheSignatureCoversIt() {
        ObjectNode tree = (ObjectNode) Json.tree(sealedByNotary());
        tree.put("correlationId", "corr-2");
        assertThatThrownBy(() -> Envelopes.open(tree.toString(), "Ping", NOTARY_ONLY, registry))
                .isInstanceOf(EnvelopeRejectedException.class);
    }

    @Test
    void aSignerWithoutTheRequiredRoleIsRejected() {
        Envelope byBank = Envelopes.seal("Ping", null, Map.of(), TestNetworks.demo().key(DemoNetwork.ISSUING_BANK));
        assertThatThrownBy(() -> Envelopes.open(byBank.toJson(), "Ping", NOTARY_ONLY, registry))
                .isInstanceOf(EnvelopeRejectedException.class).hasMessageContaining("may not send");
    }

    @Test
    void anUnknownSignerAndAWrongTypeAreRejected() {
        ObjectNode tree = (ObjectNode) Json.tree(sealedByNotary());
        tree.put("signer", "mallory");
        assertThatThrownBy(() -> Envelopes.open(tree.toString(), "Ping", NOTARY_ONLY, registry))
                .isInstanceOf(EnvelopeRejectedException.class).hasMessageContaining("unknown party");
        assertThatThrownBy(() -> Envelopes.open(sealedByNotary().toJson(), "Pong", NOTARY_ONLY, registry))
                .isInstanceOf(EnvelopeRejectedException.class).hasMessageContaining("unexpected envelope type");
    }

    @Property(tries = 300)
    void arbitraryTextIsRejectedWithAReasonAndNeverCrashesTheParser(@ForAll @StringLength(max = 400) String garbage) {
        assertThatThrownBy(() -> Envelopes.open(garbage, "Ping", NOTARY_ONLY, registry))
                .isInstanceOf(EnvelopeRejectedException.class)
                .satisfies(e -> assertThat(e.getMessage()).isNotBlank());
    }

    @Property(tries = 300)
    void truncatedEnvelopesAreRejected(@ForAll("cut") int cut) {
        String json = sealedByNotary().toJson();
        String truncated = json.substring(0, Math.min(cut, json.length() - 1));
        assertThatThrownBy(() -> Envelopes.open(truncated, "Ping", NOTARY_ONLY, registry))
                .isInstanceOf(EnvelopeRejectedException.class);
    }

    @net.jqwik.api.Provide
    net.jqwik.api.Arbitrary<Integer> cut() {
        return net.jqwik.api.Arbitraries.integers().between(0, 2000);
    }
}
