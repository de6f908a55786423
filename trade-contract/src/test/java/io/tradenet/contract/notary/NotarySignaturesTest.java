package io.tradenet.contract.notary;

import io.tradenet.contract.TestNetworks;
import io.tradenet.contract.crypto.Hashing;
import io.tradenet.contract.json.Json;
import io.tradenet.contract.party.DemoNetwork;
import io.tradenet.contract.party.PartyRegistry;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.IntStream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class NotarySignaturesTest {

    private final PartyRegistry registry = TestNetworks.demo().registry();

    private static List<String> txIds(int n) {
        return IntStream.range(0, n).mapToObj(i -> Hashing.hex(Hashing.sha256(("tx" + i).getBytes()))).toList();
    }

    @Test
    void oneSignaturePerBatchVerifiesForEveryTransactionThroughItsInclusionProof() {
        List<String> ids = txIds(7);
        List<NotarySignature> signatures = NotarySignatures.signBatch(ids, TestNetworks.demo().key(DemoNetwork.NOTARY), Instant.now());
        for (int i = 0; i < ids.size(); i++) {
            String id = ids.get(i);
            NotarySignature signature = signatures.get(i);
            assertThatCode(() -> NotarySignatures.verify(id, signature, registry)).doesNotThrowAnyException();
            // and it survives the wire
            NotarySignature wire = Json.read(Json.write(signature), NotarySignature.class);
            assertThatCode(() -> NotarySignatures.verify(id, wire, registry)).doesNotThrowAnyException();
        }
    }

    @Test
    void aBatchSignatureDoesNotCoverATransactionOutsideTheBatch() {
        List<NotarySignature> signatures = NotarySignatures.signBatch(txIds(4), TestNetworks.demo().key(DemoNetwork.NOTARY), Instant.now());
        String outsider = Hashing.hex(Hashing.sha256("other".getBytes()));
        assertThatThrownBy(() -> NotarySignatures.verify(outsider, signatures.get(0), registry))
                .isInstanceOf(InvalidNotarySignatureException.class).hasMessageContaining("not in the signed batch");
    }

    @Test
    void aBatchSignedByANonNotaryOrWithAnAlteredHeaderIsRejected() {
        List<String> ids = txIds(3);
        List<NotarySignature> byBank = NotarySignatures.signBatch(ids, TestNetworks.demo().key(DemoNetwork.ISSUING_BANK), Instant.now());
        assertThatThrownBy(() -> NotarySignatures.verify(ids.get(0), byBank.get(0), registry))
                .isInstanceOf(InvalidNotarySignatureException.class).hasMessageContaining("not a registered notary");

        NotarySignature good = NotarySignatures.signBatch(ids, TestNetworks.demo().key(DemoNetwork.NOTARY), Instant.now()).get(1);
        NotarySignature altered = new NotarySignature(good.notary(), good.batchRoot(), good.batchSize(),
                good.notarisedAt().plusSeconds(3600), good.leafIndex(), good.proof(), good.signature());
        assertThatThrownBy(() -> NotarySignatures.verify(ids.get(1), altered, registry))
                .isInstanceOf(InvalidNotarySignatureException.class).hasMessageContaining("does not verify");
        List<String> badProof = new ArrayList<>(good.proof());
        badProof.set(0, Hashing.b64(new byte[32]));
        NotarySignature tampered = new NotarySignature(good.notary(), good.batchRoot(), good.batchSize(),
                good.notarisedAt(), good.leafIndex(), badProof, good.signature());
        assertThatThrownBy(() -> NotarySignatures.verify(ids.get(1), tampered, registry))
                .isInstanceOf(InvalidNotarySignatureException.class);
    }

    @Test
    void theHandBuiltJsonFormIsTheMappersTreeForEveryKindOfTimeAndMissingProperties() {
        List<NotarySignature> signed = NotarySignatures.signBatch(txIds(5), TestNetworks.demo().key(DemoNetwork.NOTARY),
                Instant.parse("2026-12-01T04:30:00.123456789Z"));
        List<NotarySignature> cases = new ArrayList<>(signed);
        NotarySignature one = signed.get(3);
        for (Instant at : List.of(Instant.parse("2026-12-01T04:30:00Z"), Instant.parse("2026-12-01T04:30:00.120Z"),
                Instant.parse("1969-12-31T23:59:59.999Z"), Instant.EPOCH)) {
            cases.add(new NotarySignature(one.notary(), one.batchRoot(), one.batchSize(), at, one.leafIndex(), one.proof(), one.signature()));
        }
        cases.add(new NotarySignature(null, null, 0, null, 0, List.of(), null));
        for (NotarySignature signature : cases) {
            assertThat(signature.toJson()).isEqualTo(Json.tree(signature));
            assertThat(Json.write(signature.toJson())).isEqualTo(Json.write(signature));
        }
    }
}
