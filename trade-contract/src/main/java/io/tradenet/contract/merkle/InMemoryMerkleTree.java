package io.tradenet.contract.merkle;

import java.util.ArrayList;
import java.util.List;

/**
 * An append-only RFC 9162 tree held in memory: for a notary batch, a verifier's recomputation, or tests.
 * Keeps every complete-subtree node, so roots and proofs cost O(log n).
 */
public final class InMemoryMerkleTree implements HashSource {

    private final List<List<byte[]>> levels = new ArrayList<>();

    public InMemoryMerkleTree() {
        levels.add(new ArrayList<>());
    }

    public static InMemoryMerkleTree ofLeafHashes(List<byte[]> leafHashes) {
        InMemoryMerkleTree tree = new InMemoryMerkleTree();
        leafHashes.forEach(tree::appendLeafHash);
        return tree;
    }

    public void appendLeafHash(byte[] leafHash) {
        levels.get(0).add(leafHash);
        int level = 0;
        long index = levels.get(0).size() - 1;
        while ((index & 1) == 1) {
            List<byte[]> current = levels.get(level);
            byte[] parent = Rfc9162.nodeHash(current.get((int) index - 1), current.get((int) index));
            level++;
            if (levels.size() == level) {
                levels.add(new ArrayList<>());
            }
            levels.get(level).add(parent);
            index >>= 1;
        }
    }

    public long size() {
        return levels.get(0).size();
    }

    @Override
    public byte[] node(int level, long index) {
        return levels.get(level).get(Math.toIntExact(index));
    }

    public byte[] root() {
        return MerkleProofs.root(this, size());
    }

    public byte[] root(long size) {
        return MerkleProofs.root(this, size);
    }

    public List<byte[]> inclusionProof(long index, long size) {
        return MerkleProofs.inclusion(this, index, size);
    }

    public List<byte[]> consistencyProof(long size1, long size2) {
        return MerkleProofs.consistency(this, size1, size2);
    }
}
