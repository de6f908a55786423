package io.tradenet.lc.credit;

import io.tradenet.contract.http.ProblemException;
import io.tradenet.contract.party.PartyRegistry;
import io.tradenet.contract.party.Role;
import io.tradenet.contract.trade.CreditTerms;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Checks a credit's terms before it is issued. Each error names the MT700 field it concerns; all errors
 * are reported at once (422, problem type {@code invalid-credit}, member {@code errors}).
 */
public final class CreditValidation {

    public static final Set<String> AVAILABLE_BY = Set.of("BY PAYMENT", "BY DEF PAYMENT", "BY ACCEPTANCE", "BY NEGOTIATION", "BY MIXED PYMT");
    private static final Pattern REFERENCE = Pattern.compile("[A-Za-z0-9/\\-?:().,'+ ]{1,16}");
    private static final Pattern CURRENCY = Pattern.compile("[A-Z]{3}");
    private static final Pattern AMOUNT = Pattern.compile("\\d{1,15}(\\.\\d{1,2})?");
    private static final int MAX_TEXT = 6500;

    /** One field error: the MT700 tag and what is wrong. */
    public record FieldError(String field, String message) {
    }

    private CreditValidation() {
    }

    public static void requireValid(CreditTerms terms, PartyRegistry registry) {
        List<FieldError> errors = validate(terms, registry);
        if (!errors.isEmpty()) {
            throw ProblemException.unprocessable("invalid-credit", errors.size() + " field(s) of the credit are invalid: "
                    + String.join("; ", errors.stream().map(e -> e.field() + " " + e.message()).toList()))
                    .with("errors", errors);
        }
    }

    public static List<FieldError> validate(CreditTerms t, PartyRegistry registry) {
        List<FieldError> errors = new ArrayList<>();
        if (t.reference() == null || !REFERENCE.matcher(t.reference()).matches()) {
            errors.add(new FieldError("20", "documentary credit number is required (1 to 16 SWIFT characters)"));
        }
        if (t.issueDate() == null) {
            errors.add(new FieldError("31C", "date of issue is required"));
        }
        if (t.expiryDate() == null || blank(t.expiryPlace())) {
            errors.add(new FieldError("31D", "date and place of expiry are required (UCP 600 art. 6(d))"));
        } else if (t.issueDate() != null && t.expiryDate().isBefore(t.issueDate())) {
            errors.add(new FieldError("31D", "expiry " + t.expiryDate() + " is before the date of issue " + t.issueDate()));
        }
        party(errors, "50", "applicant", t.applicant(), Role.APPLICANT, registry);
        party(errors, "59", "beneficiary", t.beneficiary(), Role.BENEFICIARY, registry);
        party(errors, "51a", "issuing bank", t.issuingBank(), Role.BANK, registry);
        if (t.advisingBank() != null) {
            party(errors, "57a", "advising bank", t.advisingBank(), Role.BANK, registry);
        }
        if (t.currency() == null || !CURRENCY.matcher(t.currency()).matches()) {
            errors.add(new FieldError("32B", "currency must be an ISO 4217 code"));
        }
        if (t.amount() == null || !AMOUNT.matcher(t.amount()).matches() || new BigDecimal(t.amount()).signum() <= 0) {
            errors.add(new FieldError("32B", "amount must be a positive decimal with at most 2 decimals"));
        }
        if ((t.tolerancePlus() != null && (t.tolerancePlus() < 0 || t.tolerancePlus() > 99))
                || (t.toleranceMinus() != null && (t.toleranceMinus() < 0 || t.toleranceMinus() > 99))) {
            errors.add(new FieldError("39A", "tolerance must be 0 to 99 percent"));
        }
        if (t.availableBy() == null || !AVAILABLE_BY.contains(t.availableBy())) {
            errors.add(new FieldError("41a", "availability must be one of " + AVAILABLE_BY + " (UCP 600 art. 6(b))"));
        }
        if (t.drawee() != null && t.applicant() != null && t.drawee().equals(t.applicant())) {
            errors.add(new FieldError("42a", "a credit must not be issued available by a draft drawn on the applicant (UCP 600 art. 6(c))"));
        }
        if (t.latestShipmentDate() != null && t.expiryDate() != null && t.latestShipmentDate().isAfter(t.expiryDate())) {
            errors.add(new FieldError("44C", "latest shipment " + t.latestShipmentDate() + " is after expiry " + t.expiryDate()));
        }
        if (t.presentationPeriodDays() != null && (t.presentationPeriodDays() < 1 || t.presentationPeriodDays() > 365)) {
            errors.add(new FieldError("48", "presentation period must be 1 to 365 days"));
        }
        if (t.confirmationInstructions() != null && !Set.of("CONFIRM", "MAY ADD", "WITHOUT").contains(t.confirmationInstructions())) {
            errors.add(new FieldError("49", "confirmation instructions must be CONFIRM, MAY ADD or WITHOUT"));
        }
        for (Map.Entry<String, String> text : Map.of("45A", nz(t.goods()), "71D", nz(t.charges()), "78", nz(t.instructionsToBank())).entrySet()) {
            if (text.getValue().length() > MAX_TEXT) {
                errors.add(new FieldError(text.getKey(), "longer than " + MAX_TEXT + " characters"));
            }
        }
        if (t.documentsRequired() != null && t.documentsRequired().size() > 100) {
            errors.add(new FieldError("46A", "more than 100 documents"));
        }
        return errors;
    }

    private static void party(List<FieldError> errors, String field, String what, String name, Role role, PartyRegistry registry) {
        if (name == null) {
            errors.add(new FieldError(field, what + " is required"));
        } else if (registry.find(name).isEmpty()) {
            errors.add(new FieldError(field, what + " " + name + " is not a registered party"));
        } else if (!registry.hasRole(name, role)) {
            errors.add(new FieldError(field, what + " " + name + " does not hold role " + role));
        }
    }

    private static boolean blank(String s) {
        return s == null || s.isBlank();
    }

    private static String nz(String s) {
        return s == null ? "" : s;
    }
}
