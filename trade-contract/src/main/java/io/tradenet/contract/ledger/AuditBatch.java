package io.tradenet.contract.ledger;

import java.util.List;
import java.util.Objects;

/**
 * The payload of an {@code AuditEvents} envelope on the ledger-audit topic: consecutive audit events in
 * index order (at most {@link #MAX_EVENTS}), signed once by the ledger. Each event still carries the
 * checkpoint that includes it, so a subscriber verifies every entry with an inclusion proof.
 */
public record AuditBatch(List<AuditEvent> events) {

    public static final int MAX_EVENTS = 50;

    public AuditBatch {
        events = List.copyOf(Objects.requireNonNull(events, "events"));
        if (events.isEmpty() || events.size() > MAX_EVENTS) {
            throw new IllegalArgumentException("an audit batch holds 1 to " + MAX_EVENTS + " events");
        }
        for (int i = 1; i < events.size(); i++) {
            if (events.get(i).index() != events.get(i - 1).index() + 1) {
                throw new IllegalArgumentException("audit events of a batch are consecutive");
            }
        }
    }
}
