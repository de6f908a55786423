package io.tradenet.contract.merkle;

/**
 * Where a tree's hashes come from. {@code node(level, index)} is the root of the perfect subtree
 * covering leaves [index * 2^level, (index + 1) * 2^level); level 0 is the leaf hashes. Only nodes of
 * complete subtrees are ever asked for, so an append-only store can keep them immutable.
 */
@FunctionalInterface
public interface HashSource {
    byte[] node(int level, long index);
}
