package io.tradenet.contract.merkle;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * The right edge of an append-only RFC 9162 tree: one hash per complete subtree (one per set bit of
 * the size). Enough to append in O(1) amortised and to compute the root, in O(log n) memory, without
 * keeping the leaves. Each append reports the complete-subtree nodes it created, so a store can keep
 * them for proofs.
 */
public final class MerkleFrontier {

    /** A newly completed node: the root of the perfect subtree {@code index} at {@code level}. */
    public record Node(int level, long index, byte[] hash) {
    }

    private final List<byte[]> levels = new ArrayList<>();
    private long size;

    public MerkleFrontier() {
    }

    /** Restores a frontier from the perfect subtree roots of a tree of the given size, largest first. */
    public static MerkleFrontier restore(long size, HashSource source) {
        MerkleFrontier frontier = new MerkleFrontier();
        frontier.size = size;
        long offset = 0;
        for (int level = 63; level >= 0; level--) {
            if (((size >>> level) & 1) == 1) {
                frontier.set(level, source.node(level, offset >>> level));
                offset += 1L << level;
            }
        }
        return frontier;
    }

    public long size() {
        return size;
    }

    /** Appends a leaf hash; returns the nodes completed by it, the leaf itself (level 0) first. */
    public List<Node> append(byte[] leafHash) {
        List<Node> created = new ArrayList<>(2);
        long index = size;
        created.add(new Node(0, index, leafHash));
        byte[] carry = leafHash;
        int level = 0;
        while (((size >>> level) & 1) == 1) {
            carry = Rfc9162.nodeHash(levels.get(level), carry);
            levels.set(level, null);
            level++;
            created.add(new Node(level, index >>> level, carry));
        }
        set(level, carry);
        size++;
        return created;
    }

    public byte[] root() {
        if (size == 0) {
            return Rfc9162.emptyRoot();
        }
        byte[] acc = null;
        for (byte[] hash : levels) {
            if (hash != null) {
                acc = acc == null ? hash : Rfc9162.nodeHash(hash, acc);
            }
        }
        return acc;
    }

    public MerkleFrontier copy() {
        MerkleFrontier copy = new MerkleFrontier();
        copy.size = size;
        for (byte[] hash : levels) {
            copy.levels.add(hash == null ? null : Arrays.copyOf(hash, hash.length));
        }
        return copy;
    }

    private void set(int level, byte[] hash) {
        while (levels.size() <= level) {
            levels.add(null);
        }
        levels.set(level, hash);
    }
}
