package io.tradenet.contract.notary;

import java.util.List;
import java.util.Objects;

/**
 * The payload of a {@code NotarisationRequests} envelope: one or more requests, each with an id the
 * answer will carry. A requester under load batches its requests so that one envelope signature
 * covers many; each request still carries its own requester's signed instruction.
 */
public record RequestBatch(List<Item> requests) {

    public static final int MAX_REQUESTS = 500;

    public RequestBatch {
        requests = List.copyOf(Objects.requireNonNull(requests, "requests"));
        if (requests.isEmpty() || requests.size() > MAX_REQUESTS) {
            throw new IllegalArgumentException("a request batch holds 1 to " + MAX_REQUESTS + " requests");
        }
    }

    /** One request and the id its answer is correlated by. */
    public record Item(String id, NotarisationRequest request) {
        public Item {
            Objects.requireNonNull(id, "id");
            Objects.requireNonNull(request, "request");
        }
    }

    public static RequestBatch of(String id, NotarisationRequest request) {
        return new RequestBatch(List.of(new Item(id, request)));
    }
}
