package io.tradenet.contract.notary;

import com.fasterxml.jackson.annotation.JsonSubTypes;
import org.junit.jupiter.api.Test;

import java.util.Arrays;

import static org.assertj.core.api.Assertions.assertThat;

class NotarisationOutcomeCodesTest {

    @Test
    void theCodesMetricsRegisterAreExactlyTheWireNamesOfTheSixOutcomes() {
        String[] wireNames = Arrays.stream(NotarisationOutcome.class.getAnnotation(JsonSubTypes.class).value())
                .map(JsonSubTypes.Type::name).toArray(String[]::new);
        assertThat(NotarisationOutcome.codes()).containsExactly(wireNames).hasSize(6);
    }
}
