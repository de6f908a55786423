package io.tradenet.contract.tx;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;
import io.tradenet.contract.crypto.Hashing;

/**
 * Identifies a state: the id of the transaction that created it and its output index.
 * On the wire it is the string {@code <64 hex digits of the transaction id>:<index>}.
 */
public record StateRef(String txId, int index) implements Comparable<StateRef> {

    public static final int MAX_INDEX = 9_999;

    public StateRef {
        if (!Hashing.isSha256Hex(txId)) {
            throw new IllegalArgumentException("a state reference names a 64-hex-digit transaction id");
        }
        if (index < 0 || index > MAX_INDEX) {
            throw new IllegalArgumentException("output index out of range: " + index);
        }
    }

    @JsonCreator
    public static StateRef parse(String text) {
        if (text == null) {
            throw new IllegalArgumentException("missing state reference");
        }
        int colon = text.indexOf(':');
        if (colon != 64 || text.length() > 64 + 1 + 4) {
            throw new IllegalArgumentException("a state reference is <txid>:<index>, got " + abbreviate(text));
        }
        int index;
        try {
            index = Integer.parseInt(text.substring(colon + 1));
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("a state reference is <txid>:<index>, got " + abbreviate(text));
        }
        if (!text.substring(colon + 1).equals(Integer.toString(index))) {
            throw new IllegalArgumentException("non-canonical output index in " + abbreviate(text));
        }
        return new StateRef(text.substring(0, colon), index);
    }

    @JsonValue
    @Override
    public String toString() {
        return txId + ":" + index;
    }

    @Override
    public int compareTo(StateRef other) {
        int c = txId.compareTo(other.txId);
        return c != 0 ? c : Integer.compare(index, other.index);
    }

    private static String abbreviate(String text) {
        return text.length() > 80 ? text.substring(0, 80) + "..." : text;
    }
}
