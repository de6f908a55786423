package io.tradenet.contract.notary;

import java.util.List;
import java.util.Objects;

/**
 * The payload of a {@code NotarisedTransactions} envelope: consecutive notarised transactions of one
 * commit (at most {@link #MAX_TRANSACTIONS}, so a record stays well under Kafka's 1 MiB), in sequence order.
 */
public record NotarisedBatch(List<NotarisedTransaction> transactions) {

    public static final int MAX_TRANSACTIONS = 200;

    public NotarisedBatch {
        transactions = List.copyOf(Objects.requireNonNull(transactions, "transactions"));
        if (transactions.isEmpty() || transactions.size() > MAX_TRANSACTIONS) {
            throw new IllegalArgumentException("a notarised batch holds 1 to " + MAX_TRANSACTIONS + " transactions");
        }
    }
}
