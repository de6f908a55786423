package io.tradenet.contract.ledger;

/**
 * What a verification found: {@code ok}, how many entries were checked, the root they lead to, and if
 * not ok the first failing index (or -1 when the failure is not an entry's, e.g. a bad checkpoint) and why.
 */
public record VerificationReport(boolean ok, long entriesChecked, String rootHash, long firstFailingIndex, String reason) {

    public static VerificationReport ok(long entries, String root) {
        return new VerificationReport(true, entries, root, -1, null);
    }

    public static VerificationReport failed(long entries, long index, String reason) {
        return new VerificationReport(false, entries, null, index, reason);
    }
}
