package io.tradenet.lc.examination;

import io.tradenet.contract.trade.CreditTerms;
import io.tradenet.contract.trade.Discrepancy;
import io.tradenet.contract.trade.PresentedDocument;
import io.tradenet.deploy.demo.DemoCredits;
import org.junit.jupiter.api.Test;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.List;

import static io.tradenet.lc.examination.Documents.billOfLading;
import static io.tradenet.lc.examination.Documents.complying;
import static io.tradenet.lc.examination.Documents.insurance;
import static io.tradenet.lc.examination.Documents.invoice;
import static io.tradenet.lc.examination.Documents.with;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * Automated examination (BRIEF section 4): for each UCP 600 rule, a complying presentation passes and a
 * discrepant one is named with its article. The credit: EUR 1,250,000, tolerance 5/5, CIF, partial
 * shipments allowed, transhipment not allowed, 21 days for presentation, issued today.
 */
class ExaminerTest {

    private static final CreditTerms T = DemoCredits.machinery("LC26SH000117");
    private static final LocalDate SHIPPED = T.latestShipmentDate().minusDays(10);
    private static final LocalDate PRESENTED = SHIPPED.plusDays(5);
    private static final String FULL = "1250000.00";

    private static List<Discrepancy> examine(String amount, List<PresentedDocument> docs, LocalDate presentedOn) {
        return Examiner.examine(T, BigDecimal.ZERO, new BigDecimal(amount), docs, presentedOn);
    }

    private static List<String> articles(List<Discrepancy> found) {
        return found.stream().map(Discrepancy::article).toList();
    }

    @Test
    void aComplyingPresentationHasNoDiscrepancy() {
        assertThat(examine(FULL, complying(T, FULL, SHIPPED), PRESENTED)).isEmpty();
    }

    @Test
    void art6d_presentationAfterExpiryIsDiscrepant() {
        assertThat(articles(examine(FULL, complying(T, FULL, SHIPPED), T.expiryDate()))).doesNotContain("6(d)");
        assertThat(articles(examine(FULL, complying(T, FULL, SHIPPED), T.expiryDate().plusDays(1)))).contains("6(d)");
    }

    @Test
    void art14a_everyDocumentField46ARequiresMustBePresented() {
        List<PresentedDocument> withoutCertificate = complying(T, FULL, SHIPPED).stream()
                .filter(d -> !d.type().equals(PresentedDocument.CERTIFICATE_OF_ORIGIN)).toList();
        List<Discrepancy> found = examine(FULL, withoutCertificate, PRESENTED);
        assertThat(found).extracting(Discrepancy::article, Discrepancy::field).containsExactly(org.assertj.core.groups.Tuple.tuple("14(a)", "46A"));
        assertThat(found.get(0).description()).contains("CERTIFICATE OF ORIGIN");
    }

    @Test
    void art14c_presentationWithin21DaysOfShipment() {
        assertThat(articles(examine(FULL, complying(T, FULL, SHIPPED), SHIPPED.plusDays(21)))).doesNotContain("14(c)");
        assertThat(articles(examine(FULL, complying(T, FULL, SHIPPED), SHIPPED.plusDays(22)))).contains("14(c)");
    }

    @Test
    void art30_drawingWithinTheToleranceOf39A() {
        assertThat(examine("1312500.00", complying(T, "1312500.00", SHIPPED), PRESENTED)).isEmpty();          // +5%
        assertThat(articles(examine("1312500.01", complying(T, "1312500.01", SHIPPED), PRESENTED))).contains("30");
    }

    @Test
    void art30_aboutAllowsTenPercent() {
        CreditTerms about = new CreditTerms(T.reference(), T.formOfCredit(), T.issueDate(), T.applicableRules(), T.expiryDate(), T.expiryPlace(),
                T.applicant(), T.beneficiary(), T.issuingBank(), T.advisingBank(), T.currency(), "1000000.00", null, null, T.availableWith(),
                T.availableBy(), T.draftsAt(), T.drawee(), null, T.partialShipments(), T.transhipment(), null, T.portOfLoading(), T.portOfDischarge(),
                null, T.latestShipmentDate(), "ABOUT 400 TONS OF STEEL", List.of(), List.of(), null, 21, null, null, null);
        List<PresentedDocument> docs = List.of(invoice(about, "1100000.00"), billOfLading(about, SHIPPED));
        assertThat(Examiner.examine(about, BigDecimal.ZERO, new BigDecimal("1100000.00"), docs, PRESENTED)).isEmpty();
        assertThat(articles(Examiner.examine(about, BigDecimal.ZERO, new BigDecimal("1100000.01"),
                List.of(invoice(about, "1100000.01"), billOfLading(about, SHIPPED)), PRESENTED))).contains("30");
    }

    @Test
    void art30_aDrawingBeyondTheRemainingBalanceIsDiscrepant() {
        List<Discrepancy> found = Examiner.examine(T, new BigDecimal("1000000.00"), new BigDecimal("312500.00"),
                complying(T, "312500.00", SHIPPED), PRESENTED);
        assertThat(found).isEmpty();
        assertThat(articles(Examiner.examine(T, new BigDecimal("1000000.00"), new BigDecimal("312500.01"),
                complying(T, "312500.01", SHIPPED), PRESENTED))).contains("30");
    }

    @Test
    void art31b_partialDrawingsWhen43PSaysNotAllowed() {
        CreditTerms noPartials = new CreditTerms(T.reference(), T.formOfCredit(), T.issueDate(), T.applicableRules(), T.expiryDate(),
                T.expiryPlace(), T.applicant(), T.beneficiary(), T.issuingBank(), T.advisingBank(), T.currency(), T.amount(), 5, 5,
                T.availableWith(), T.availableBy(), T.draftsAt(), T.drawee(), null, "NOT ALLOWED", T.transhipment(), null, T.portOfLoading(),
                T.portOfDischarge(), null, T.latestShipmentDate(), T.goods(), T.documentsRequired(), T.additionalConditions(), T.charges(), 21,
                null, null, null);
        assertThat(articles(Examiner.examine(noPartials, BigDecimal.ZERO, new BigDecimal(FULL), complying(noPartials, FULL, SHIPPED), PRESENTED)))
                .doesNotContain("31(b)");
        assertThat(articles(Examiner.examine(noPartials, BigDecimal.ZERO, new BigDecimal("600000.00"),
                complying(noPartials, "600000.00", SHIPPED), PRESENTED))).contains("31(b)");
        // allowed by the credit: the same partial drawing complies
        assertThat(examine("600000.00", complying(T, "600000.00", SHIPPED), PRESENTED)).isEmpty();
    }

    @Test
    void art18_invoiceCurrencyAmountAndGoodsDescription() {
        PresentedDocument usd = new PresentedDocument(PresentedDocument.COMMERCIAL_INVOICE, "INV-1", T.reference(), null, "USD", FULL, T.goods(),
                null, null, null, null, null, null, null, null, null, null);
        assertThat(articles(examine(FULL, with(complying(T, FULL, SHIPPED), usd), PRESENTED))).contains("18(a)");
        assertThat(articles(examine(FULL, with(complying(T, FULL, SHIPPED), invoice(T, "1000000.00")), PRESENTED))).contains("18(b)");
        PresentedDocument otherGoods = new PresentedDocument(PresentedDocument.COMMERCIAL_INVOICE, "INV-1", T.reference(), null, "EUR", FULL,
                "USED LATHES", null, null, null, null, null, null, null, null, null, null);
        assertThat(articles(examine(FULL, with(complying(T, FULL, SHIPPED), otherGoods), PRESENTED))).contains("18(c)");
    }

    @Test
    void art20_billOfLadingOnBoardPortsFullSetCarrierAndShipmentDateOf44C() {
        PresentedDocument good = billOfLading(T, SHIPPED);
        assertThat(examine(FULL, with(complying(T, FULL, SHIPPED), good), PRESENTED)).isEmpty();
        PresentedDocument received = new PresentedDocument(good.type(), good.reference(), good.creditNumber(), good.issuer(), null, null, good.goods(),
                SHIPPED, false, true, true, good.portOfLoading(), good.portOfDischarge(), good.carrier(), good.vessel(), false, null);
        assertThat(articles(examine(FULL, with(complying(T, FULL, SHIPPED), received), PRESENTED))).contains("20(a)(ii)");
        PresentedDocument wrongPort = new PresentedDocument(good.type(), good.reference(), good.creditNumber(), good.issuer(), null, null, good.goods(),
                SHIPPED, true, true, true, "BREMERHAVEN, GERMANY", good.portOfDischarge(), good.carrier(), good.vessel(), false, null);
        assertThat(examine(FULL, with(complying(T, FULL, SHIPPED), wrongPort), PRESENTED)).extracting(Discrepancy::field).contains("44E");
        PresentedDocument partSet = new PresentedDocument(good.type(), good.reference(), good.creditNumber(), good.issuer(), null, null, good.goods(),
                SHIPPED, true, true, false, good.portOfLoading(), good.portOfDischarge(), good.carrier(), good.vessel(), false, null);
        assertThat(articles(examine(FULL, with(complying(T, FULL, SHIPPED), partSet), PRESENTED))).contains("20(a)(iv)");
        PresentedDocument noCarrier = new PresentedDocument(good.type(), good.reference(), good.creditNumber(), good.issuer(), null, null, good.goods(),
                SHIPPED, true, true, true, good.portOfLoading(), good.portOfDischarge(), null, good.vessel(), false, null);
        assertThat(articles(examine(FULL, with(complying(T, FULL, SHIPPED), noCarrier), PRESENTED))).contains("20(a)(i)");
        LocalDate late = T.latestShipmentDate().plusDays(1);
        assertThat(examine(FULL, complying(T, FULL, late), late.plusDays(2))).extracting(Discrepancy::field).contains("44C");
        assertThat(examine(FULL, complying(T, FULL, T.latestShipmentDate()), T.latestShipmentDate().plusDays(2))).isEmpty();
    }

    @Test
    void art20c_transhipmentWhen43TProhibitsIt() {
        PresentedDocument good = billOfLading(T, SHIPPED);
        PresentedDocument transhipped = new PresentedDocument(good.type(), good.reference(), good.creditNumber(), good.issuer(), null, null,
                good.goods(), SHIPPED, true, true, true, good.portOfLoading(), good.portOfDischarge(), good.carrier(), good.vessel(), true, null);
        assertThat(articles(examine(FULL, with(complying(T, FULL, SHIPPED), transhipped), PRESENTED))).contains("20(c)");
    }

    @Test
    void art27_aClausedBillOfLadingIsNotClean() {
        PresentedDocument good = billOfLading(T, SHIPPED);
        PresentedDocument claused = new PresentedDocument(good.type(), good.reference(), good.creditNumber(), good.issuer(), null, null, good.goods(),
                SHIPPED, true, false, true, good.portOfLoading(), good.portOfDischarge(), good.carrier(), good.vessel(), false, null);
        assertThat(articles(examine(FULL, with(complying(T, FULL, SHIPPED), claused), PRESENTED))).contains("27");
    }

    @Test
    void art28f_insuranceAtLeast110PercentOfCifValueInTheCreditsCurrency() {
        assertThat(examine(FULL, with(complying(T, FULL, SHIPPED), insurance(T, "1375000.00")), PRESENTED)).isEmpty();
        assertThat(articles(examine(FULL, with(complying(T, FULL, SHIPPED), insurance(T, "1374999.99")), PRESENTED))).contains("28(f)(ii)");
        PresentedDocument usd = new PresentedDocument(PresentedDocument.INSURANCE, "INS-1", T.reference(), null, "USD", "1500000.00", null, null,
                null, null, null, null, null, null, null, null, "ICC (A)");
        assertThat(articles(examine(FULL, with(complying(T, FULL, SHIPPED), usd), PRESENTED))).contains("28(f)(i)", "14(d)");
    }

    @Test
    void art14d_dataInADocumentMustNotConflictWithTheCredit() {
        PresentedDocument good = billOfLading(T, SHIPPED);
        PresentedDocument otherCredit = new PresentedDocument(good.type(), good.reference(), "LC99XX000001", good.issuer(), null, null, good.goods(),
                SHIPPED, true, true, true, good.portOfLoading(), good.portOfDischarge(), good.carrier(), good.vessel(), false, null);
        assertThat(examine(FULL, with(complying(T, FULL, SHIPPED), otherCredit), PRESENTED)).extracting(Discrepancy::article, Discrepancy::field)
                .containsExactly(org.assertj.core.groups.Tuple.tuple("14(d)", "20"));
    }

    @Test
    void art14i_aDocumentMayBeDatedBeforeTheCreditButNotAfterItsPresentation() {
        PresentedDocument inv = invoice(T, FULL);
        PresentedDocument early = new PresentedDocument(inv.type(), inv.reference(), inv.creditNumber(), inv.issuer(), inv.currency(), inv.amount(),
                inv.goods(), T.issueDate().minusDays(10), null, null, null, null, null, null, null, null, null);
        assertThat(examine(FULL, with(complying(T, FULL, SHIPPED), early), PRESENTED)).isEmpty();
        PresentedDocument late = new PresentedDocument(inv.type(), inv.reference(), inv.creditNumber(), inv.issuer(), inv.currency(), inv.amount(),
                inv.goods(), PRESENTED.plusDays(1), null, null, null, null, null, null, null, null, null);
        assertThat(examine(FULL, with(complying(T, FULL, SHIPPED), late), PRESENTED)).extracting(Discrepancy::article).containsExactly("14(i)");
    }

    @Test
    void art28e_insuranceDatedAfterShipmentOnlyWithCoverEffectiveFromShipment() {
        String insured = "1375000.00";
        PresentedDocument onTheDay = new PresentedDocument(PresentedDocument.INSURANCE, "INS-1", T.reference(), "HANSA MARINE", T.currency(), insured,
                null, SHIPPED, null, null, null, null, null, null, null, null, "INSTITUTE CARGO CLAUSES (A)");
        assertThat(examine(FULL, with(complying(T, FULL, SHIPPED), onTheDay), PRESENTED)).isEmpty();
        PresentedDocument afterwards = new PresentedDocument(PresentedDocument.INSURANCE, "INS-1", T.reference(), "HANSA MARINE", T.currency(), insured,
                null, SHIPPED.plusDays(2), null, null, null, null, null, null, null, null, "INSTITUTE CARGO CLAUSES (A)");
        assertThat(examine(FULL, with(complying(T, FULL, SHIPPED), afterwards), PRESENTED)).extracting(Discrepancy::article).containsExactly("28(e)");
        PresentedDocument fromShipment = new PresentedDocument(PresentedDocument.INSURANCE, "INS-1", T.reference(), "HANSA MARINE", T.currency(),
                insured, null, SHIPPED.plusDays(2), null, null, null, null, null, null, null, null, "ICC (A), COVER EFFECTIVE FROM THE DATE OF SHIPMENT");
        assertThat(examine(FULL, with(complying(T, FULL, SHIPPED), fromShipment), PRESENTED)).isEmpty();
        PresentedDocument fromEarlier = new PresentedDocument(PresentedDocument.INSURANCE, "INS-1", T.reference(), "HANSA MARINE", T.currency(),
                insured, null, SHIPPED.plusDays(2), null, null, null, null, null, null, null, null, "ICC (A), EFFECTIVE FROM " + SHIPPED.minusDays(1));
        assertThat(examine(FULL, with(complying(T, FULL, SHIPPED), fromEarlier), PRESENTED)).isEmpty();
        // ISBP 745 K10(b): warehouse to warehouse does not show cover from shipment; nor does cover from a later date
        for (String coverage : List.of("ICC (A), WAREHOUSE TO WAREHOUSE", "ICC (A), EFFECTIVE FROM " + SHIPPED.plusDays(1))) {
            PresentedDocument late = new PresentedDocument(PresentedDocument.INSURANCE, "INS-1", T.reference(), "HANSA MARINE", T.currency(),
                    insured, null, SHIPPED.plusDays(2), null, null, null, null, null, null, null, null, coverage);
            assertThat(examine(FULL, with(complying(T, FULL, SHIPPED), late), PRESENTED)).extracting(Discrepancy::article).containsExactly("28(e)");
        }
    }

    @Test
    void everyDiscrepancyOfADiscrepantPresentationIsListedForTheRefusalNotice() {
        LocalDate late = T.latestShipmentDate().plusDays(3);
        List<Discrepancy> found = examine("1400000.00", with(complying(T, "1400000.00", late), insurance(T, "1000000.00")), late.plusDays(30));
        assertThat(articles(found)).contains("30", "14(c)", "28(f)(ii)");
        assertThat(found).extracting(Discrepancy::field).contains("44C");
    }
}
