package io.tradenet.contract.trade;

import org.junit.jupiter.api.Test;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** An amendment that could not come from a valid MT707 is refused when built, from JSON as from FIN. */
class AmendmentTest {

    private static Amendment documents(List<String> added, List<String> deleted, List<String> replaced) {
        return new Amendment(1, null, null, null, null, null, List.of(), added, List.of(), List.of(), deleted, List.of(), null, replaced, null);
    }

    @Test
    void mt707_aReplacementStandsAloneAndHoldsAtLeastOneItem() {
        assertThatThrownBy(() -> documents(List.of("PACKING LIST"), List.of(), List.of("INVOICE"))).hasMessageContaining("46B");
        assertThatThrownBy(() -> documents(List.of(), List.of("PACKING LIST"), List.of("INVOICE"))).hasMessageContaining("46B");
        assertThatThrownBy(() -> documents(List.of(), List.of(), List.of())).hasMessageContaining("46B");
    }

    @Test
    void mt707_anAmendmentItemIsNeverBlank() {
        assertThatThrownBy(() -> documents(List.of(" "), List.of(), null)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> documents(java.util.Arrays.asList("INVOICE", null), List.of(), null)).isInstanceOf(IllegalArgumentException.class);
    }
}
