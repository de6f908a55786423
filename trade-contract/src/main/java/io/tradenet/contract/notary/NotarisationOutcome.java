package io.tradenet.contract.notary;

import com.fasterxml.jackson.annotation.JsonIgnore;
import com.fasterxml.jackson.annotation.JsonSubTypes;
import com.fasterxml.jackson.annotation.JsonTypeInfo;
import io.tradenet.contract.tx.TimeWindow;

import java.time.Instant;
import java.util.List;

/**
 * The notary's answer. Exactly one of six: {@link Success} carries the notary's signature; the four
 * permanent rejections say why; {@link General} is temporary and says when to retry. On the wire the
 * {@code outcome} property names the variant.
 */
@JsonTypeInfo(use = JsonTypeInfo.Id.NAME, property = "outcome")
@JsonSubTypes({
        @JsonSubTypes.Type(value = NotarisationOutcome.Success.class, name = "SUCCESS"),
        @JsonSubTypes.Type(value = NotarisationOutcome.Conflict.class, name = "CONFLICT"),
        @JsonSubTypes.Type(value = NotarisationOutcome.TimeWindowInvalid.class, name = "TIME_WINDOW_INVALID"),
        @JsonSubTypes.Type(value = NotarisationOutcome.TransactionInvalid.class, name = "TRANSACTION_INVALID"),
        @JsonSubTypes.Type(value = NotarisationOutcome.RequestSignatureInvalid.class, name = "REQUEST_SIGNATURE_INVALID"),
        @JsonSubTypes.Type(value = NotarisationOutcome.General.class, name = "GENERAL")
})
public sealed interface NotarisationOutcome {

    String txId();

    /** A permanent answer is final for this transaction id: the notary will give it again on every retry. */
    @JsonIgnore
    default boolean permanent() {
        return !(this instanceof General);
    }

    /** The wire name of the variant, as in the {@code outcome} property. */
    @JsonIgnore
    default String code() {
        return getClass().getAnnotation(Code.class).value();
    }

    /** Every variant's wire name, in declaration order (metrics register one series per outcome up front). */
    static List<String> codes() {
        return java.util.Arrays.stream(NotarisationOutcome.class.getPermittedSubclasses())
                .map(variant -> variant.getAnnotation(Code.class).value()).toList();
    }

    @java.lang.annotation.Retention(java.lang.annotation.RetentionPolicy.RUNTIME)
    @interface Code {
        String value();
    }

    @Code("SUCCESS")
    record Success(String txId, NotarySignature signature) implements NotarisationOutcome {
    }

    @Code("CONFLICT")
    record Conflict(String txId, List<StateConflict> conflicts) implements NotarisationOutcome {
        public Conflict {
            conflicts = List.copyOf(conflicts);
        }
    }

    @Code("TIME_WINDOW_INVALID")
    record TimeWindowInvalid(String txId, TimeWindow timeWindow, Instant notaryTime) implements NotarisationOutcome {
    }

    @Code("TRANSACTION_INVALID")
    record TransactionInvalid(String txId, String reason) implements NotarisationOutcome {
    }

    @Code("REQUEST_SIGNATURE_INVALID")
    record RequestSignatureInvalid(String txId, String reason) implements NotarisationOutcome {
    }

    /** Temporary: nothing was committed; retry the same request after {@code retryAfterMillis}. */
    @Code("GENERAL")
    record General(String txId, String reason, long retryAfterMillis) implements NotarisationOutcome {
    }
}
