package io.tradenet.contract.merkle;

import io.tradenet.contract.crypto.Hashing;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class MerkleProofsTest {

    private static InMemoryMerkleTree tree(int size) {
        InMemoryMerkleTree tree = new InMemoryMerkleTree();
        for (int i = 0; i < size; i++) {
            tree.appendLeafHash(Rfc9162.leafHash(("leaf-" + i).getBytes(StandardCharsets.UTF_8)));
        }
        return tree;
    }

    /** RFC 9162 section 2.1.1, written as the recursive definition, to check the stored-node version against. */
    private static byte[] mth(List<byte[]> leaves) {
        if (leaves.isEmpty()) {
            return Rfc9162.emptyRoot();
        }
        if (leaves.size() == 1) {
            return leaves.get(0);
        }
        int k = (int) Rfc9162.splitPoint(leaves.size());
        return Rfc9162.nodeHash(mth(leaves.subList(0, k)), mth(leaves.subList(k, leaves.size())));
    }

    @Test
    void rootOfEveryPrefixEqualsTheRecursiveDefinitionOfRfc9162() {
        InMemoryMerkleTree tree = tree(70);
        List<byte[]> leaves = new ArrayList<>();
        for (int i = 0; i < 70; i++) {
            leaves.add(tree.node(0, i));
        }
        for (int size = 0; size <= 70; size++) {
            assertThat(tree.root(size)).as("size " + size).isEqualTo(mth(leaves.subList(0, size)));
        }
    }

    @Test
    void emptyTreeRootIsSha256OfNothing() {
        assertThat(Hashing.hex(new InMemoryMerkleTree().root()))
                .isEqualTo("e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855");
    }

    @Property(tries = 200)
    void everyInclusionProofVerifiesAgainstTheRootOfItsTreeSize(@ForAll @IntRange(min = 1, max = 300) int size,
                                                                @ForAll @IntRange(min = 0, max = 299) int index) {
        int leaf = index % size;
        InMemoryMerkleTree tree = tree(size);
        Rfc9162.verifyInclusion(leaf, size, tree.node(0, leaf), tree.inclusionProof(leaf, size), tree.root(size));
    }

    @Property(tries = 200)
    void everyConsistencyProofVerifiesBetweenTwoTreeSizes(@ForAll @IntRange(min = 0, max = 300) int a,
                                                          @ForAll @IntRange(min = 0, max = 300) int b) {
        int size1 = Math.min(a, b);
        int size2 = Math.max(a, b);
        InMemoryMerkleTree tree = tree(Math.max(size2, 1));
        Rfc9162.verifyConsistency(size1, size2, tree.root(size1), tree.root(size2), tree.consistencyProof(size1, size2));
    }

    @Test
    void anInclusionProofForAnotherLeafIsRejected() {
        InMemoryMerkleTree tree = tree(13);
        assertThatThrownBy(() -> Rfc9162.verifyInclusion(4, 13, tree.node(0, 5), tree.inclusionProof(4, 13), tree.root()))
                .isInstanceOf(ProofException.class);
    }

    @Test
    void aConsistencyProofAgainstARewrittenHistoryIsRejected() {
        InMemoryMerkleTree honest = tree(20);
        InMemoryMerkleTree rewritten = new InMemoryMerkleTree();
        for (int i = 0; i < 20; i++) {
            rewritten.appendLeafHash(Rfc9162.leafHash(((i == 3 ? "forged-" : "leaf-") + i).getBytes(StandardCharsets.UTF_8)));
        }
        assertThatThrownBy(() -> Rfc9162.verifyConsistency(10, 20, honest.root(10), rewritten.root(20),
                rewritten.consistencyProof(10, 20))).isInstanceOf(ProofException.class);
    }
}
