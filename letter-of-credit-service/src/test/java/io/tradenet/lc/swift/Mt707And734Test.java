package io.tradenet.lc.swift;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.tradenet.contract.json.Json;
import io.tradenet.contract.trade.Amendment;
import io.tradenet.contract.trade.CreditTerms;
import io.tradenet.contract.trade.Discrepancy;
import io.tradenet.lc.credit.CreditValidation;
import io.tradenet.testkit.TestNetwork;
import org.junit.jupiter.api.Test;

import java.time.LocalDate;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

/** MT707 (amendment) in and MT734 (advice of refusal) out, through Prowide Core. */
class Mt707And734Test {

    @Test
    void theSampleMt707AmendsLc26sh000117() {
        Amendment a = Mt707.read(Mt700Test.sample("amend-1-lc-machinery.mt707.txt"), "LC26SH000117", "EUR");
        assertThat(a.number()).isEqualTo(1);                                       // 26E
        assertThat(a.expiryDate()).isEqualTo(LocalDate.of(2027, 2, 15));            // 31D
        assertThat(a.expiryPlace()).isEqualTo("HAMBURG");
        assertThat(a.increase()).isEqualTo("125000.00");                            // 32B
        assertThat(a.latestShipmentDate()).isEqualTo(LocalDate.of(2027, 1, 15));    // 44C
        assertThat(a.goodsAdded()).containsExactly("1 SET SPARE PARTS KIT FOR MODEL NM-5X EUR 125000"); // 45B /ADD/
        CreditTerms amended = a.applyTo(Mt700.read(Mt700Test.sample("lc-machinery-cif-shanghai.mt700.txt"), TestNetwork.registry()));
        assertThat(amended.amount()).isEqualTo("1375000.00");
        assertThat(CreditValidation.validate(amended, TestNetwork.registry())).isEmpty();
    }

    @Test
    void anMt707ForAnotherCreditOrInAnotherCurrencyIsRefusedNamingTheField() {
        String fin = Mt700Test.sample("amend-1-lc-machinery.mt707.txt");
        Mt700.Mt700Exception other = catchThrowableOfType(Mt700.Mt700Exception.class, () -> Mt707.read(fin, "LC99", "EUR"));
        assertThat(other.errors()).extracting(CreditValidation.FieldError::field).containsExactly("23");
        Mt700.Mt700Exception usd = catchThrowableOfType(Mt700.Mt700Exception.class, () -> Mt707.read(fin, "LC26SH000117", "USD"));
        assertThat(usd.errors()).extracting(CreditValidation.FieldError::field).containsExactly("32B");
        Mt700.Mt700Exception unknown = catchThrowableOfType(Mt700.Mt700Exception.class,
                () -> Mt707.read(fin.replace("/ADD/", "/CHANGE/"), "LC26SH000117", "EUR"));
        assertThat(unknown.errors()).extracting(CreditValidation.FieldError::field).containsExactly("45B");
    }

    private static String withField(String fin, String field) {
        return fin.replace(":45B:", field + "\r\n:45B:");
    }

    @Test
    void anMt707DeletesAndAddsItemsOrReplacesAFieldWholeWithRepall() {
        String fin = Mt700Test.sample("amend-1-lc-machinery.mt707.txt");
        CreditTerms credit = Mt700.read(Mt700Test.sample("lc-machinery-cif-shanghai.mt700.txt"), TestNetwork.registry());
        String certificate = credit.documentsRequired().stream().filter(d -> d.contains("CERTIFICATE OF ORIGIN")).findFirst().orElseThrow();
        Amendment swap = Mt707.read(withField(fin, ":46B:/DELETE/\r\n+" + certificate + "\r\n/ADD/\r\n+INSPECTION CERTIFICATE ISSUED BY SGS"),
                "LC26SH000117", "EUR");
        assertThat(swap.documentsDeleted()).containsExactly(certificate);
        assertThat(swap.documentsAdded()).containsExactly("INSPECTION CERTIFICATE ISSUED BY SGS");
        List<String> documents = swap.applyTo(credit).documentsRequired();
        assertThat(documents).doesNotContain(certificate).contains("INSPECTION CERTIFICATE ISSUED BY SGS").hasSize(credit.documentsRequired().size());

        Amendment replaced = Mt707.read(withField(fin, ":47B:/REPALL/\r\n+ALL DOCUMENTS IN ENGLISH\r\n+THIRD PARTY DOCUMENTS ACCEPTABLE"),
                "LC26SH000117", "EUR");
        assertThat(replaced.applyTo(credit).additionalConditions()).containsExactly("ALL DOCUMENTS IN ENGLISH", "THIRD PARTY DOCUMENTS ACCEPTABLE");
    }

    @Test
    void anMt707ThatMixesRepallWithOtherCodesOrDeletesWhatTheCreditDoesNotHoldIsRefusedNamingTheField() {
        String fin = Mt700Test.sample("amend-1-lc-machinery.mt707.txt");
        Mt700.Mt700Exception mixed = catchThrowableOfType(Mt700.Mt700Exception.class,
                () -> Mt707.read(withField(fin, ":47B:/REPALL/\r\n+ALL DOCUMENTS IN ENGLISH\r\n/ADD/\r\n+ONE MORE"), "LC26SH000117", "EUR"));
        assertThat(mixed.errors()).extracting(CreditValidation.FieldError::field).containsExactly("47B");
        Mt700.Mt700Exception noCode = catchThrowableOfType(Mt700.Mt700Exception.class,
                () -> Mt707.read(withField(fin, ":46B:+PACKING LIST IN 3 COPIES"), "LC26SH000117", "EUR"));
        assertThat(noCode.errors()).extracting(CreditValidation.FieldError::field).containsExactly("46B");
        CreditTerms credit = Mt700.read(Mt700Test.sample("lc-machinery-cif-shanghai.mt700.txt"), TestNetwork.registry());
        Amendment absent = Mt707.read(withField(fin, ":46B:/DELETE/\r\n+WEIGHT CERTIFICATE"), "LC26SH000117", "EUR");
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> absent.applyTo(credit))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("46B").hasMessageContaining("WEIGHT CERTIFICATE");
    }

    @Test
    void art16_theRefusalNoticeAsMt734ListsEveryDiscrepancyWithItsArticleAndTheDisposal() {
        CreditTerms terms = Mt700.read(Mt700Test.sample("lc-machinery-cif-shanghai.mt700.txt"), TestNetwork.registry());
        ObjectNode presentation = Json.mapper().createObjectNode().put("id", "P1").put("amount", "1400000.00").put("presentedOn", "2026-12-20")
                .put("refusedOn", "2026-12-22").put("status", "REFUSED").put("disposal", "HOLDING DOCUMENTS UNTIL WAIVER");
        presentation.set("discrepancies", Json.tree(List.of(new Discrepancy("30", "32B", "amount 1400000.00 exceeds the credit amount"),
                new Discrepancy("14(c)", "48", "presented more than 21 days after shipment"))));
        String fin = Mt734.write(terms, presentation, TestNetwork.registry());
        assertThat(fin).contains("{2:I734").contains(":20:LC26SH000117").contains(":21:P1").contains(":32A:261222EUR1400000,00")
                .contains("UCP 600 ART. 30").contains("UCP 600 ART. 14(C)").contains(":77B:/NOTIFY/");
        assertThat(com.prowidesoftware.swift.model.mt.mt7xx.MT734.parse(fin).getField77J()).isNotNull();
    }
}
