package io.tradenet.contract.trade;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;

/**
 * An amendment of a credit (MT707 fields by name): a new expiry (31D), an increase (32B) or decrease (33B)
 * of the amount, a new latest shipment date (44C), goods, documents or conditions added (45B/46B/47B
 * with /ADD/). Null means unchanged. UCP 600 art. 10: it binds the issuing bank once issued and changes
 * the credit only when the beneficiary accepts it, whole.
 */
public record Amendment(
        int number,                      // 26E
        LocalDate expiryDate,            // 31D date
        String expiryPlace,              // 31D place
        String increase,                 // 32B amount
        String decrease,                 // 33B amount
        LocalDate latestShipmentDate,    // 44C
        List<String> goodsAdded,         // 45B /ADD/
        List<String> documentsAdded,     // 46B /ADD/
        List<String> conditionsAdded) {  // 47B /ADD/

    public Amendment {
        goodsAdded = goodsAdded == null ? List.of() : List.copyOf(goodsAdded);
        documentsAdded = documentsAdded == null ? List.of() : List.copyOf(documentsAdded);
        conditionsAdded = conditionsAdded == null ? List.of() : List.copyOf(conditionsAdded);
    }

    /** The credit's terms once this amendment is accepted. */
    public CreditTerms applyTo(CreditTerms t) {
        BigDecimal amount = new BigDecimal(t.amount());
        if (increase != null) {
            amount = amount.add(new BigDecimal(increase));
        }
        if (decrease != null) {
            amount = amount.subtract(new BigDecimal(decrease));
        }
        String goods = t.goods();
        if (!goodsAdded.isEmpty()) {
            goods = (goods == null || goods.isEmpty() ? "" : goods + "\n") + String.join("\n", goodsAdded);
        }
        List<String> documents = new ArrayList<>(t.documentsRequired() == null ? List.of() : t.documentsRequired());
        documents.addAll(documentsAdded);
        List<String> conditions = new ArrayList<>(t.additionalConditions() == null ? List.of() : t.additionalConditions());
        conditions.addAll(conditionsAdded);
        return new CreditTerms(t.reference(), t.formOfCredit(), t.issueDate(), t.applicableRules(),
                expiryDate != null ? expiryDate : t.expiryDate(), expiryPlace != null ? expiryPlace : t.expiryPlace(),
                t.applicant(), t.beneficiary(), t.issuingBank(), t.advisingBank(), t.currency(), amount.setScale(2).toPlainString(),
                t.tolerancePlus(), t.toleranceMinus(), t.availableWith(), t.availableBy(), t.draftsAt(), t.drawee(), t.deferredPaymentDetails(),
                t.partialShipments(), t.transhipment(), t.placeOfReceipt(), t.portOfLoading(), t.portOfDischarge(), t.finalDestination(),
                latestShipmentDate != null ? latestShipmentDate : t.latestShipmentDate(), goods, documents, conditions, t.charges(),
                t.presentationPeriodDays(), t.confirmationInstructions(), t.requestedConfirmationParty(), t.instructionsToBank());
    }
}
