package io.tradenet.lc.swift;

import com.prowidesoftware.swift.model.SwiftBlock4;
import com.prowidesoftware.swift.model.SwiftMessage;
import com.prowidesoftware.swift.model.Tag;
import com.prowidesoftware.swift.model.mt.mt7xx.MT700;
import io.tradenet.contract.party.Party;
import io.tradenet.contract.party.PartyRegistry;
import io.tradenet.contract.party.Role;
import io.tradenet.contract.trade.CreditTerms;
import io.tradenet.lc.credit.CreditValidation.FieldError;

import java.time.LocalDate;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.time.format.ResolverStyle;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * MT700 (issue of a documentary credit) to and from {@link CreditTerms}, through Prowide Core. Parties
 * are resolved against the registry: the sender is the issuing bank and the receiver the advising bank
 * (by BIC), field 50 names the applicant and 59 the beneficiary (by registered legal name). Every
 * problem names its field. {@code read(write(terms))} gives the same terms.
 */
public final class Mt700 {

    /** The message could not be turned into credit terms; each error names its MT700 field. */
    public static final class Mt700Exception extends RuntimeException {
        private final transient List<FieldError> errors;

        Mt700Exception(List<FieldError> errors) {
            super(errors.size() + " MT700 field(s) invalid: " + String.join("; ", errors.stream().map(e -> e.field() + " " + e.message()).toList()));
            this.errors = List.copyOf(errors);
        }

        public List<FieldError> errors() {
            return errors;
        }
    }

    /** The largest message accepted (an MT700 with its MT701 continuations stays far below). */
    public static final int MAX_LENGTH = 64 * 1024;

    /** Strict: 31 February is an error, not 28 February (the default resolver would quietly adjust it). */
    private static final DateTimeFormatter YYMMDD = DateTimeFormatter.ofPattern("uuMMdd", Locale.ROOT).withResolverStyle(ResolverStyle.STRICT);
    private static final Pattern DATE_PLACE = Pattern.compile("(\\d{6})(.*)", Pattern.DOTALL);
    private static final Pattern CURRENCY_AMOUNT = Pattern.compile("([A-Z]{3})(\\d{1,15}(,\\d{0,2})?)");
    private static final Pattern TOLERANCE = Pattern.compile("(\\d{1,2})/(\\d{1,2})");
    private static final Pattern DAYS = Pattern.compile("(\\d{1,3})(/.*)?", Pattern.DOTALL);
    private static final int LINE = 65;

    private Mt700() {
    }

    // ------------------------------------------------------------------ import

    public static CreditTerms read(String fin, PartyRegistry registry) {
        List<FieldError> errors = new ArrayList<>();
        if (fin == null || fin.isBlank()) {
            throw new Mt700Exception(List.of(new FieldError("message", "empty")));
        }
        if (fin.length() > MAX_LENGTH) {
            throw new Mt700Exception(List.of(new FieldError("message", "longer than " + MAX_LENGTH + " characters")));
        }
        MT700 mt;
        try {
            mt = MT700.parse(fin);
        } catch (RuntimeException e) {
            throw new Mt700Exception(List.of(new FieldError("message", "not a SWIFT FIN message: " + e.getMessage())));
        }
        if (mt == null || mt.getSwiftMessage() == null || mt.getSwiftMessage().getBlock4() == null
                || mt.getSwiftMessage().getBlock4().isEmpty()) {
            throw new Mt700Exception(List.of(new FieldError("message", "no text block (block 4)")));
        }
        SwiftMessage message = mt.getSwiftMessage();
        if (!"700".equals(message.getType())) {
            errors.add(new FieldError("message", "message type is " + message.getType() + ", not 700"));
        }
        SwiftBlock4 text = message.getBlock4();

        String reference = required(text, "20", errors);
        String form = required(text, "40A", errors);
        LocalDate issueDate = date(required(text, "31C", errors), "31C", errors);
        String rules = value(text, "40E");
        LocalDate expiryDate = null;
        String expiryPlace = null;
        String expiry = required(text, "31D", errors);
        if (expiry != null) {
            Matcher m = DATE_PLACE.matcher(expiry);
            if (m.matches()) {
                expiryDate = date(m.group(1), "31D", errors);
                expiryPlace = oneLine(m.group(2));
            } else {
                errors.add(new FieldError("31D", "expected YYMMDD followed by the place of expiry"));
            }
        }
        String applicant = byLegalName(required(text, "50", errors), "50", Role.APPLICANT, registry, errors, false);
        String beneficiary = byLegalName(required(text, "59", errors), "59", Role.BENEFICIARY, registry, errors, true);
        String issuingBank = byBic(message.getSender(), "sender", registry, errors);
        String advisingBank = byBic(message.getReceiver(), "receiver", registry, errors);

        String currency = null;
        String amount = null;
        String amountField = required(text, "32B", errors);
        if (amountField != null) {
            Matcher m = CURRENCY_AMOUNT.matcher(amountField.trim());
            if (m.matches()) {
                currency = m.group(1);
                amount = decimal(m.group(2));
            } else {
                errors.add(new FieldError("32B", "expected a currency code and an amount with a decimal comma, got '" + printable(amountField) + "'"));
            }
        }
        Integer plus = null;
        Integer minus = null;
        String tolerance = value(text, "39A");
        if (tolerance != null) {
            Matcher m = TOLERANCE.matcher(tolerance.trim());
            if (m.matches()) {
                plus = Integer.parseInt(m.group(1));
                minus = Integer.parseInt(m.group(2));
            } else {
                errors.add(new FieldError("39A", "expected NN/NN"));
            }
        }
        String availableWith = null;
        String availableBy = null;
        String available = value(text, "41A") != null ? value(text, "41A") : value(text, "41D");
        if (available == null) {
            errors.add(new FieldError("41a", "available with ... by ... is mandatory"));
        } else {
            List<String> lines = available.lines().map(String::trim).toList();
            availableWith = lines.get(0);
            availableBy = lines.size() > 1 ? lines.get(1) : null;
        }
        String draftsAt = value(text, "42C");
        String drawee = value(text, "42A") == null ? null : byBic(firstLine(value(text, "42A")), "42a", registry, errors);
        String deferred = oneLine(value(text, "42P"));
        Integer period = null;
        String periodField = value(text, "48");
        if (periodField != null) {
            Matcher m = DAYS.matcher(periodField.trim());
            if (m.matches()) {
                period = Integer.parseInt(m.group(1));
            } else {
                errors.add(new FieldError("48", "expected a number of days"));
            }
        }
        String confirmationParty = value(text, "58A") == null ? null : byBic(firstLine(value(text, "58A")), "58a", registry, errors);
        LocalDate latestShipment = date(value(text, "44C"), "44C", errors);
        if (!errors.isEmpty()) {
            throw new Mt700Exception(errors);
        }
        return new CreditTerms(reference, form, issueDate, rules, expiryDate, expiryPlace, applicant, beneficiary, issuingBank, advisingBank,
                currency, amount, plus, minus, availableWith, availableBy, draftsAt, drawee, deferred,
                value(text, "43P"), value(text, "43T"), oneLine(value(text, "44A")), oneLine(value(text, "44E")),
                oneLine(value(text, "44F")), oneLine(value(text, "44B")), latestShipment,
                String.join("\n", items(value(text, "45A"))), items(value(text, "46A")), items(value(text, "47A")),
                oneLine(value(text, "71D")), period, value(text, "49"), confirmationParty, oneLine(value(text, "78")));
    }

    private static String value(SwiftBlock4 text, String name) {
        Tag tag = text.getTagByName(name);
        if (tag == null || tag.getValue() == null) {
            return null;
        }
        String v = tag.getValue().replace("\r\n", "\n").strip();
        return v.isEmpty() ? null : v;
    }

    private static String required(SwiftBlock4 text, String name, List<FieldError> errors) {
        String v = value(text, name);
        if (v == null) {
            errors.add(new FieldError(name, "mandatory field is missing"));
        }
        return v;
    }

    private static LocalDate date(String yymmdd, String field, List<FieldError> errors) {
        if (yymmdd == null) {
            return null;
        }
        try {
            return LocalDate.parse(yymmdd.trim(), YYMMDD);
        } catch (DateTimeParseException e) {
            errors.add(new FieldError(field, "expected a date YYMMDD, got '" + printable(yymmdd) + "'"));
            return null;
        }
    }

    private static String decimal(String swiftAmount) {
        String s = swiftAmount.replace(',', '.');
        if (s.endsWith(".")) {
            s = s.substring(0, s.length() - 1);
        }
        int dot = s.indexOf('.');
        if (dot < 0) {
            return s + ".00";
        }
        return s.length() - dot == 2 ? s + "0" : s;
    }

    private static String byLegalName(String field, String tag, Role role, PartyRegistry registry, List<FieldError> errors, boolean accountLine) {
        if (field == null) {
            return null;
        }
        List<String> lines = field.lines().map(String::trim).filter(l -> !l.isEmpty()).toList();
        if (accountLine && !lines.isEmpty() && lines.get(0).startsWith("/")) {
            lines = lines.subList(1, lines.size());
        }
        if (lines.isEmpty()) {
            errors.add(new FieldError(tag, "names no party"));
            return null;
        }
        String name = lines.get(0);
        Optional<Party> party = registry.parties().stream()
                .filter(p -> p.legalName() != null && p.legalName().equalsIgnoreCase(name) && p.hasRole(role)).findFirst();
        if (party.isEmpty()) {
            errors.add(new FieldError(tag, "'" + printable(name) + "' is not a registered " + role.name().toLowerCase(Locale.ROOT)));
            return null;
        }
        return party.get().name();
    }

    private static String byBic(String bic, String tag, PartyRegistry registry, List<FieldError> errors) {
        if (bic == null || bic.isBlank()) {
            errors.add(new FieldError(tag, "no BIC"));
            return null;
        }
        String trimmed = bic.trim();
        // a logical terminal address (BIC8, terminal code, branch) names the BIC11 without its terminal code
        String b = trimmed.length() == 12 ? trimmed.substring(0, 8) + trimmed.substring(9) : trimmed;
        String bic11 = b.length() == 8 ? b + "XXX" : b;
        Optional<Party> bank = registry.parties().stream()
                .filter(p -> p.bic() != null && p.hasRole(Role.BANK) && (p.bic().equals(b) || p.bic().equals(bic11)
                        || (p.bic().length() == 8 && (p.bic() + "XXX").equals(bic11)))).findFirst();
        if (bank.isEmpty()) {
            errors.add(new FieldError(tag, "BIC " + printable(bic.trim()) + " is not a registered bank"));
            return null;
        }
        return bank.get().name();
    }

    /** Narrative items: each starts with '+' on a new line; continuation lines are joined with a space. */
    static List<String> items(String narrative) {
        List<String> items = new ArrayList<>();
        if (narrative == null) {
            return items;
        }
        StringBuilder current = null;
        for (String raw : narrative.lines().toList()) {
            String line = raw.strip();
            if (line.isEmpty()) {
                continue;
            }
            if (line.startsWith("+") || current == null) {
                if (current != null) {
                    items.add(current.toString());
                }
                current = new StringBuilder(line.startsWith("+") ? line.substring(1).strip() : line);
            } else {
                current.append(' ').append(line);
            }
        }
        if (current != null) {
            items.add(current.toString());
        }
        return items;
    }

    private static String oneLine(String text) {
        if (text == null) {
            return null;
        }
        String joined = String.join(" ", text.lines().map(String::strip).filter(l -> !l.isEmpty()).toList());
        return joined.isEmpty() ? null : joined;
    }

    private static String firstLine(String text) {
        return text.lines().findFirst().orElse("").strip();
    }

    private static String printable(String s) {
        String cut = s.length() > 40 ? s.substring(0, 40) + "..." : s;
        return cut.replaceAll("\\p{Cntrl}", "?");
    }

    // ------------------------------------------------------------------ export

    /** The credit as an MT700 FIN message from its issuing bank to its advising bank. */
    public static String write(CreditTerms t, PartyRegistry registry) {
        MT700 mt = new MT700();
        mt.setSender(bic(registry, t.issuingBank()));
        mt.setReceiver(bic(registry, t.advisingBank()));
        SwiftBlock4 b = mt.getSwiftMessage().getBlock4();
        add(b, "27", "1/1");
        add(b, "40A", t.formOfCredit());
        add(b, "20", t.reference());
        add(b, "31C", t.issueDate() == null ? null : t.issueDate().format(YYMMDD));
        add(b, "40E", t.applicableRules());
        add(b, "31D", t.expiryDate() == null ? null : t.expiryDate().format(YYMMDD) + nz(t.expiryPlace()));
        add(b, "50", legalName(registry, t.applicant()));
        add(b, "59", legalName(registry, t.beneficiary()));
        add(b, "32B", t.currency() + t.amount().replace('.', ','));
        if (t.tolerancePlus() != null || t.toleranceMinus() != null) {
            add(b, "39A", String.format(Locale.ROOT, "%02d/%02d", nz(t.tolerancePlus()), nz(t.toleranceMinus())));
        }
        boolean bicAvailable = t.availableWith() != null && Party.BIC.matcher(t.availableWith()).matches();
        add(b, bicAvailable ? "41A" : "41D", nz(t.availableWith()) + "\n" + nz(t.availableBy()));
        add(b, "42C", t.draftsAt());
        add(b, "42A", t.drawee() == null ? null : bic(registry, t.drawee()));
        add(b, "42P", wrap(t.deferredPaymentDetails()));
        add(b, "43P", t.partialShipments());
        add(b, "43T", t.transhipment());
        add(b, "44A", wrap(t.placeOfReceipt()));
        add(b, "44E", wrap(t.portOfLoading()));
        add(b, "44F", wrap(t.portOfDischarge()));
        add(b, "44B", wrap(t.finalDestination()));
        add(b, "44C", t.latestShipmentDate() == null ? null : t.latestShipmentDate().format(YYMMDD));
        add(b, "45A", t.goods() == null ? null : bullets(List.of(t.goods().split("\n"))));
        add(b, "46A", bullets(t.documentsRequired()));
        add(b, "47A", bullets(t.additionalConditions()));
        add(b, "71D", wrap(t.charges()));
        add(b, "48", t.presentationPeriodDays() == null ? null : Integer.toString(t.presentationPeriodDays()));
        add(b, "49", t.confirmationInstructions());
        add(b, "58A", t.requestedConfirmationParty() == null ? null : bic(registry, t.requestedConfirmationParty()));
        add(b, "78", wrap(t.instructionsToBank()));
        return mt.message();
    }

    /** Appends the field unless its value is absent (shared by the MT7xx writers). */
    static void add(SwiftBlock4 block, String name, String value) {
        if (value != null && !value.isBlank()) {
            block.append(new Tag(name, value));
        }
    }

    /** The party's BIC from the registry, as 11 characters (shared by the MT7xx writers). */
    static String bic(PartyRegistry registry, String party) {
        String bic = registry.get(party).bic();
        if (bic == null) {
            throw new IllegalArgumentException(party + " has no BIC in the registry");
        }
        return bic.length() == 8 ? bic + "XXX" : bic;
    }

    private static String legalName(PartyRegistry registry, String party) {
        String name = registry.get(party).legalName();
        if (name == null) {
            throw new IllegalArgumentException(party + " has no legal name in the registry");
        }
        return name;
    }

    private static String bullets(List<String> items) {
        if (items == null || items.isEmpty()) {
            return null;
        }
        return String.join("\n", items.stream().map(item -> wrap("+" + item)).toList());
    }

    /** Wraps at word boundaries into SWIFT lines of at most 65 characters; re-import joins them with a space. */
    private static String wrap(String text) {
        if (text == null) {
            return null;
        }
        List<String> lines = new ArrayList<>();
        StringBuilder line = new StringBuilder();
        for (String word : text.split(" ")) {
            if (line.length() > 0 && line.length() + 1 + word.length() > LINE) {
                lines.add(line.toString());
                line.setLength(0);
            }
            if (line.length() > 0) {
                line.append(' ');
            }
            line.append(word);
        }
        lines.add(line.toString());
        return String.join("\n", lines);
    }

    private static String nz(String s) {
        return s == null ? "" : s;
    }

    private static int nz(Integer i) {
        return i == null ? 0 : i;
    }
}
