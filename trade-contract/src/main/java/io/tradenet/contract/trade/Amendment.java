package io.tradenet.contract.trade;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;

/**
 * An amendment of a credit (MT707 fields by name): a new expiry (31D), an increase (32B) or decrease (33B)
 * of the amount, a new latest shipment date (44C), and for goods, documents and conditions (45B/46B/47B)
 * items added (/ADD/), deleted (/DELETE/) or all of them replaced (/REPALL/: a non-null replacement list).
 * Null means unchanged. UCP 600 art. 10: it binds the issuing bank once issued and changes
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
        List<String> conditionsAdded,    // 47B /ADD/
        List<String> goodsDeleted,       // 45B /DELETE/
        List<String> documentsDeleted,   // 46B /DELETE/
        List<String> conditionsDeleted,  // 47B /DELETE/
        List<String> goodsReplaced,      // 45B /REPALL/ (null: not replaced)
        List<String> documentsReplaced,  // 46B /REPALL/
        List<String> conditionsReplaced) { // 47B /REPALL/

    public Amendment {
        goodsAdded = listOrEmpty(goodsAdded);
        documentsAdded = listOrEmpty(documentsAdded);
        conditionsAdded = listOrEmpty(conditionsAdded);
        goodsDeleted = listOrEmpty(goodsDeleted);
        documentsDeleted = listOrEmpty(documentsDeleted);
        conditionsDeleted = listOrEmpty(conditionsDeleted);
        goodsReplaced = replacement("45B", goodsReplaced, goodsAdded, goodsDeleted);
        documentsReplaced = replacement("46B", documentsReplaced, documentsAdded, documentsDeleted);
        conditionsReplaced = replacement("47B", conditionsReplaced, conditionsAdded, conditionsDeleted);
    }

    /** /REPALL/ stands alone in its field and replaces it with at least one item, as the MT707 reader requires. */
    private static List<String> replacement(String field, List<String> replaced, List<String> added, List<String> deleted) {
        if (replaced == null) {
            return null;
        }
        if (replaced.isEmpty() || !added.isEmpty() || !deleted.isEmpty()) {
            throw new IllegalArgumentException(field + ": a replacement (/REPALL/) has at least one item and stands alone, without /ADD/ or /DELETE/");
        }
        return List.copyOf(replaced);
    }

    /** An amendment that only adds narrative items. */
    public Amendment(int number, LocalDate expiryDate, String expiryPlace, String increase, String decrease, LocalDate latestShipmentDate,
                     List<String> goodsAdded, List<String> documentsAdded, List<String> conditionsAdded) {
        this(number, expiryDate, expiryPlace, increase, decrease, latestShipmentDate, goodsAdded, documentsAdded, conditionsAdded,
                null, null, null, null, null, null);
    }

    private static List<String> listOrEmpty(List<String> items) {
        if (items != null && items.stream().anyMatch(item -> item == null || item.isBlank())) {
            throw new IllegalArgumentException("an amendment item is empty");
        }
        return items == null ? List.of() : List.copyOf(items);
    }

    /**
     * One narrative field after the amendment: replaced whole, or with items deleted and added. Throws
     * {@link IllegalArgumentException} naming the field when a deleted item is not in the credit.
     */
    static List<String> amend(String field, List<String> current, List<String> replaced, List<String> deleted, List<String> added, boolean strict) {
        List<String> out = new ArrayList<>(replaced != null ? replaced : current == null ? List.of() : current);
        for (String item : deleted) {
            String wanted = normalise(item);
            int at = -1;
            for (int i = 0; i < out.size() && at < 0; i++) {
                at = normalise(out.get(i)).equals(wanted) ? i : -1;
            }
            if (at >= 0) {
                out.remove(at);   // one occurrence per /DELETE/ item
            } else if (strict) {
                throw new IllegalArgumentException(field + ": /DELETE/ names an item the credit does not hold: " + item);
            }
        }
        out.addAll(added);
        return out;
    }

    private static String normalise(String text) {
        return text.strip().replaceAll("\\s+", " ").toUpperCase(java.util.Locale.ROOT);
    }

    /** The credit's terms once this amendment is accepted; a /DELETE/ of an item the credit does not hold is refused. */
    public CreditTerms applyTo(CreditTerms t) {
        return apply(t, true);
    }

    /** As {@link #applyTo}, skipping a /DELETE/ of an item these terms do not hold (for terms a confirmation covers). */
    public CreditTerms applyLeniently(CreditTerms t) {
        return apply(t, false);
    }

    private CreditTerms apply(CreditTerms t, boolean strict) {
        BigDecimal amount = new BigDecimal(t.amount());
        if (increase != null) {
            amount = amount.add(new BigDecimal(increase));
        }
        if (decrease != null) {
            amount = amount.subtract(new BigDecimal(decrease));
        }
        String goods = t.goods();
        if (goodsReplaced != null || !goodsDeleted.isEmpty() || !goodsAdded.isEmpty()) {
            // the goods description is narrative text; its lines are the items /DELETE/ and /REPALL/ act on
            goods = String.join("\n", amend("45B", goods == null ? List.of() : goods.lines().filter(l -> !l.isBlank()).toList(),
                    goodsReplaced, goodsDeleted, goodsAdded, strict));
        }
        List<String> documents = amend("46B", t.documentsRequired(), documentsReplaced, documentsDeleted, documentsAdded, strict);
        List<String> conditions = amend("47B", t.additionalConditions(), conditionsReplaced, conditionsDeleted, conditionsAdded, strict);
        return new CreditTerms(t.reference(), t.formOfCredit(), t.issueDate(), t.applicableRules(),
                expiryDate != null ? expiryDate : t.expiryDate(), expiryPlace != null ? expiryPlace : t.expiryPlace(),
                t.applicant(), t.beneficiary(), t.issuingBank(), t.advisingBank(), t.currency(), amount.setScale(2).toPlainString(),
                t.tolerancePlus(), t.toleranceMinus(), t.availableWith(), t.availableBy(), t.draftsAt(), t.drawee(), t.deferredPaymentDetails(),
                t.partialShipments(), t.transhipment(), t.placeOfReceipt(), t.portOfLoading(), t.portOfDischarge(), t.finalDestination(),
                latestShipmentDate != null ? latestShipmentDate : t.latestShipmentDate(), goods, documents, conditions, t.charges(),
                t.presentationPeriodDays(), t.confirmationInstructions(), t.requestedConfirmationParty(), t.instructionsToBank());
    }
}
