package io.tradenet.lc.swift;

import io.tradenet.contract.party.DemoNetwork;
import io.tradenet.contract.party.PartyRegistry;
import io.tradenet.contract.trade.CreditTerms;
import io.tradenet.lc.credit.CreditValidation;
import io.tradenet.testkit.TestNetwork;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

/** MT700 import and export through Prowide Core, on the sample messages of ../shared/testdata/mt700 (copied into test resources). */
public class Mt700Test {

    private static final PartyRegistry REGISTRY = TestNetwork.registry();

    public static String sample(String name) {
        try (InputStream in = Mt700Test.class.getResourceAsStream("/mt700/" + name)) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    @Test
    void theMachineryCreditMapsEveryFieldToItsTerm() {
        CreditTerms t = Mt700.read(sample("lc-machinery-cif-shanghai.mt700.txt"), REGISTRY);
        assertThat(t.reference()).isEqualTo("LC26SH000117");                       // 20
        assertThat(t.formOfCredit()).isEqualTo("IRREVOCABLE");                     // 40A
        assertThat(t.issueDate()).isEqualTo(LocalDate.of(2026, 10, 15));          // 31C
        assertThat(t.expiryDate()).isEqualTo(LocalDate.of(2027, 1, 15));          // 31D
        assertThat(t.expiryPlace()).isEqualTo("HAMBURG");
        assertThat(t.applicant()).isEqualTo(DemoNetwork.APPLICANT);                // 50, by legal name
        assertThat(t.beneficiary()).isEqualTo(DemoNetwork.BENEFICIARY);            // 59, account line skipped
        assertThat(t.issuingBank()).isEqualTo(DemoNetwork.ISSUING_BANK);           // sender BIC
        assertThat(t.advisingBank()).isEqualTo(DemoNetwork.ADVISING_BANK);         // receiver BIC
        assertThat(t.currency()).isEqualTo("EUR");                                 // 32B
        assertThat(t.amount()).isEqualTo("1250000.00");
        assertThat(t.tolerancePlus()).isEqualTo(5);                                // 39A
        assertThat(t.toleranceMinus()).isEqualTo(5);
        assertThat(t.availableWith()).isEqualTo("TFBKDEHHXXX");                    // 41A
        assertThat(t.availableBy()).isEqualTo("BY NEGOTIATION");
        assertThat(t.draftsAt()).isEqualTo("AT SIGHT");                            // 42C
        assertThat(t.drawee()).isEqualTo(DemoNetwork.ISSUING_BANK);                // 42A
        assertThat(t.partialShipments()).isEqualTo("ALLOWED");                     // 43P
        assertThat(t.transhipment()).isEqualTo("NOT ALLOWED");                     // 43T
        assertThat(t.portOfLoading()).isEqualTo("HAMBURG, GERMANY");               // 44E
        assertThat(t.portOfDischarge()).isEqualTo("SHANGHAI, CHINA");              // 44F
        assertThat(t.latestShipmentDate()).isEqualTo(LocalDate.of(2026, 12, 15));  // 44C
        assertThat(t.goods()).isEqualTo("2 UNITS CNC MILLING CENTRE MODEL NM-5X, UNIT PRICE EUR 625000\nCIF SHANGHAI INCOTERMS 2020");
        assertThat(t.documentsRequired()).hasSize(5).contains(
                "FULL SET CLEAN ON BOARD OCEAN BILLS OF LADING MADE OUT TO ORDER OF TFBKCNSHXXX MARKED FREIGHT PREPAID NOTIFY APPLICANT");
        assertThat(t.additionalConditions()).containsExactly("ALL DOCUMENTS MUST BEAR THIS CREDIT NUMBER");
        assertThat(t.charges()).isEqualTo("ALL BANKING CHARGES OUTSIDE CHINA ARE FOR BENEFICIARY'S ACCOUNT");
        assertThat(t.presentationPeriodDays()).isEqualTo(21);                     // 48
        assertThat(t.confirmationInstructions()).isEqualTo("CONFIRM");             // 49
        assertThat(t.requestedConfirmationParty()).isEqualTo(DemoNetwork.ADVISING_BANK); // 58A
        assertThat(t.instructionsToBank()).isEqualTo("ON RECEIPT OF COMPLYING DOCUMENTS WE SHALL REIMBURSE AS PER YOUR INSTRUCTIONS");
        assertThat(CreditValidation.validate(t, REGISTRY)).isEmpty();
    }

    @Test
    void anyBankAvailabilityAndAboutQuantityAndDeferredPaymentAreRead() {
        CreditTerms coffee = Mt700.read(sample("lc-coffee-fob-haiphong.mt700.txt"), REGISTRY);
        assertThat(coffee.availableWith()).isEqualTo("ANY BANK IN VIETNAM");          // 41D
        assertThat(coffee.availableBy()).isEqualTo("BY PAYMENT");
        assertThat(coffee.partialShipments()).isEqualTo("NOT ALLOWED");
        assertThat(coffee.goods()).startsWith("ABOUT 200 METRIC TONS");
        assertThat(coffee.tolerancePlus()).isNull();
        assertThat(coffee.presentationPeriodDays()).isEqualTo(15);
        CreditTerms solar = Mt700.read(sample("lc-solar-deferred-ningbo.mt700.txt"), REGISTRY);
        assertThat(solar.availableBy()).isEqualTo("BY DEF PAYMENT");
        assertThat(solar.deferredPaymentDetails()).isEqualTo("90 DAYS AFTER BILL OF LADING DATE"); // 42P
        assertThat(solar.placeOfReceipt()).isEqualTo("NINGBO FACTORY WAREHOUSE");                   // 44A
        assertThat(solar.finalDestination()).isEqualTo("SAO PAULO, BRAZIL");                        // 44B
        assertThat(List.of(coffee, solar)).allSatisfy(t -> assertThat(CreditValidation.validate(t, REGISTRY)).isEmpty());
    }

    @ParameterizedTest
    @ValueSource(strings = {"lc-machinery-cif-shanghai.mt700.txt", "lc-coffee-fob-haiphong.mt700.txt", "lc-solar-deferred-ningbo.mt700.txt"})
    void importExportAndReimportGiveTheSameCredit(String file) {
        CreditTerms imported = Mt700.read(sample(file), REGISTRY);
        String exported = Mt700.write(imported, REGISTRY);
        assertThat(exported).startsWith("{1:F01").contains("{2:I700");
        assertThat(Mt700.read(exported, REGISTRY)).isEqualTo(imported);
        assertThat(Mt700.write(Mt700.read(exported, REGISTRY), REGISTRY)).isEqualTo(exported);
    }

    @Test
    void aMissingMandatoryField32BIsNamed() {
        Mt700.Mt700Exception e = catchThrowableOfType(Mt700.Mt700Exception.class,
                () -> Mt700.read(sample("bad-missing-mandatory-32B.mt700.txt"), REGISTRY));
        assertThat(e.errors()).extracting(CreditValidation.FieldError::field).containsExactly("32B");
    }

    @Test
    void anExpiryBeforeTheIssueDateParsesButFailsValidationOn31DAnd44C() {
        CreditTerms t = Mt700.read(sample("bad-expiry-before-issue.mt700.txt"), REGISTRY);
        assertThat(CreditValidation.validate(t, REGISTRY)).extracting(CreditValidation.FieldError::field).contains("31D", "44C");
    }

    @Test
    void garbageIsRefusedNamingTheFieldsNeverACrash() {
        Mt700.Mt700Exception e = catchThrowableOfType(Mt700.Mt700Exception.class, () -> Mt700.read(sample("bad-garbage.mt700.txt"), REGISTRY));
        assertThat(e).isNotNull();
        assertThat(e.errors()).isNotEmpty();
    }

    @Test
    void anImpossibleDateIsRefusedNotAdjusted() {
        String feb31 = sample("lc-machinery-cif-shanghai.mt700.txt").replace(":31C:261015", ":31C:260231");
        Mt700.Mt700Exception e = catchThrowableOfType(Mt700.Mt700Exception.class, () -> Mt700.read(feb31, REGISTRY));
        assertThat(e.errors()).extracting(CreditValidation.FieldError::field).containsExactly("31C");
    }

    @Test
    void anotherMessageTypeIsRefused() {
        assertThatThrownBy(() -> Mt700.read(sample("amend-1-lc-machinery.mt707.txt"), REGISTRY))
                .isInstanceOf(Mt700.Mt700Exception.class).hasMessageContaining("not 700");
    }

    @Test
    void partiesOutsideTheRegistryAreNamedByField() {
        String unknown = sample("lc-machinery-cif-shanghai.mt700.txt").replace("SHANGHAI HUAXIN TRADING CO LTD", "UNKNOWN IMPORTS LTD")
                .replace("{2:I700TFBKDEHHXXXXN}", "{2:I700ZZZZDEHHXXXXN}");
        Mt700.Mt700Exception e = catchThrowableOfType(Mt700.Mt700Exception.class, () -> Mt700.read(unknown, REGISTRY));
        assertThat(e.errors()).extracting(CreditValidation.FieldError::field).contains("50", "receiver");
    }
}
