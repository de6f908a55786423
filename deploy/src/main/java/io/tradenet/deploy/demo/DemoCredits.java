package io.tradenet.deploy.demo;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.tradenet.contract.crypto.SigningKey;
import io.tradenet.contract.json.Json;
import io.tradenet.contract.party.DemoNetwork;
import io.tradenet.contract.trade.Actions;
import io.tradenet.contract.trade.CreditTerms;
import io.tradenet.contract.tx.SignedInstruction;

import java.time.LocalDate;
import java.util.List;
import java.util.UUID;

/**
 * The demo trade's credit: LC26SH000117 of the MT700 samples (CNC milling centres, Hamburg to
 * Shanghai, CIF, negotiation at sight), as JSON terms, and its signed issuance instruction.
 */
public final class DemoCredits {

    private DemoCredits() {
    }

    /** The sample credit, dated relative to today (issued today, shipment within 60 days, expiry in 90). */
    public static CreditTerms machinery(String reference) {
        LocalDate today = LocalDate.now(java.time.ZoneOffset.UTC);
        return new CreditTerms(reference, "IRREVOCABLE", today, "UCP LATEST VERSION",
                today.plusDays(90), "HAMBURG",
                DemoNetwork.APPLICANT, DemoNetwork.BENEFICIARY, DemoNetwork.ISSUING_BANK, DemoNetwork.ADVISING_BANK,
                "EUR", "1250000.00", 5, 5, "TFBKDEHHXXX", "BY NEGOTIATION", "AT SIGHT", DemoNetwork.ISSUING_BANK, null,
                "ALLOWED", "NOT ALLOWED", null, "HAMBURG, GERMANY", "SHANGHAI, CHINA", null, today.plusDays(60),
                "2 UNITS CNC MILLING CENTRE MODEL NM-5X, UNIT PRICE EUR 625000\nCIF SHANGHAI INCOTERMS 2020",
                List.of("SIGNED COMMERCIAL INVOICE IN 3 ORIGINALS",
                        "FULL SET CLEAN ON BOARD OCEAN BILLS OF LADING MADE OUT TO ORDER OF TFBKCNSHXXX MARKED FREIGHT PREPAID NOTIFY APPLICANT",
                        "INSURANCE POLICY FOR 110 PCT OF CIF VALUE COVERING INSTITUTE CARGO CLAUSES (A)",
                        "PACKING LIST IN 2 COPIES",
                        "CERTIFICATE OF ORIGIN ISSUED BY CHAMBER OF COMMERCE"),
                List.of("ALL DOCUMENTS MUST BEAR THIS CREDIT NUMBER"),
                "ALL BANKING CHARGES OUTSIDE CHINA ARE FOR BENEFICIARY'S ACCOUNT", 21, "CONFIRM", DemoNetwork.ADVISING_BANK,
                "ON RECEIPT OF COMPLYING DOCUMENTS WE SHALL REIMBURSE AS PER YOUR INSTRUCTIONS");
    }

    /** A fresh, unique credit number in the sample's style. */
    public static String newReference() {
        return "LC" + UUID.randomUUID().toString().replace("-", "").substring(0, 12).toUpperCase();
    }

    /** The issuing bank's signed instruction to issue the credit, valid for ten minutes. */
    public static SignedInstruction issuance(CreditTerms terms, SigningKey issuingBank) {
        ObjectNode body = Json.mapper().createObjectNode();
        body.set("credit", Json.tree(terms));
        return TradeClient.sign(Actions.ISSUE_CREDIT, issuingBank, List.of(), body);
    }
}
