package io.tradenet.lc.examination;

import io.tradenet.contract.trade.CreditTerms;
import io.tradenet.contract.trade.Discrepancy;
import io.tradenet.contract.trade.PresentedDocument;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * Automated examination of a presentation against the credit (BRIEF section 4, ICC UCP 600). The result
 * is the list of discrepancies, each with its article: empty means the presentation complies. The
 * examination reads only the data the documents state; it does not judge authenticity (art. 34).
 */
public final class Examiner {

    /** Art. 14(c): the default period for presentation after shipment when field 48 is silent. */
    public static final int DEFAULT_PRESENTATION_DAYS = 21;

    /** What field 46A asks for, recognised by the usual wording, and the document type that satisfies it. */
    private static final Map<String, String> REQUIRED = new LinkedHashMap<>();

    static {
        REQUIRED.put("COMMERCIAL INVOICE", PresentedDocument.COMMERCIAL_INVOICE);
        REQUIRED.put("BILLS OF LADING", PresentedDocument.BILL_OF_LADING);
        REQUIRED.put("BILL OF LADING", PresentedDocument.BILL_OF_LADING);
        REQUIRED.put("INSURANCE", PresentedDocument.INSURANCE);
        REQUIRED.put("PACKING LIST", PresentedDocument.PACKING_LIST);
        REQUIRED.put("CERTIFICATE OF ORIGIN", PresentedDocument.CERTIFICATE_OF_ORIGIN);
        REQUIRED.put("PHYTOSANITARY", PresentedDocument.PHYTOSANITARY_CERTIFICATE);
        REQUIRED.put("INSPECTION CERTIFICATE", PresentedDocument.INSPECTION_CERTIFICATE);
    }

    private Examiner() {
    }

    /**
     * @param terms       the credit's terms in force (accepted amendments applied)
     * @param drawn       the total of earlier honoured drawings
     * @param amount      the amount claimed by this presentation
     * @param documents   the documents presented
     * @param presentedOn the day of presentation (eUCP: of the notice of completeness)
     */
    public static List<Discrepancy> examine(CreditTerms terms, BigDecimal drawn, BigDecimal amount, List<PresentedDocument> documents,
                                            LocalDate presentedOn) {
        List<Discrepancy> found = new ArrayList<>();
        Optional<PresentedDocument> invoice = first(documents, PresentedDocument.COMMERCIAL_INVOICE);
        Optional<PresentedDocument> transport = first(documents, PresentedDocument.BILL_OF_LADING);
        Optional<PresentedDocument> insurance = first(documents, PresentedDocument.INSURANCE);

        // art. 6(d)(i), 29: presented on or before the expiry date
        if (terms.expiryDate() != null && presentedOn.isAfter(terms.expiryDate())) {
            found.add(new Discrepancy("6(d)", "31D", "presented on " + presentedOn + ", after the credit expired on " + terms.expiryDate()));
        }
        // art. 14(a) and field 46A: every required document is presented
        for (String required : terms.documentsRequired() == null ? List.<String>of() : terms.documentsRequired()) {
            String type = requiredType(required);
            if (type != null && first(documents, type).isEmpty()) {
                found.add(new Discrepancy("14(a)", "46A", "required document not presented: " + required));
            }
        }
        BigDecimal creditAmount = new BigDecimal(terms.amount());
        boolean about = mentionsAbout(terms.goods());
        BigDecimal plus = percent(terms.tolerancePlus(), about);
        BigDecimal minus = percent(terms.toleranceMinus(), about);
        BigDecimal ceiling = creditAmount.multiply(BigDecimal.ONE.add(plus)).setScale(2, RoundingMode.HALF_UP);
        // art. 30(a), (b) and 39A: never more than the credit amount plus tolerance, nor than what is left
        if (amount.compareTo(ceiling) > 0) {
            found.add(new Discrepancy("30", "32B", "amount " + amount + " exceeds the credit amount with tolerance " + ceiling));
        } else if (drawn.add(amount).compareTo(ceiling) > 0) {
            found.add(new Discrepancy("30", "32B", "amount " + amount + " exceeds the available balance " + ceiling.subtract(drawn)));
        }
        // art. 31(b) and 43P: no partial drawing when partial shipments are not allowed
        boolean partialsForbidden = "NOT ALLOWED".equalsIgnoreCase(nz(terms.partialShipments()));
        BigDecimal floor = creditAmount.multiply(BigDecimal.ONE.subtract(minus)).setScale(2, RoundingMode.HALF_UP);
        if (partialsForbidden && (drawn.signum() > 0 || amount.compareTo(floor) < 0)) {
            found.add(new Discrepancy("31(b)", "43P", "partial drawing of " + amount + " while partial shipments are not allowed"));
        }
        if (invoice.isPresent()) {
            PresentedDocument inv = invoice.get();
            // art. 18(a)(iii): the invoice is made out in the credit's currency
            if (inv.currency() != null && !inv.currency().equals(terms.currency())) {
                found.add(new Discrepancy("18(a)", "32B", "invoice in " + inv.currency() + ", credit in " + terms.currency()));
            }
            // art. 18(b) with 30: the invoice amount covers the drawing
            if (inv.amount() != null && new BigDecimal(inv.amount()).compareTo(amount) < 0) {
                found.add(new Discrepancy("18(b)", "32B", "amount drawn " + amount + " exceeds the invoice amount " + inv.amount()));
            }
            // art. 18(c): the goods description corresponds with the credit
            if (terms.goods() != null && (inv.goods() == null || !normalise(inv.goods()).contains(normalise(firstLine(terms.goods()))))) {
                found.add(new Discrepancy("18(c)", "45A", "invoice goods description does not correspond with the credit"));
            }
        }
        if (transport.isPresent()) {
            PresentedDocument bl = transport.get();
            // art. 20(a)(ii): shipped on board, with the date of shipment
            if (!Boolean.TRUE.equals(bl.onBoard()) || bl.date() == null) {
                found.add(new Discrepancy("20(a)(ii)", "46A", "bill of lading does not show shipment on board with a date"));
            }
            // art. 20(a)(i): names the carrier; the vessel is named
            if (blank(bl.carrier()) || blank(bl.vessel())) {
                found.add(new Discrepancy("20(a)(i)", "46A", "bill of lading does not name the carrier and the vessel"));
            }
            // art. 20(a)(iii): from the port of loading to the port of discharge stated in the credit
            if (terms.portOfLoading() != null && !samePlace(bl.portOfLoading(), terms.portOfLoading())) {
                found.add(new Discrepancy("20(a)(iii)", "44E", "port of loading " + bl.portOfLoading() + ", credit says " + terms.portOfLoading()));
            }
            if (terms.portOfDischarge() != null && !samePlace(bl.portOfDischarge(), terms.portOfDischarge())) {
                found.add(new Discrepancy("20(a)(iii)", "44F", "port of discharge " + bl.portOfDischarge() + ", credit says " + terms.portOfDischarge()));
            }
            // art. 20(a)(iv): the full set of originals
            if (!Boolean.TRUE.equals(bl.fullSet())) {
                found.add(new Discrepancy("20(a)(iv)", "46A", "not the full set of original bills of lading"));
            }
            // art. 27: clean
            if (!Boolean.TRUE.equals(bl.clean())) {
                found.add(new Discrepancy("27", "46A", "the bill of lading bears a clause declaring a defective condition of the goods"));
            }
            // art. 20(c) and 43T: transhipment when the credit prohibits it
            if ("NOT ALLOWED".equalsIgnoreCase(nz(terms.transhipment())) && Boolean.TRUE.equals(bl.transhipment())) {
                found.add(new Discrepancy("20(c)", "43T", "the bill of lading shows transhipment, which the credit prohibits"));
            }
            if (bl.date() != null) {
                // field 44C: shipment on or before the latest shipment date
                if (terms.latestShipmentDate() != null && bl.date().isAfter(terms.latestShipmentDate())) {
                    found.add(new Discrepancy("20(a)(ii)", "44C", "shipped on " + bl.date() + ", after the latest shipment date " + terms.latestShipmentDate()));
                }
                // art. 14(c) and field 48: presented within the period after shipment
                int period = terms.presentationPeriodDays() == null ? DEFAULT_PRESENTATION_DAYS : terms.presentationPeriodDays();
                if (presentedOn.isAfter(bl.date().plusDays(period))) {
                    found.add(new Discrepancy("14(c)", "48", "presented " + presentedOn + ", more than " + period + " days after shipment on " + bl.date()));
                }
            }
        }
        if (insurance.isPresent()) {
            PresentedDocument ins = insurance.get();
            // art. 28(f)(i): insurance in the credit's currency
            if (ins.currency() != null && !ins.currency().equals(terms.currency())) {
                found.add(new Discrepancy("28(f)(i)", "46A", "insurance in " + ins.currency() + ", credit in " + terms.currency()));
            }
            // art. 28(f)(ii): at least 110% of the CIF or CIP value
            BigDecimal value = invoice.map(PresentedDocument::amount).map(BigDecimal::new).orElse(amount);
            BigDecimal minimum = value.multiply(new BigDecimal("1.10")).setScale(2, RoundingMode.HALF_UP);
            if (ins.amount() == null || new BigDecimal(ins.amount()).compareTo(minimum) < 0) {
                found.add(new Discrepancy("28(f)(ii)", "46A", "insured amount " + ins.amount() + " is below 110% of the CIF value (" + minimum + ")"));
            }
        }
        // art. 14(d): data in a document must not conflict with the credit or another document
        for (PresentedDocument doc : documents) {
            if (doc.creditNumber() != null && !doc.creditNumber().equals(terms.reference())) {
                found.add(new Discrepancy("14(d)", "20", doc.type() + " bears credit number " + doc.creditNumber() + ", not " + terms.reference()));
            }
        }
        if (invoice.isPresent() && insurance.isPresent() && invoice.get().currency() != null && insurance.get().currency() != null
                && !invoice.get().currency().equals(insurance.get().currency())) {
            found.add(new Discrepancy("14(d)", "46A", "the invoice and the insurance document state different currencies"));
        }
        // art. 14(i): a document may be dated before the credit was issued, but not after it was presented
        for (PresentedDocument doc : documents) {
            if (doc.date() != null && doc.date().isAfter(presentedOn)) {
                found.add(new Discrepancy("14(i)", "46A", doc.type() + " " + nz(doc.reference()) + " is dated " + doc.date()
                        + ", after the presentation on " + presentedOn));
            }
        }
        // art. 28(e): the insurance is dated no later than shipment, unless it shows cover effective from shipment or earlier
        if (insurance.isPresent() && transport.isPresent() && insurance.get().date() != null && transport.get().date() != null
                && insurance.get().date().isAfter(transport.get().date()) && !coverFromShipment(insurance.get().coverage(), transport.get().date())) {
            found.add(new Discrepancy("28(e)", "46A", "insurance dated " + insurance.get().date() + ", after shipment on " + transport.get().date()
                    + ", without cover effective from the date of shipment"));
        }
        return found;
    }

    /** The document type field 46A's item asks for, or null when the item names none this examiner knows. */
    static String requiredType(String item) {
        String upper = item.toUpperCase(Locale.ROOT);
        for (Map.Entry<String, String> e : REQUIRED.entrySet()) {
            if (upper.contains(e.getKey())) {
                return e.getValue();
            }
        }
        return null;
    }

    /** Art. 30(a): "about" or "approximately" allows 10% either way; otherwise field 39A's percentages. */
    private static BigDecimal percent(Integer tolerance, boolean about) {
        if (about) {
            return new BigDecimal("0.10");
        }
        return tolerance == null ? BigDecimal.ZERO : BigDecimal.valueOf(tolerance).movePointLeft(2);
    }

    private static final java.util.regex.Pattern EFFECTIVE = java.util.regex.Pattern.compile(
            "EFFECTIVE (?:FROM|AS OF|ON) (?:THE )?(?:DATE OF SHIPMENT|SHIPMENT DATE|(\\d{4}-\\d{2}-\\d{2}))");

    /**
     * Art. 28(e): the insurance document shows cover effective from the date of shipment or an earlier date.
     * (A warehouse-to-warehouse clause alone does not show it, ISBP 745 K10(b).)
     */
    private static boolean coverFromShipment(String coverage, LocalDate shipped) {
        java.util.regex.Matcher m = EFFECTIVE.matcher(nz(coverage).toUpperCase(Locale.ROOT));
        if (!m.find()) {
            return false;
        }
        try {
            return m.group(1) == null || !LocalDate.parse(m.group(1)).isAfter(shipped);
        } catch (java.time.format.DateTimeParseException e) {
            return false;
        }
    }

    private static boolean mentionsAbout(String goods) {
        String g = nz(goods).toUpperCase(Locale.ROOT);
        return g.startsWith("ABOUT ") || g.contains(" ABOUT ") || g.contains("APPROXIMATELY");
    }

    private static boolean samePlace(String stated, String credit) {
        return stated != null && city(stated).equals(city(credit));
    }

    private static String city(String place) {
        String p = place.toUpperCase(Locale.ROOT).trim();
        int comma = p.indexOf(',');
        return (comma < 0 ? p : p.substring(0, comma)).trim();
    }

    private static Optional<PresentedDocument> first(List<PresentedDocument> documents, String type) {
        return documents.stream().filter(d -> type.equals(d.type())).findFirst();
    }

    private static String normalise(String text) {
        return text.toUpperCase(Locale.ROOT).replaceAll("\\s+", " ").trim();
    }

    private static String firstLine(String text) {
        return text.lines().findFirst().orElse("");
    }

    private static boolean blank(String s) {
        return s == null || s.isBlank();
    }

    private static String nz(String s) {
        return s == null ? "" : s;
    }
}
