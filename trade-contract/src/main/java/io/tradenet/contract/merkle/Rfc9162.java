package io.tradenet.contract.merkle;

import io.tradenet.contract.crypto.Hashing;

import java.security.MessageDigest;
import java.util.Arrays;
import java.util.List;

/**
 * RFC 9162 (Certificate Transparency v2) Merkle tree hashing and proof verification.
 * Leaf hash = SHA-256(0x00 || data), interior node = SHA-256(0x01 || left || right),
 * the root of the empty tree = SHA-256 of nothing. The verification algorithms follow RFC 9162
 * sections 2.1.3.2 and 2.1.4.2 in the form of transparency-dev/merkle, whose test vectors they pass.
 */
public final class Rfc9162 {

    public static final int HASH_BYTES = 32;
    private static final byte LEAF_PREFIX = 0x00;
    private static final byte NODE_PREFIX = 0x01;

    private Rfc9162() {
    }

    public static byte[] emptyRoot() {
        return Hashing.sha256(new byte[0]);
    }

    public static byte[] leafHash(byte[] data) {
        MessageDigest digest = Hashing.sha256Digest();
        digest.update(LEAF_PREFIX);
        digest.update(data);
        return digest.digest();
    }

    public static byte[] nodeHash(byte[] left, byte[] right) {
        MessageDigest digest = Hashing.sha256Digest();
        digest.update(NODE_PREFIX);
        digest.update(left);
        digest.update(right);
        return digest.digest();
    }

    /** Largest power of two strictly smaller than n (n > 1), the split point of RFC 9162 section 2.1.1. */
    public static long splitPoint(long n) {
        if (n < 2) {
            throw new IllegalArgumentException("split of a tree of size " + n);
        }
        return Long.highestOneBit(n - 1);
    }

    /**
     * Checks that {@code leafHash} is the leaf at {@code index} of the tree of {@code size} with the given
     * root. Returns normally on success, throws {@link ProofException} naming the failure otherwise.
     */
    public static void verifyInclusion(long index, long size, byte[] leafHash, List<byte[]> proof, byte[] root) {
        byte[] calculated = rootFromInclusionProof(index, size, leafHash, proof);
        requireHash(root, "root");
        if (!MessageDigest.isEqual(calculated, root)) {
            throw new ProofException("inclusion proof does not lead to the root");
        }
    }

    public static byte[] rootFromInclusionProof(long index, long size, byte[] leafHash, List<byte[]> proof) {
        if (index < 0 || size < 0 || index >= size) {
            throw new ProofException("leaf index " + index + " is outside a tree of size " + size);
        }
        requireHash(leafHash, "leaf hash");
        List<byte[]> path = proof == null ? List.of() : proof;
        int inner = innerProofSize(index, size);
        int border = Long.bitCount(index >>> inner);
        if (path.size() != inner + border) {
            throw new ProofException("inclusion proof has " + path.size() + " hashes, expected " + (inner + border));
        }
        path.forEach(h -> requireHash(h, "proof hash"));
        byte[] result = chainInner(leafHash, path.subList(0, inner), index);
        return chainBorderRight(result, path.subList(inner, path.size()));
    }

    /** Checks that the tree of size2 with root2 is an append-only extension of the tree of size1 with root1. */
    public static void verifyConsistency(long size1, long size2, byte[] root1, byte[] root2, List<byte[]> proof) {
        List<byte[]> path = proof == null ? List.of() : proof;
        if (size1 < 0 || size2 < 0) {
            throw new ProofException("negative tree size");
        }
        if (size2 < size1) {
            throw new ProofException("size2 (" + size2 + ") is smaller than size1 (" + size1 + ")");
        }
        if (size1 == size2) {
            if (!path.isEmpty()) {
                throw new ProofException("the proof between equal sizes must be empty");
            }
            requireHash(root1, "root1");
            requireHash(root2, "root2");
            if (!MessageDigest.isEqual(root1, root2)) {
                throw new ProofException("different roots for the same tree size");
            }
            return;
        }
        if (size1 == 0) {
            if (!path.isEmpty()) {
                throw new ProofException("the proof from the empty tree must be empty");
            }
            return;
        }
        if (path.isEmpty()) {
            throw new ProofException("empty consistency proof");
        }
        requireHash(root1, "root1");
        requireHash(root2, "root2");
        path.forEach(h -> requireHash(h, "proof hash"));

        int inner = innerProofSize(size1 - 1, size2);
        int border = Long.bitCount((size1 - 1) >>> inner);
        int shift = Long.numberOfTrailingZeros(size1);
        inner -= shift;

        byte[] seed;
        int start;
        if (size1 == 1L << shift) {
            seed = root1;
            start = 0;
        } else {
            seed = path.get(0);
            start = 1;
        }
        if (path.size() != start + inner + border) {
            throw new ProofException("consistency proof has " + path.size() + " hashes, expected " + (start + inner + border));
        }
        List<byte[]> rest = path.subList(start, path.size());
        long mask = (size1 - 1) >>> shift;

        byte[] hash1 = chainInnerRight(seed, rest.subList(0, inner), mask);
        hash1 = chainBorderRight(hash1, rest.subList(inner, rest.size()));
        if (!MessageDigest.isEqual(hash1, root1)) {
            throw new ProofException("consistency proof does not lead to root1");
        }
        byte[] hash2 = chainInner(seed, rest.subList(0, inner), mask);
        hash2 = chainBorderRight(hash2, rest.subList(inner, rest.size()));
        if (!MessageDigest.isEqual(hash2, root2)) {
            throw new ProofException("consistency proof does not lead to root2");
        }
    }

    private static int innerProofSize(long index, long size) {
        return 64 - Long.numberOfLeadingZeros(index ^ (size - 1));
    }

    private static byte[] chainInner(byte[] seed, List<byte[]> proof, long index) {
        byte[] result = seed;
        for (int i = 0; i < proof.size(); i++) {
            result = ((index >>> i) & 1) == 0 ? nodeHash(result, proof.get(i)) : nodeHash(proof.get(i), result);
        }
        return result;
    }

    private static byte[] chainInnerRight(byte[] seed, List<byte[]> proof, long index) {
        byte[] result = seed;
        for (int i = 0; i < proof.size(); i++) {
            if (((index >>> i) & 1) == 1) {
                result = nodeHash(proof.get(i), result);
            }
        }
        return result;
    }

    private static byte[] chainBorderRight(byte[] seed, List<byte[]> proof) {
        byte[] result = seed;
        for (byte[] hash : proof) {
            result = nodeHash(hash, result);
        }
        return result;
    }

    private static void requireHash(byte[] hash, String what) {
        if (hash == null || hash.length != HASH_BYTES) {
            throw new ProofException(what + " is not a " + HASH_BYTES + "-byte hash");
        }
    }

    public static boolean equal(byte[] a, byte[] b) {
        return Arrays.equals(a, b);
    }
}
