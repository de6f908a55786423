package io.tradenet.lc.examination;

import io.tradenet.contract.trade.CreditTerms;
import io.tradenet.contract.trade.PresentedDocument;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;

/** A complying set of documents for the demo machinery credit, and ways to spoil one document at a time. */
public final class Documents {

    private Documents() {
    }

    public static PresentedDocument invoice(CreditTerms t, String amount) {
        return new PresentedDocument(PresentedDocument.COMMERCIAL_INVOICE, "INV-1", t.reference(), "NORDSEE MASCHINENBAU GMBH", t.currency(), amount,
                t.goods(), null, null, null, null, null, null, null, null, null, null);
    }

    public static PresentedDocument billOfLading(CreditTerms t, LocalDate onBoard) {
        return new PresentedDocument(PresentedDocument.BILL_OF_LADING, "BL-1", t.reference(), "OCEANIC LINES SHIPPING CO", null, null,
                t.goods().lines().findFirst().orElse(""), onBoard, true, true, true, t.portOfLoading(), t.portOfDischarge(), "OCEANIC LINES SHIPPING CO",
                "MV NORDIC STAR", false, null);
    }

    public static PresentedDocument insurance(CreditTerms t, String amount) {
        return new PresentedDocument(PresentedDocument.INSURANCE, "INS-1", t.reference(), "HANSA MARINE INSURANCE", t.currency(), amount,
                null, null, null, null, null, null, null, null, null, null, "INSTITUTE CARGO CLAUSES (A)");
    }

    public static PresentedDocument simple(String type, CreditTerms t) {
        return new PresentedDocument(type, type + "-1", t.reference(), "NORDSEE MASCHINENBAU GMBH", null, null, null, null, null, null, null,
                null, null, null, null, null, null);
    }

    /** Invoice, clean on-board full-set B/L, 110% insurance, packing list, certificate of origin. */
    public static List<PresentedDocument> complying(CreditTerms t, String amount, LocalDate shipped) {
        List<PresentedDocument> docs = new ArrayList<>();
        docs.add(invoice(t, amount));
        docs.add(billOfLading(t, shipped));
        docs.add(insurance(t, new java.math.BigDecimal(amount).multiply(new java.math.BigDecimal("1.10")).setScale(2, java.math.RoundingMode.HALF_UP).toPlainString()));
        docs.add(simple(PresentedDocument.PACKING_LIST, t));
        docs.add(simple(PresentedDocument.CERTIFICATE_OF_ORIGIN, t));
        return docs;
    }

    /** The set with one document replaced. */
    public static List<PresentedDocument> with(List<PresentedDocument> docs, PresentedDocument replacement) {
        List<PresentedDocument> out = new ArrayList<>();
        for (PresentedDocument d : docs) {
            out.add(d.type().equals(replacement.type()) ? replacement : d);
        }
        return out;
    }
}
