package io.tradenet.contract.envelope;

import io.tradenet.contract.TestNetworks;
import io.tradenet.contract.party.DemoNetwork;
import io.tradenet.contract.party.PartyRegistry;
import io.tradenet.contract.party.Role;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.constraints.StringLength;
import org.junit.jupiter.api.Test;

import java.util.HashMap;
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

    private Envelope open(Map<String, String> headers, String value) {
        return Envelopes.open(headers, value, "Ping", NOTARY_ONLY, registry);
    }

    @Test
    void aSealedEnvelopeOpensFromItsRecordValueAndHeadersWithThePayloadIntact() {
        Envelope sealed = sealedByNotary();
        Envelope opened = open(sealed.headers(), sealed.value());
        assertThat(opened.payloadTree().get("n").asInt()).isEqualTo(1);
        assertThat(opened.correlationId()).isEqualTo("corr-1");
        assertThat(opened).isEqualTo(sealed);
    }

    @Test
    void aPayloadWithNonAsciiTextIsSealedAsAsciiJsonThatOpensToTheSameText() {
        String note = "tradenet.local/ledger\n42\n\u2014 ledger AbC= Z\u00fcrich";
        Envelope sealed = Envelopes.seal("Ping", "corr-1", Map.of("note", note), TestNetworks.demo().key(DemoNetwork.NOTARY));

        for (byte b : sealed.payload()) {
            assertThat(b).as("every payload byte is ASCII").isBetween((byte) 0, (byte) 127);
        }
        assertThat(sealed.value()).contains("\\u2014");
        assertThat(open(sealed.headers(), sealed.value()).payloadTree().get("note").asText()).isEqualTo(note);
    }

    @Test
    void theSignatureCoversTheHeaderLinesAndTheHexSha256OfThePayloadAsDocumented() throws Exception {
        Envelope sealed = sealedByNotary();
        // the recipe of the README, written out independently of Envelope.signedBytes
        String digest = java.util.HexFormat.of().formatHex(java.security.MessageDigest.getInstance("SHA-256").digest(sealed.payload()));
        String signed = "tradenet-envelope/2\n" + "Ping\n" + sealed.id() + "\n" + "corr-1\n" + DemoNetwork.NOTARY + "\n" + digest;
        assertThat(registry.verify(DemoNetwork.NOTARY, signed.getBytes(java.nio.charset.StandardCharsets.UTF_8), sealed.signature())).isTrue();
        assertThat(registry.verify(DemoNetwork.NOTARY, (signed + "\n").getBytes(java.nio.charset.StandardCharsets.UTF_8), sealed.signature())).isFalse();
    }

    @Test
    void aRecordSignedInTheFirstFormOverThePayloadBytesStillOpensSoOldTopicsReplay() {
        Envelope sealed = sealedByNotary();
        String v1 = "tradenet-envelope/1\nPing\n" + sealed.id() + "\ncorr-1\n" + DemoNetwork.NOTARY + "\n" + sealed.value();
        Map<String, String> headers = new HashMap<>(sealed.headers());
        headers.put(EnvelopeHeaders.SIGNATURE, TestNetworks.demo().key(DemoNetwork.NOTARY).signB64(v1.getBytes(java.nio.charset.StandardCharsets.UTF_8)));

        assertThat(open(headers, sealed.value()).payloadTree().get("n").asInt()).isEqualTo(1);
        assertThatThrownBy(() -> open(headers, sealed.value().replace("1", "2")))
                .isInstanceOf(EnvelopeRejectedException.class).hasMessageContaining("does not verify");
    }

    @Test
    void aTamperedPayloadIsRejected() {
        Envelope sealed = sealedByNotary();
        assertThatThrownBy(() -> open(sealed.headers(), sealed.value().replace("1", "2")))
                .isInstanceOf(EnvelopeRejectedException.class).hasMessageContaining("does not verify");
    }

    @Test
    void aSwappedHeaderIsRejectedBecauseTheSignatureCoversTheHeaders() {
        Envelope sealed = sealedByNotary();
        for (String header : new String[] {EnvelopeHeaders.CORRELATION_ID, EnvelopeHeaders.ID}) {
            Map<String, String> headers = new HashMap<>(sealed.headers());
            headers.put(header, "other");
            assertThatThrownBy(() -> open(headers, sealed.value())).isInstanceOf(EnvelopeRejectedException.class);
        }
    }

    @Test
    void aRecordWithoutSignatureHeadersIsRejectedAsUnsigned() {
        Envelope sealed = sealedByNotary();
        Map<String, String> headers = new HashMap<>(sealed.headers());
        headers.remove(EnvelopeHeaders.SIGNATURE);
        assertThatThrownBy(() -> open(headers, sealed.value())).isInstanceOf(EnvelopeRejectedException.class)
                .hasMessageContaining("unsigned record");
    }

    @Test
    void aSignerWithoutTheRequiredRoleIsRejected() {
        Envelope byBank = Envelopes.seal("Ping", null, Map.of(), TestNetworks.demo().key(DemoNetwork.ISSUING_BANK));
        assertThatThrownBy(() -> open(byBank.headers(), byBank.value()))
                .isInstanceOf(EnvelopeRejectedException.class).hasMessageContaining("may not send");
    }

    @Test
    void anUnknownSignerAndAWrongTypeAreRejected() {
        Envelope sealed = sealedByNotary();
        Map<String, String> headers = new HashMap<>(sealed.headers());
        headers.put(EnvelopeHeaders.SIGNER, "mallory");
        assertThatThrownBy(() -> open(headers, sealed.value()))
                .isInstanceOf(EnvelopeRejectedException.class).hasMessageContaining("unknown party");
        assertThatThrownBy(() -> Envelopes.open(sealed.headers(), sealed.value(), "Pong", NOTARY_ONLY, registry))
                .isInstanceOf(EnvelopeRejectedException.class).hasMessageContaining("unexpected envelope type");
    }

    @Property(tries = 300)
    void arbitraryTextWithGenuineHeadersIsRejectedWithAReasonAndNeverCrashes(@ForAll @StringLength(max = 400) String garbage) {
        Envelope sealed = sealedByNotary();
        assertThatThrownBy(() -> open(sealed.headers(), garbage))
                .isInstanceOf(EnvelopeRejectedException.class)
                .satisfies(e -> assertThat(e.getMessage()).isNotBlank());
    }

    @Property(tries = 300)
    void arbitraryHeadersAreRejected(@ForAll("headerMaps") Map<String, String> headers) {
        assertThatThrownBy(() -> open(headers, sealedByNotary().value())).isInstanceOf(EnvelopeRejectedException.class);
    }

    @Property(tries = 300)
    void truncatedRecordsAreRejected(@ForAll("cut") int cut) {
        Envelope sealed = sealedByNotary();
        String truncated = sealed.value().substring(0, Math.min(cut, sealed.value().length() - 1));
        assertThatThrownBy(() -> open(sealed.headers(), truncated)).isInstanceOf(EnvelopeRejectedException.class);
    }

    @Provide
    Arbitrary<Integer> cut() {
        return Arbitraries.integers().between(0, 200);
    }

    @Provide
    Arbitrary<Map<String, String>> headerMaps() {
        Arbitrary<String> keys = Arbitraries.of(EnvelopeHeaders.TYPE, EnvelopeHeaders.ID, EnvelopeHeaders.SIGNER,
                EnvelopeHeaders.SIGNATURE, EnvelopeHeaders.CORRELATION_ID, "x");
        Arbitrary<String> values = Arbitraries.oneOf(Arbitraries.strings().ofMaxLength(90), Arbitraries.of("Ping", DemoNetwork.NOTARY));
        return Arbitraries.maps(keys, values).ofMaxSize(6);
    }
}
