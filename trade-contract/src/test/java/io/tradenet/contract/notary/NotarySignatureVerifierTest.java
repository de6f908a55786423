package io.tradenet.contract.notary;

import io.tradenet.contract.TestNetworks;
import io.tradenet.contract.crypto.Hashing;
import io.tradenet.contract.party.DemoNetwork;
import io.tradenet.contract.party.PartyRegistry;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.util.List;
import java.util.stream.IntStream;

import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The remembering verifier answers exactly as NotarySignatures.verify: a remembered header never excuses anything else. */
class NotarySignatureVerifierTest {

    private final PartyRegistry registry = TestNetworks.demo().registry();
    private final NotarySignatureVerifier verifier = new NotarySignatureVerifier(registry);

    private static List<String> txIds(String prefix, int n) {
        return IntStream.range(0, n).mapToObj(i -> Hashing.hex(Hashing.sha256((prefix + i).getBytes()))).toList();
    }

    @Test
    void everyTransactionOfAVerifiedBatchStillNeedsItsOwnInclusionProof() {
        List<String> ids = txIds("tx", 5);
        List<NotarySignature> signatures = NotarySignatures.signBatch(ids, TestNetworks.demo().key(DemoNetwork.NOTARY), Instant.now());
        for (int i = 0; i < ids.size(); i++) {
            String id = ids.get(i);
            NotarySignature signature = signatures.get(i);
            assertThatCode(() -> verifier.verify(id, signature)).doesNotThrowAnyException();
        }
        String outsider = Hashing.hex(Hashing.sha256("outsider".getBytes()));
        assertThatThrownBy(() -> verifier.verify(outsider, signatures.get(0)))
                .isInstanceOf(InvalidNotarySignatureException.class).hasMessageContaining("not in the signed batch");
    }

    @Test
    void aRememberedSignatureDoesNotCoverAnAlteredHeader() {
        List<String> ids = txIds("tx", 4);
        NotarySignature good = NotarySignatures.signBatch(ids, TestNetworks.demo().key(DemoNetwork.NOTARY), Instant.now()).get(2);
        verifier.verify(ids.get(2), good);
        NotarySignature laterTime = new NotarySignature(good.notary(), good.batchRoot(), good.batchSize(),
                good.notarisedAt().plusSeconds(60), good.leafIndex(), good.proof(), good.signature());
        assertThatThrownBy(() -> verifier.verify(ids.get(2), laterTime))
                .isInstanceOf(InvalidNotarySignatureException.class).hasMessageContaining("does not verify");
        NotarySignature otherSize = new NotarySignature(good.notary(), good.batchRoot(), good.batchSize() + 4,
                good.notarisedAt(), good.leafIndex(), good.proof(), good.signature());
        assertThatThrownBy(() -> verifier.verify(ids.get(2), otherSize)).isInstanceOf(InvalidNotarySignatureException.class);
    }

    @Test
    void aBatchSignedByANonNotaryIsRejectedEveryTime() {
        List<String> ids = txIds("bank", 2);
        NotarySignature byBank = NotarySignatures.signBatch(ids, TestNetworks.demo().key(DemoNetwork.ISSUING_BANK), Instant.now()).get(0);
        for (int attempt = 0; attempt < 2; attempt++) {
            assertThatThrownBy(() -> verifier.verify(ids.get(0), byBank))
                    .isInstanceOf(InvalidNotarySignatureException.class).hasMessageContaining("not a registered notary");
        }
        assertThatThrownBy(() -> verifier.verify(ids.get(0), null)).isInstanceOf(InvalidNotarySignatureException.class);
    }

    @Test
    void theHeaderJustVerifiedDoesNotCoverAnotherSignatureOverIt() {
        List<String> ids = txIds("tx", 3);
        NotarySignature good = NotarySignatures.signBatch(ids, TestNetworks.demo().key(DemoNetwork.NOTARY), Instant.now()).get(1);
        verifier.verify(ids.get(1), good);
        byte[] forged = Hashing.fromB64(good.signature());
        forged[10] ^= 1;
        NotarySignature otherSignature = new NotarySignature(good.notary(), good.batchRoot(), good.batchSize(),
                good.notarisedAt(), good.leafIndex(), good.proof(), Hashing.b64(forged));
        assertThatThrownBy(() -> verifier.verify(ids.get(1), otherSignature))
                .isInstanceOf(InvalidNotarySignatureException.class).hasMessageContaining("does not verify");
        assertThatCode(() -> verifier.verify(ids.get(1), good)).as("the good one still verifies after the refusal").doesNotThrowAnyException();
    }

    @Test
    void interleavedBatchesEachVerify() {
        List<String> first = txIds("first", 4);
        List<String> second = txIds("second", 4);
        List<NotarySignature> a = NotarySignatures.signBatch(first, TestNetworks.demo().key(DemoNetwork.NOTARY), Instant.now());
        List<NotarySignature> b = NotarySignatures.signBatch(second, TestNetworks.demo().key(DemoNetwork.NOTARY), Instant.now().plusSeconds(1));
        for (int i = 0; i < 4; i++) {
            int n = i;
            assertThatCode(() -> verifier.verify(first.get(n), a.get(n))).doesNotThrowAnyException();
            assertThatCode(() -> verifier.verify(second.get(n), b.get(n))).doesNotThrowAnyException();
        }
        assertThatThrownBy(() -> verifier.verify(first.get(0), b.get(0)))
                .as("a transaction of one batch with the other batch's proof").isInstanceOf(InvalidNotarySignatureException.class);
    }
}
