package io.tradenet.contract.trade;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.List;

/**
 * The terms of a documentary credit, named after the MT700 fields they carry (UCP 600 vocabulary).
 * Parties are registry names; amounts are decimal strings so the canonical JSON never rounds them.
 */
public record CreditTerms(
        String reference,                 // 20  documentary credit number
        String formOfCredit,              // 40A IRREVOCABLE
        LocalDate issueDate,              // 31C
        String applicableRules,           // 40E UCP LATEST VERSION
        LocalDate expiryDate,             // 31D date
        String expiryPlace,               // 31D place
        String applicant,                 // 50
        String beneficiary,               // 59
        String issuingBank,               // sender of the MT700
        String advisingBank,              // receiver of the MT700
        String currency,                  // 32B
        String amount,                    // 32B
        Integer tolerancePlus,            // 39A
        Integer toleranceMinus,           // 39A
        String availableWith,             // 41a
        String availableBy,               // 41a: BY PAYMENT, BY DEF PAYMENT, BY ACCEPTANCE, BY NEGOTIATION, BY MIXED PYMT
        String draftsAt,                  // 42C
        String drawee,                    // 42a
        String deferredPaymentDetails,    // 42P
        String partialShipments,          // 43P ALLOWED, NOT ALLOWED, CONDITIONAL
        String transhipment,              // 43T
        String placeOfReceipt,            // 44A
        String portOfLoading,             // 44E
        String portOfDischarge,           // 44F
        String finalDestination,          // 44B
        LocalDate latestShipmentDate,     // 44C
        String goods,                     // 45A
        List<String> documentsRequired,   // 46A
        List<String> additionalConditions,// 47A
        String charges,                   // 71D
        Integer presentationPeriodDays,   // 48
        String confirmationInstructions,  // 49 CONFIRM, MAY ADD, WITHOUT
        String requestedConfirmationParty,// 58a
        String instructionsToBank) {      // 78

    public BigDecimal amountValue() {
        return new BigDecimal(amount);
    }
}
