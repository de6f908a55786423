package io.tradenet.contract.checkpoint;

import io.tradenet.contract.crypto.Hashing;
import io.tradenet.contract.merkle.Rfc9162;

import java.util.Arrays;
import java.util.Objects;

/**
 * The body of a C2SP tlog-checkpoint: origin line, tree size in decimal, base64 root hash, each ending
 * with a newline. Signed as a C2SP signed note by {@link SignedNote}.
 */
public record Checkpoint(String origin, long size, byte[] rootHash) {

    public Checkpoint {
        Objects.requireNonNull(origin, "origin");
        if (origin.isEmpty() || origin.contains("\n")) {
            throw new IllegalArgumentException("origin must be one non-empty line");
        }
        if (size < 0) {
            throw new IllegalArgumentException("negative tree size");
        }
        if (rootHash == null || rootHash.length != Rfc9162.HASH_BYTES) {
            throw new IllegalArgumentException("root hash must be 32 bytes");
        }
        rootHash = rootHash.clone();
    }

    public String body() {
        return origin + "\n" + size + "\n" + Hashing.b64(rootHash) + "\n";
    }

    public String rootB64() {
        return Hashing.b64(rootHash);
    }

    /** Parses a checkpoint body (the text before the signatures' blank line). */
    public static Checkpoint parseBody(String body) {
        if (!body.endsWith("\n")) {
            throw new IllegalArgumentException("checkpoint body must end with a newline");
        }
        String[] lines = body.substring(0, body.length() - 1).split("\n", -1);
        if (lines.length < 3) {
            throw new IllegalArgumentException("checkpoint body needs origin, size and root lines");
        }
        long size;
        try {
            size = Long.parseLong(lines[1]);
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("checkpoint size is not a decimal number: " + lines[1]);
        }
        if (!lines[1].equals(Long.toString(size))) {
            throw new IllegalArgumentException("checkpoint size is not in canonical decimal form");
        }
        return new Checkpoint(lines[0], size, Hashing.fromB64(lines[2]));
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof Checkpoint c && c.origin.equals(origin) && c.size == size && Arrays.equals(c.rootHash, rootHash);
    }

    @Override
    public int hashCode() {
        return Objects.hash(origin, size, Arrays.hashCode(rootHash));
    }

    @Override
    public String toString() {
        return "Checkpoint[" + origin + ", " + size + ", " + rootB64() + "]";
    }
}
