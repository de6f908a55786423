package io.tradenet.contract.merkle;

import java.util.ArrayList;
import java.util.List;

/**
 * Builds RFC 9162 roots, inclusion proofs (section 2.1.3.1) and consistency proofs (section 2.1.4.1)
 * from a {@link HashSource} of complete-subtree nodes. Each proof reads O(log n) stored nodes: a range
 * that is not a complete subtree is folded from the at most log2(n) complete subtrees it consists of.
 */
public final class MerkleProofs {

    private MerkleProofs() {
    }

    /** Root hash of leaves [0, size). */
    public static byte[] root(HashSource source, long size) {
        return size == 0 ? Rfc9162.emptyRoot() : rangeHash(source, 0, size);
    }

    /** Inclusion proof for the leaf at {@code index} in the tree of {@code size}. */
    public static List<byte[]> inclusion(HashSource source, long index, long size) {
        if (index < 0 || index >= size) {
            throw new IllegalArgumentException("leaf " + index + " is not in a tree of size " + size);
        }
        List<byte[]> proof = new ArrayList<>();
        path(source, index, 0, size, proof);
        return proof;
    }

    /** Consistency proof between the trees of size1 and size2 (0 < size1 <= size2). */
    public static List<byte[]> consistency(HashSource source, long size1, long size2) {
        if (size1 < 0 || size2 < size1) {
            throw new IllegalArgumentException("no consistency proof from " + size1 + " to " + size2);
        }
        List<byte[]> proof = new ArrayList<>();
        if (size1 == 0 || size1 == size2) {
            return proof;
        }
        subproof(source, size1, 0, size2, true, proof);
        return proof;
    }

    /** MTH(D[start:end]) where start is aligned to the largest power of two not above end - start. */
    public static byte[] rangeHash(HashSource source, long start, long end) {
        long n = end - start;
        if (n <= 0) {
            throw new IllegalArgumentException("empty range");
        }
        if (Long.bitCount(n) == 1 && start % n == 0) {
            return source.node(Long.numberOfTrailingZeros(n), start / n);
        }
        long k = Rfc9162.splitPoint(n);
        return Rfc9162.nodeHash(rangeHash(source, start, start + k), rangeHash(source, start + k, end));
    }

    private static void path(HashSource source, long m, long start, long end, List<byte[]> out) {
        long n = end - start;
        if (n == 1) {
            return;
        }
        long k = Rfc9162.splitPoint(n);
        if (m < k) {
            path(source, m, start, start + k, out);
            out.add(rangeHash(source, start + k, end));
        } else {
            path(source, m - k, start + k, end, out);
            out.add(rangeHash(source, start, start + k));
        }
    }

    private static void subproof(HashSource source, long m, long start, long end, boolean complete, List<byte[]> out) {
        long n = end - start;
        if (m == n) {
            if (!complete) {
                out.add(rangeHash(source, start, end));
            }
            return;
        }
        long k = Rfc9162.splitPoint(n);
        if (m <= k) {
            subproof(source, m, start, start + k, complete, out);
            out.add(rangeHash(source, start + k, end));
        } else {
            subproof(source, m - k, start + k, end, false, out);
            out.add(rangeHash(source, start, start + k));
        }
    }
}
