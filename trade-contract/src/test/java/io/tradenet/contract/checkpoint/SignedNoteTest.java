package io.tradenet.contract.checkpoint;

import io.tradenet.contract.TestNetworks;
import io.tradenet.contract.crypto.SigningKey;
import io.tradenet.contract.merkle.Rfc9162;
import io.tradenet.contract.party.DemoNetwork;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class SignedNoteTest {

    private final SigningKey ledger = TestNetworks.demo().key(DemoNetwork.LEDGER);

    @Test
    void c2spCheckpointHasOriginSizeAndBase64RootLinesThenASignatureLine() {
        Checkpoint checkpoint = new Checkpoint("tradenet.local/ledger", 3, Rfc9162.emptyRoot());
        String note = SignedNote.sign(checkpoint.body(), "tradenet.local/ledger", ledger);
        String[] lines = note.split("\n");
        assertThat(lines[0]).isEqualTo("tradenet.local/ledger");
        assertThat(lines[1]).isEqualTo("3");
        assertThat(lines[2]).isEqualTo("47DEQpj8HBSa+/TImW+5JCeuQeRkm5NMpJWZG3hSuFU=");
        assertThat(lines[3]).isEmpty();
        assertThat(lines[4]).startsWith("\u2014 tradenet.local/ledger ");
        assertThat(Checkpoint.parseBody(SignedNote.verify(note, "tradenet.local/ledger", ledger.publicKey()))).isEqualTo(checkpoint);
    }

    @Test
    void anAlteredCheckpointOrAnotherKeyDoesNotVerify() {
        String note = SignedNote.sign(new Checkpoint("o", 5, Rfc9162.emptyRoot()).body(), "o", ledger);
        assertThatThrownBy(() -> SignedNote.verify(note.replace("\n5\n", "\n6\n"), "o", ledger.publicKey()))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("does not verify");
        SigningKey other = TestNetworks.demo().key(DemoNetwork.NOTARY);
        assertThatThrownBy(() -> SignedNote.verify(note, "o", other.publicKey()))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("no signature by");
    }

    @Test
    void aNoteWithoutSignatureLinesIsRefusedAsMalformedNotCrashed() {
        String body = new Checkpoint("o", 5, Rfc9162.emptyRoot()).body();
        assertThatThrownBy(() -> SignedNote.verify(body + "\n", "o", ledger.publicKey()))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("no signature lines");
        assertThatThrownBy(() -> SignedNote.verify(body, "o", ledger.publicKey()))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("not a signed note");
    }
}
