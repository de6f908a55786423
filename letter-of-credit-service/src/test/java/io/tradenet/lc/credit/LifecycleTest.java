package io.tradenet.lc.credit;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.tradenet.contract.http.ProblemException;
import io.tradenet.contract.json.Json;
import io.tradenet.contract.party.DemoNetwork;
import io.tradenet.contract.trade.Actions;
import io.tradenet.contract.trade.Amendment;
import io.tradenet.contract.trade.CreditTerms;
import io.tradenet.contract.tx.Instruction;
import io.tradenet.contract.tx.TimeWindow;
import io.tradenet.deploy.demo.DemoCredits;
import io.tradenet.lc.examination.BankingCalendar;
import io.tradenet.lc.examination.Documents;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Set;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The credit's life after issue, rule by rule (UCP 600 art. 7 to 16, 31), as pure transitions. */
class LifecycleTest {

    private static final Lifecycle LIFE = new Lifecycle(new BankingCalendar(Set.of()));
    private static final CreditTerms T = DemoCredits.machinery("LC26SH000117");
    private static final LocalDate TODAY = T.issueDate();
    private static final String BANK = DemoNetwork.ISSUING_BANK;
    private static final String ADVISING = DemoNetwork.ADVISING_BANK;
    private static final String BENEFICIARY = DemoNetwork.BENEFICIARY;
    private static final String APPLICANT = DemoNetwork.APPLICANT;

    private static ObjectNode issued() {
        ObjectNode state = Json.mapper().createObjectNode();
        state.set("terms", Json.tree(T));
        state.put("status", "ISSUED");
        state.put("version", 1);
        return state;
    }

    private static Instruction instruction(String action, String signer, ObjectNode body) {
        body.put("reference", T.reference());
        return new Instruction(UUID.randomUUID().toString(), action, signer, DemoNetwork.NOTARY, List.of(), List.of(),
                TimeWindow.around(Instant.now(), Duration.ofMinutes(5)), body);
    }

    private static ObjectNode body() {
        return Json.mapper().createObjectNode();
    }

    private static ObjectNode act(ObjectNode state, String action, String signer, ObjectNode body) {
        return LIFE.apply(state, instruction(action, signer, body), null, TODAY);
    }

    private static Amendment moreMoneyLater() {
        return new Amendment(1, T.expiryDate().plusDays(30), null, "125000.00", null, T.latestShipmentDate().plusDays(30),
                List.of("1 SET SPARE PARTS KIT"), List.of(), List.of());
    }

    private static ObjectNode presented(ObjectNode state, String id, String amount, LocalDate shipped, LocalDate on) {
        ObjectNode b = body();
        ObjectNode p = b.putObject("presentation");
        p.put("id", id);
        p.put("amount", amount);
        p.set("documents", Json.tree(Documents.complying(T, amount, shipped)));
        return LIFE.apply(state, instruction(Actions.PRESENT_DOCUMENTS, BENEFICIARY, b), null, on);
    }

    @Test
    void art9_theAdvisingBankAdvisesAndNoOtherBankMay() {
        ObjectNode advised = act(issued(), Actions.ADVISE_CREDIT, ADVISING, body());
        assertThat(advised.path("status").asText()).isEqualTo("ADVISED");
        assertThat(advised.path("version").asInt()).isEqualTo(2);
        assertThatThrownBy(() -> act(issued(), Actions.ADVISE_CREDIT, "tfbk-beijing", body()))
                .isInstanceOfSatisfying(ProblemException.class, e -> assertThat(e.slug()).isEqualTo("not-your-credit"));
        assertThatThrownBy(() -> act(advised, Actions.ADVISE_CREDIT, ADVISING, body()))
                .isInstanceOfSatisfying(ProblemException.class, e -> assertThat(e.slug()).isEqualTo("wrong-state"));
    }

    @Test
    void art8_theAdvisingBankConfirmsWhenField49AsksAndBecomesAPartyToTheCredit() {
        ObjectNode confirmed = act(issued(), Actions.ADVISE_CREDIT, ADVISING, body().put("confirm", true));
        assertThat(confirmed.path("status").asText()).isEqualTo("CONFIRMED");
        assertThat(confirmed.path("confirmingBank").asText()).isEqualTo(ADVISING);
        assertThat(Lifecycle.participants(confirmed)).contains(ADVISING);
        ObjectNode without = issued();
        without.set("terms", Json.tree(new CreditTerms(T.reference(), T.formOfCredit(), T.issueDate(), T.applicableRules(), T.expiryDate(),
                T.expiryPlace(), T.applicant(), T.beneficiary(), T.issuingBank(), T.advisingBank(), T.currency(), T.amount(), 5, 5,
                T.availableWith(), T.availableBy(), T.draftsAt(), T.drawee(), null, T.partialShipments(), T.transhipment(), null,
                T.portOfLoading(), T.portOfDischarge(), null, T.latestShipmentDate(), T.goods(), T.documentsRequired(), List.of(), null, 21,
                "WITHOUT", null, null)));
        assertThatThrownBy(() -> act(without, Actions.ADVISE_CREDIT, ADVISING, body().put("confirm", true)))
                .isInstanceOfSatisfying(ProblemException.class, e -> assertThat(e.slug()).isEqualTo("confirmation-not-requested"));
    }

    @Test
    void art10_theOldTermsStandUntilTheBeneficiaryAcceptsTheAmendment() {
        ObjectNode amended = LIFE.apply(issued(), instruction(Actions.AMEND_CREDIT, BANK, body()), moreMoneyLater(), TODAY);
        assertThat(Json.bind(amended.get("terms"), CreditTerms.class)).isEqualTo(T);
        assertThat(amended.path("pendingAmendment").path("number").asInt()).isEqualTo(1);
        ObjectNode accepted = act(amended, Actions.ACCEPT_AMENDMENT, BENEFICIARY, body().put("amendment", 1));
        CreditTerms now = Json.bind(accepted.get("terms"), CreditTerms.class);
        assertThat(now.amount()).isEqualTo("1375000.00");
        assertThat(now.expiryDate()).isEqualTo(T.expiryDate().plusDays(30));
        assertThat(now.goods()).endsWith("\n1 SET SPARE PARTS KIT");
        assertThat(accepted.path("pendingAmendment").isNull()).isTrue();
    }

    @Test
    void art10c_aRejectedAmendmentLeavesTheTermsAsTheyWere() {
        ObjectNode amended = LIFE.apply(issued(), instruction(Actions.AMEND_CREDIT, BANK, body()), moreMoneyLater(), TODAY);
        ObjectNode rejected = act(amended, Actions.REJECT_AMENDMENT, BENEFICIARY, body().put("amendment", 1));
        assertThat(Json.bind(rejected.get("terms"), CreditTerms.class)).isEqualTo(T);
        assertThat(rejected.path("rejectedAmendments").get(0).asInt()).isEqualTo(1);
    }

    @Test
    void anAnsweredAmendmentKeepsItsTextWhetherAcceptedOrRejected() {
        ObjectNode amended = LIFE.apply(issued(), instruction(Actions.AMEND_CREDIT, BANK, body()), moreMoneyLater(), TODAY);
        JsonNode text = amended.get("pendingAmendment");
        ObjectNode accepted = act(amended, Actions.ACCEPT_AMENDMENT, BENEFICIARY, body().put("amendment", 1));
        ObjectNode rejected = act(amended, Actions.REJECT_AMENDMENT, BENEFICIARY, body().put("amendment", 1));
        assertThat(accepted.path("answeredAmendments")).containsExactly(text);
        assertThat(rejected.path("answeredAmendments")).containsExactly(text);
        assertThat(Json.bind(rejected.path("answeredAmendments").get(0), Amendment.class)).isEqualTo(moreMoneyLater());
    }

    @Test
    void art10e_partialAcceptanceIsRejection() {
        ObjectNode amended = LIFE.apply(issued(), instruction(Actions.AMEND_CREDIT, BANK, body()), moreMoneyLater(), TODAY);
        ObjectNode b = body().put("amendment", 1);
        b.putArray("acceptedChanges").add("expiryDate");
        ObjectNode partly = act(amended, Actions.ACCEPT_AMENDMENT, BENEFICIARY, b);
        assertThat(Json.bind(partly.get("terms"), CreditTerms.class)).isEqualTo(T);
        assertThat(partly.path("rejectedAmendments").get(0).asInt()).isEqualTo(1);
    }

    private static final Amendment INCREASE = new Amendment(1, null, null, "125000.00", null, null, List.of(), List.of(), List.of());

    /** Confirmed, amended by EUR 125,000, advised by the confirming bank with or without its confirmation, accepted, then drawn above the old amount. */
    private static ObjectNode drawnAboveTheConfirmedAmount(boolean extendConfirmation) {
        ObjectNode confirmed = act(issued(), Actions.ADVISE_CREDIT, ADVISING, body().put("confirm", true));
        ObjectNode amended = LIFE.apply(confirmed, instruction(Actions.AMEND_CREDIT, BANK, body()), INCREASE, TODAY);
        ObjectNode advised = act(amended, Actions.ADVISE_AMENDMENT, ADVISING, body().put("amendment", 1).put("extendConfirmation", extendConfirmation));
        assertThat(advised.path("amendmentAdvice").path("confirmationExtended").asBoolean()).isEqualTo(extendConfirmation);
        ObjectNode accepted = act(advised, Actions.ACCEPT_AMENDMENT, BENEFICIARY, body().put("amendment", 1));
        assertThat(Json.bind(accepted.get("terms"), CreditTerms.class).amount()).isEqualTo("1375000.00");
        LocalDate shipped = T.latestShipmentDate().minusDays(5);
        // above the confirmed EUR 1,250,000 + 5% (1,312,500), within the amended 1,375,000 + 5%
        ObjectNode presented = presented(accepted, "P1", "1350000.00", shipped, shipped.plusDays(1));
        assertThat(presented.path("presentations").get(0).path("status").asText()).isEqualTo("COMPLYING");
        return presented;
    }

    @Test
    void art10b_aConfirmingBankThatDoesNotExtendItsConfirmationToAnAmendmentIsBoundOnlyByTheTermsItConfirmed() {
        ObjectNode state = drawnAboveTheConfirmedAmount(false);
        assertThat(Json.bind(state.get("confirmedTerms"), CreditTerms.class)).isEqualTo(T);
        assertThat(state.path("unconfirmedAmendments").get(0).asInt()).isEqualTo(1);
        String before = state.toString();
        assertThatThrownBy(() -> act(state, Actions.HONOUR, ADVISING, body().put("presentation", "P1")))
                .isInstanceOfSatisfying(ProblemException.class, e -> {
                    assertThat(e.slug()).isEqualTo("confirmation-not-extended");
                    assertThat(e.getMessage()).contains("art. 10(b)").contains("1312500.00");
                });
        assertThat(state.toString()).as("a refused step changes nothing").isEqualTo(before);
        // the issuing bank is bound by the amendment from its issue (art. 10(b)) and honours
        ObjectNode honoured = act(state, Actions.HONOUR, BANK, body().put("presentation", "P1"));
        assertThat(honoured.path("presentations").get(0).path("status").asText()).isEqualTo("HONOURED");
    }

    @Test
    void art10b_anAmendmentAcceptedBeforeTheConfirmingBankAdvisedItDoesNotBindTheConfirmingBank() {
        ObjectNode confirmed = act(issued(), Actions.ADVISE_CREDIT, ADVISING, body().put("confirm", true));
        ObjectNode amended = LIFE.apply(confirmed, instruction(Actions.AMEND_CREDIT, BANK, body()), INCREASE, TODAY);
        ObjectNode accepted = act(amended, Actions.ACCEPT_AMENDMENT, BENEFICIARY, body().put("amendment", 1));
        assertThat(Json.bind(accepted.get("confirmedTerms"), CreditTerms.class)).isEqualTo(T);
        assertThat(accepted.path("unconfirmedAmendments").get(0).asInt()).isEqualTo(1);
    }

    @Test
    void art10b_aConfirmingBankThatExtendsItsConfirmationToAnAmendmentHonoursTheAmendedCredit() {
        ObjectNode state = drawnAboveTheConfirmedAmount(true);
        assertThat(state.has("confirmedTerms")).isFalse();
        ObjectNode honoured = act(state, Actions.HONOUR, ADVISING, body().put("presentation", "P1"));
        assertThat(honoured.path("presentations").get(0).path("status").asText()).isEqualTo("HONOURED");
        assertThat(honoured.path("drawn").asText()).isEqualTo("1350000.00");
    }

    @Test
    void art10b_onlyTheAdvisingBankAdvisesAnAmendmentOnceAndAConfirmingBankSaysWhetherItExtendsItsConfirmation() {
        ObjectNode confirmed = act(issued(), Actions.ADVISE_CREDIT, ADVISING, body().put("confirm", true));
        assertThatThrownBy(() -> act(confirmed, Actions.ADVISE_AMENDMENT, ADVISING, body().put("amendment", 1).put("extendConfirmation", true)))
                .isInstanceOfSatisfying(ProblemException.class, e -> assertThat(e.slug()).isEqualTo("no-pending-amendment"));
        ObjectNode amended = LIFE.apply(confirmed, instruction(Actions.AMEND_CREDIT, BANK, body()), INCREASE, TODAY);
        String before = amended.toString();
        assertThatThrownBy(() -> act(amended, Actions.ADVISE_AMENDMENT, BANK, body().put("amendment", 1).put("extendConfirmation", true)))
                .isInstanceOfSatisfying(ProblemException.class, e -> assertThat(e.slug()).isEqualTo("not-your-credit"));
        assertThatThrownBy(() -> act(amended, Actions.ADVISE_AMENDMENT, ADVISING, body().put("amendment", 1)))
                .isInstanceOfSatisfying(ProblemException.class, e -> assertThat(e.slug()).isEqualTo("invalid-instruction"));
        assertThatThrownBy(() -> act(amended, Actions.ADVISE_AMENDMENT, ADVISING, body().put("amendment", 2).put("extendConfirmation", true)))
                .isInstanceOfSatisfying(ProblemException.class, e -> assertThat(e.slug()).isEqualTo("invalid-instruction"));
        assertThat(amended.toString()).as("refused steps change nothing").isEqualTo(before);
        ObjectNode advised = act(amended, Actions.ADVISE_AMENDMENT, ADVISING, body().put("amendment", 1).put("extendConfirmation", false));
        assertThatThrownBy(() -> act(advised, Actions.ADVISE_AMENDMENT, ADVISING, body().put("amendment", 1).put("extendConfirmation", true)))
                .isInstanceOfSatisfying(ProblemException.class, e -> assertThat(e.slug()).isEqualTo("amendment-advised"));
        // an advising bank that did not confirm has no confirmation to extend
        ObjectNode unconfirmed = LIFE.apply(act(issued(), Actions.ADVISE_CREDIT, ADVISING, body()), instruction(Actions.AMEND_CREDIT, BANK, body()),
                INCREASE, TODAY);
        assertThatThrownBy(() -> act(unconfirmed, Actions.ADVISE_AMENDMENT, ADVISING, body().put("amendment", 1).put("extendConfirmation", true)))
                .isInstanceOfSatisfying(ProblemException.class, e -> assertThat(e.slug()).isEqualTo("not-confirming-bank"));
        assertThat(act(unconfirmed, Actions.ADVISE_AMENDMENT, ADVISING, body().put("amendment", 1)).path("amendmentAdvice").path("advisedBy").asText())
                .isEqualTo(ADVISING);
    }

    @Test
    void art10_anAmendmentDeletingADocumentTheCreditDoesNotRequireIsRefusedAndChangesNothing() {
        Amendment deletes = new Amendment(1, null, null, null, null, null, List.of(), List.of(), List.of(),
                List.of(), List.of("WEIGHT CERTIFICATE IN 2 COPIES"), List.of(), null, null, null);
        ObjectNode state = issued();
        String before = state.toString();
        assertThatThrownBy(() -> LIFE.apply(state, instruction(Actions.AMEND_CREDIT, BANK, body()), deletes, TODAY))
                .isInstanceOfSatisfying(ProblemException.class, e -> {
                    assertThat(e.slug()).isEqualTo("invalid-amendment");
                    assertThat(e.getMessage()).contains("46B");
                });
        assertThat(state.toString()).isEqualTo(before);
        String required = T.documentsRequired().get(0);
        Amendment deletesOne = new Amendment(1, null, null, null, null, null, List.of(), List.of(), List.of(),
                List.of(), List.of(required), List.of(), null, null, null);
        ObjectNode amended = LIFE.apply(issued(), instruction(Actions.AMEND_CREDIT, BANK, body()), deletesOne, TODAY);
        ObjectNode accepted = act(amended, Actions.ACCEPT_AMENDMENT, BENEFICIARY, body().put("amendment", 1));
        assertThat(Json.bind(accepted.get("terms"), CreditTerms.class).documentsRequired()).doesNotContain(required)
                .hasSize(T.documentsRequired().size() - 1);
    }

    @Test
    void art10_oneAmendmentAtATimeAndOnlyTheBeneficiaryAnswers() {
        ObjectNode amended = LIFE.apply(issued(), instruction(Actions.AMEND_CREDIT, BANK, body()), moreMoneyLater(), TODAY);
        assertThatThrownBy(() -> LIFE.apply(amended, instruction(Actions.AMEND_CREDIT, BANK, body()), moreMoneyLater(), TODAY))
                .isInstanceOfSatisfying(ProblemException.class, e -> assertThat(e.slug()).isEqualTo("amendment-pending"));
        assertThatThrownBy(() -> act(amended, Actions.ACCEPT_AMENDMENT, APPLICANT, body().put("amendment", 1)))
                .isInstanceOfSatisfying(ProblemException.class, e -> assertThat(e.slug()).isEqualTo("not-your-credit"));
        assertThatThrownBy(() -> act(issued(), Actions.ACCEPT_AMENDMENT, BENEFICIARY, body().put("amendment", 1)))
                .isInstanceOfSatisfying(ProblemException.class, e -> assertThat(e.slug()).isEqualTo("no-pending-amendment"));
    }

    @Test
    void art14b_aPresentationIsExaminedAtOnceWithItsFiveBankingDayDeadline() {
        LocalDate shipped = T.latestShipmentDate().minusDays(5);
        ObjectNode state = presented(issued(), "P1", "1250000.00", shipped, shipped.plusDays(2));
        var p = state.path("presentations").get(0);
        assertThat(p.path("status").asText()).isEqualTo("COMPLYING");
        assertThat(LocalDate.parse(p.path("deadline").asText()))
                .isEqualTo(new BankingCalendar(Set.of()).examinationDeadline(shipped.plusDays(2)));
    }

    @Test
    void art7_honourOfAComplyingPresentationBySightNegotiationAndArt31PartialDrawingsReduceTheBalance() {
        LocalDate shipped = T.latestShipmentDate().minusDays(5);
        ObjectNode first = presented(issued(), "P1", "500000.00", shipped, shipped.plusDays(1));
        ObjectNode honoured = act(first, Actions.HONOUR, BANK, body().put("presentation", "P1"));
        assertThat(honoured.path("drawn").asText()).isEqualTo("500000.00");
        assertThat(honoured.path("status").asText()).isEqualTo("ISSUED");
        assertThat(honoured.path("presentations").get(0).path("settlement").path("availableBy").asText()).isEqualTo("BY NEGOTIATION");
        ObjectNode second = presented(honoured, "P2", "812500.00", shipped, shipped.plusDays(2));
        assertThat(second.path("presentations").get(1).path("status").asText()).isEqualTo("COMPLYING");
        ObjectNode done = act(second, Actions.HONOUR, BANK, body().put("presentation", "P2"));
        assertThat(done.path("drawn").asText()).isEqualTo("1312500.00");
        assertThat(done.path("status").asText()).isEqualTo("FULLY_DRAWN");
        ObjectNode third = presented(honoured, "P3", "812500.01", shipped, shipped.plusDays(2));
        assertThat(third.path("presentations").get(1).path("status").asText()).isEqualTo("DISCREPANT");
    }

    @Test
    void art16_aDiscrepantPresentationIsRefusedOnceWithinTheDeadlineAndNeverHonouredWithoutWaiver() {
        LocalDate late = T.latestShipmentDate().plusDays(2);
        ObjectNode state = presented(issued(), "P1", "1250000.00", late, late.plusDays(1));
        assertThat(state.path("presentations").get(0).path("status").asText()).isEqualTo("DISCREPANT");
        assertThatThrownBy(() -> act(state, Actions.HONOUR, BANK, body().put("presentation", "P1")))
                .isInstanceOfSatisfying(ProblemException.class, e -> assertThat(e.slug()).isEqualTo("not-honourable"));
        ObjectNode refused = LIFE.apply(state, instruction(Actions.REFUSE, BANK, body().put("presentation", "P1")
                .put("disposal", "HOLDING DOCUMENTS UNTIL WAIVER")), null, late.plusDays(2));
        assertThat(refused.path("presentations").get(0).path("status").asText()).isEqualTo("REFUSED");
        assertThatThrownBy(() -> act(refused, Actions.REFUSE, BANK, body().put("presentation", "P1")))
                .isInstanceOfSatisfying(ProblemException.class, e -> assertThat(e.slug()).isEqualTo("not-refusable"));
    }

    @Test
    void art16f_aRefusalAfterTheFifthBankingDayIsTooLate() {
        LocalDate late = T.latestShipmentDate().plusDays(2);
        ObjectNode state = presented(issued(), "P1", "1250000.00", late, late.plusDays(1));
        LocalDate deadline = LocalDate.parse(state.path("presentations").get(0).path("deadline").asText());
        assertThatThrownBy(() -> LIFE.apply(state, instruction(Actions.REFUSE, BANK, body().put("presentation", "P1")), null, deadline.plusDays(1)))
                .isInstanceOfSatisfying(ProblemException.class, e -> assertThat(e.slug()).isEqualTo("refusal-too-late"));
        assertThat(LIFE.apply(state, instruction(Actions.REFUSE, BANK, body().put("presentation", "P1")), null, deadline)
                .path("presentations").get(0).path("status").asText()).isEqualTo("REFUSED");
    }

    @Test
    void art16b_theApplicantsWaiverLetsTheBankHonour() {
        LocalDate late = T.latestShipmentDate().plusDays(2);
        ObjectNode refused = LIFE.apply(presented(issued(), "P1", "1250000.00", late, late.plusDays(1)),
                instruction(Actions.REFUSE, BANK, body().put("presentation", "P1").put("disposal", "HOLDING DOCUMENTS UNTIL WAIVER")), null, late.plusDays(2));
        assertThatThrownBy(() -> act(refused, Actions.WAIVE_DISCREPANCIES, BENEFICIARY, body().put("presentation", "P1")))
                .isInstanceOf(ProblemException.class);
        ObjectNode waived = act(refused, Actions.WAIVE_DISCREPANCIES, APPLICANT, body().put("presentation", "P1"));
        ObjectNode honoured = act(waived, Actions.HONOUR, BANK, body().put("presentation", "P1"));
        assertThat(honoured.path("presentations").get(0).path("status").asText()).isEqualTo("HONOURED");
    }

    @Test
    void art7aii_deferredPaymentMaturesTheStatedDaysAfterTheBillOfLadingDate() {
        ObjectNode state = issued();
        state.set("terms", Json.tree(new CreditTerms(T.reference(), T.formOfCredit(), T.issueDate(), T.applicableRules(), T.expiryDate(),
                T.expiryPlace(), T.applicant(), T.beneficiary(), T.issuingBank(), T.advisingBank(), T.currency(), T.amount(), 5, 5,
                T.availableWith(), "BY DEF PAYMENT", null, null, "90 DAYS AFTER BILL OF LADING DATE", T.partialShipments(), T.transhipment(), null,
                T.portOfLoading(), T.portOfDischarge(), null, T.latestShipmentDate(), T.goods(), T.documentsRequired(), List.of(), null, 21,
                "CONFIRM", ADVISING, null)));
        LocalDate shipped = T.latestShipmentDate().minusDays(5);
        ObjectNode honoured = act(presented(state, "P1", "1250000.00", shipped, shipped.plusDays(3)), Actions.HONOUR, BANK,
                body().put("presentation", "P1"));
        assertThat(honoured.path("presentations").get(0).path("settlement").path("maturity").asText()).isEqualTo(shipped.plusDays(90).toString());
    }

    @Test
    void theConfirmingBankMayHonourButNotTheApplicantOrABankOutsideTheCredit() {
        LocalDate shipped = T.latestShipmentDate().minusDays(5);
        ObjectNode confirmed = act(issued(), Actions.ADVISE_CREDIT, ADVISING, body().put("confirm", true));
        ObjectNode state = presented(confirmed, "P1", "1250000.00", shipped, shipped.plusDays(1));
        assertThat(act(state, Actions.HONOUR, ADVISING, body().put("presentation", "P1")).path("presentations").get(0).path("status").asText())
                .isEqualTo("HONOURED");
        assertThatThrownBy(() -> act(state, Actions.HONOUR, "tfbk-beijing", body().put("presentation", "P1")))
                .isInstanceOfSatisfying(ProblemException.class, e -> assertThat(e.slug()).isEqualTo("not-your-credit"));
    }

    @Test
    void art10a_anIrrevocableCreditIsCancelledOnlyWhenTheBeneficiaryAndTheConfirmingBankAgree() {
        ObjectNode confirmed = act(issued(), Actions.ADVISE_CREDIT, ADVISING, body().put("confirm", true));
        assertThatThrownBy(() -> act(confirmed, Actions.CANCEL_CREDIT, BENEFICIARY, body()))
                .isInstanceOfSatisfying(ProblemException.class, e -> assertThat(e.slug()).isEqualTo("not-your-credit"));
        ObjectNode proposed = act(confirmed, Actions.CANCEL_CREDIT, BANK, body());
        ObjectNode beneficiaryAgreed = act(proposed, Actions.AGREE_CANCELLATION, BENEFICIARY, body());
        assertThat(beneficiaryAgreed.path("status").asText()).as("the confirming bank has not agreed yet").isEqualTo("CONFIRMED");
        assertThatThrownBy(() -> act(beneficiaryAgreed, Actions.AGREE_CANCELLATION, APPLICANT, body())).isInstanceOf(ProblemException.class);
        ObjectNode cancelled = act(beneficiaryAgreed, Actions.AGREE_CANCELLATION, ADVISING, body());
        assertThat(cancelled.path("status").asText()).isEqualTo("CANCELLED");
        assertThatThrownBy(() -> act(cancelled, Actions.AMEND_CREDIT, BANK, body()))
                .isInstanceOfSatisfying(ProblemException.class, e -> assertThat(e.slug()).isEqualTo("wrong-state"));
        assertThatThrownBy(() -> act(issued(), Actions.AGREE_CANCELLATION, BENEFICIARY, body()))
                .isInstanceOfSatisfying(ProblemException.class, e -> assertThat(e.slug()).isEqualTo("no-pending-cancellation"));
    }

    @Test
    void art6d_aCreditExpiresOnlyAfterItsExpiryDateAndNotWhileATimelyPresentationAwaitsDecision() {
        Instruction expire = instruction(Actions.EXPIRE_CREDIT, DemoNetwork.GATEWAY, body());
        assertThatThrownBy(() -> LIFE.apply(issued(), expire, null, T.expiryDate()))
                .isInstanceOfSatisfying(ProblemException.class, e -> assertThat(e.slug()).isEqualTo("not-expired"));
        assertThat(LIFE.apply(issued(), expire, null, T.expiryDate().plusDays(1)).path("status").asText()).isEqualTo("EXPIRED");
        LocalDate shipped = T.latestShipmentDate().minusDays(1);
        ObjectNode underExamination = presented(issued(), "P1", "1250000.00", shipped, T.expiryDate());
        assertThatThrownBy(() -> LIFE.apply(underExamination, expire, null, T.expiryDate().plusDays(1)))
                .isInstanceOfSatisfying(ProblemException.class, e -> assertThat(e.slug()).isEqualTo("presentation-open"));
    }

    @Test
    void eUcpE7_anElectronicPresentationIsExaminedFromItsNoticeOfCompleteness() {
        LocalDate shipped = T.latestShipmentDate().minusDays(10);
        ObjectNode b = body();
        ObjectNode p = b.putObject("presentation");
        p.put("id", "E1");
        p.put("amount", "1250000.00");
        p.put("electronic", true);
        p.set("documents", Json.tree(Documents.complying(T, "1250000.00", shipped)));
        ObjectNode waiting = LIFE.apply(issued(), instruction(Actions.PRESENT_DOCUMENTS, BENEFICIARY, b), null, shipped.plusDays(1));
        assertThat(waiting.path("presentations").get(0).path("status").asText()).isEqualTo("AWAITING_COMPLETENESS");
        assertThat(waiting.path("presentations").get(0).has("deadline")).isFalse();
        assertThatThrownBy(() -> act(waiting, Actions.HONOUR, BANK, body().put("presentation", "E1")))
                .isInstanceOfSatisfying(ProblemException.class, e -> assertThat(e.slug()).isEqualTo("not-honourable"));
        LocalDate complete = shipped.plusDays(4);
        ObjectNode examined = LIFE.apply(waiting, instruction(Actions.NOTICE_OF_COMPLETENESS, BENEFICIARY, body().put("presentation", "E1")), null,
                complete);
        assertThat(examined.path("presentations").get(0).path("status").asText()).isEqualTo("COMPLYING");
        assertThat(examined.path("presentations").get(0).path("deadline").asText())
                .isEqualTo(new BankingCalendar(Set.of()).examinationDeadline(complete).toString());
        assertThatThrownBy(() -> LIFE.apply(examined, instruction(Actions.NOTICE_OF_COMPLETENESS, BENEFICIARY, body().put("presentation", "E1")),
                null, complete)).isInstanceOfSatisfying(ProblemException.class, e -> assertThat(e.slug()).isEqualTo("not-awaiting-completeness"));
    }

    @Test
    void eUcpE5c_aNoticeOfCompletenessAfterExpiryIsTooLate() {
        ObjectNode b = body();
        ObjectNode p = b.putObject("presentation");
        p.put("id", "E1");
        p.put("amount", "1250000.00");
        p.put("electronic", true);
        p.set("documents", Json.tree(Documents.complying(T, "1250000.00", T.latestShipmentDate())));
        ObjectNode waiting = LIFE.apply(issued(), instruction(Actions.PRESENT_DOCUMENTS, BENEFICIARY, b), null, T.expiryDate());
        assertThatThrownBy(() -> LIFE.apply(waiting, instruction(Actions.NOTICE_OF_COMPLETENESS, BENEFICIARY, body().put("presentation", "E1")),
                null, T.expiryDate().plusDays(1))).isInstanceOfSatisfying(ProblemException.class, e -> assertThat(e.slug()).isEqualTo("presentation-late"));
    }
}
