package io.tradenet.lc.swift;

import com.prowidesoftware.swift.model.SwiftBlock4;
import com.prowidesoftware.swift.model.SwiftMessage;
import com.prowidesoftware.swift.model.Tag;
import com.prowidesoftware.swift.model.mt.mt7xx.MT707;
import io.tradenet.contract.party.PartyRegistry;
import io.tradenet.contract.trade.Amendment;
import io.tradenet.contract.trade.CreditTerms;
import io.tradenet.lc.credit.CreditValidation.FieldError;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.LocalDate;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.time.format.ResolverStyle;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * MT707 (amendment to a documentary credit) to an {@link Amendment}, through Prowide Core: 23 (or 20)
 * names the credit, 26E the amendment number, 31D a new expiry, 32B an increase and 33B a decrease,
 * 44C a new latest shipment date; 45B/46B/47B items added (/ADD/), deleted (/DELETE/), or all replaced
 * (/REPALL/, which stands alone in its field). Any other code, or /REPALL/ mixed with others, is refused
 * naming the field rather than half applied. {@link #write} exports an amendment the same way, and
 * {@code read(write(amendment))} gives the same amendment.
 */
public final class Mt707 {

    private static final DateTimeFormatter YYMMDD = DateTimeFormatter.ofPattern("uuMMdd", Locale.ROOT).withResolverStyle(ResolverStyle.STRICT);
    private static final Pattern AMOUNT = Pattern.compile("([A-Z]{3})(\\d{1,15}(,\\d{0,2})?)");
    private static final Pattern DATE_PLACE = Pattern.compile("(\\d{6})(.*)", Pattern.DOTALL);

    /** A SWIFT narrative line holds at most 65 characters (45B/46B/47B: 65z). */
    private static final int LINE = 65;

    private Mt707() {
    }

    // ------------------------------------------------------------------ export

    /**
     * The amendment as an MT707 from the credit's issuing bank (sender, and 52A) to its advising bank
     * (receiver; the issuing bank itself when the credit names none), as Mt700.write addresses the credit.
     * The fields up to 22A identify the credit and the amendment (27 1/1, 20 and 23 the credit number, 21
     * NONREF, 31C the credit's date of issue, 26E the number, 30 {@code dateOfAmendment}, 22A ISSU); after
     * 22A only what the amendment changes, as the standard asks. A new place of expiry without a new date
     * is written with the credit's current expiry date, since 31D always carries a date. Narrative items are
     * wrapped at word boundaries into 65-character lines that import again as the same items.
     *
     * @throws IllegalArgumentException when the amendment cannot be expressed as an MT707 (number outside
     *                                  1 to 999, an amount with more than two decimals, a party without a BIC)
     */
    public static String write(CreditTerms terms, Amendment amendment, LocalDate dateOfAmendment, PartyRegistry registry) {
        if (amendment.number() < 1 || amendment.number() > 999) {
            throw new IllegalArgumentException("26E: amendment number " + amendment.number() + " is not 1 to 999");
        }
        MT707 mt = new MT707();
        String issuingBic = Mt700.bic(registry, terms.issuingBank());
        mt.setSender(issuingBic);
        mt.setReceiver(Mt700.bic(registry, terms.advisingBank() != null ? terms.advisingBank() : terms.issuingBank()));
        SwiftBlock4 b = mt.getSwiftMessage().getBlock4();
        Mt700.add(b, "27", "1/1");
        Mt700.add(b, "20", terms.reference());
        Mt700.add(b, "21", "NONREF");
        Mt700.add(b, "23", terms.reference());
        Mt700.add(b, "52A", issuingBic);
        Mt700.add(b, "31C", terms.issueDate() == null ? null : terms.issueDate().format(YYMMDD));
        Mt700.add(b, "26E", String.format(Locale.ROOT, "%02d", amendment.number()));
        Mt700.add(b, "30", dateOfAmendment.format(YYMMDD));
        Mt700.add(b, "22A", "ISSU");
        if (amendment.expiryDate() != null || amendment.expiryPlace() != null) {
            LocalDate expiry = amendment.expiryDate() != null ? amendment.expiryDate() : terms.expiryDate();
            if (expiry == null) {
                throw new IllegalArgumentException("31D: a new place of expiry needs a date, and the credit has none");
            }
            Mt700.add(b, "31D", expiry.format(YYMMDD) + (amendment.expiryPlace() == null ? "" : amendment.expiryPlace()));
        }
        Mt700.add(b, "32B", swiftAmount("32B", terms.currency(), amendment.increase()));
        Mt700.add(b, "33B", swiftAmount("33B", terms.currency(), amendment.decrease()));
        Mt700.add(b, "44C", amendment.latestShipmentDate() == null ? null : amendment.latestShipmentDate().format(YYMMDD));
        Mt700.add(b, "45B", narrative(amendment.goodsAdded(), amendment.goodsDeleted(), amendment.goodsReplaced()));
        Mt700.add(b, "46B", narrative(amendment.documentsAdded(), amendment.documentsDeleted(), amendment.documentsReplaced()));
        Mt700.add(b, "47B", narrative(amendment.conditionsAdded(), amendment.conditionsDeleted(), amendment.conditionsReplaced()));
        return mt.message();
    }

    /** Currency and amount with the decimal comma and two decimals, as the reader gives them back. */
    private static String swiftAmount(String field, String currency, String amount) {
        if (amount == null) {
            return null;
        }
        try {
            return currency + new BigDecimal(amount).setScale(2, RoundingMode.UNNECESSARY).toPlainString().replace('.', ',');
        } catch (ArithmeticException | NumberFormatException e) {
            throw new IllegalArgumentException(field + ": " + amount + " is not an amount with at most two decimals");
        }
    }

    /** A 45B/46B/47B field: /REPALL/ alone, or /DELETE/ then /ADD/; each code followed by its items, one '+' each. */
    private static String narrative(List<String> added, List<String> deleted, List<String> replaced) {
        List<String> lines = new ArrayList<>();
        if (replaced != null) {
            lines.addAll(coded("REPALL", replaced));
        } else {
            lines.addAll(coded("DELETE", deleted));
            lines.addAll(coded("ADD", added));
        }
        return lines.isEmpty() ? null : String.join("\n", lines);
    }

    private static List<String> coded(String code, List<String> items) {
        List<String> lines = new ArrayList<>();
        for (int i = 0; i < items.size(); i++) {
            lines.addAll(wrap((i == 0 ? "/" + code + "/" : "") + "+" + items.get(i)));
        }
        return lines;
    }

    /**
     * Wraps at word boundaries into lines of at most 65 characters; the reader joins them again with a
     * space (so any run of blanks or line breaks inside an item is one space). A word that would open a continuation line as something else ('+' a new item, '/' a code,
     * ':' a field, '-' the end of the text block) stays on the line of the word before it. A single word
     * longer than a line is kept whole (cutting it would change the item on re-import).
     */
    static List<String> wrap(String text) {
        List<String> units = new ArrayList<>();
        for (String word : text.strip().split("\\s+")) {
            if (!units.isEmpty() && !word.isEmpty() && "+/:-".indexOf(word.charAt(0)) >= 0) {
                units.set(units.size() - 1, units.get(units.size() - 1) + " " + word);
            } else {
                units.add(word);
            }
        }
        List<String> lines = new ArrayList<>();
        StringBuilder line = new StringBuilder();
        for (String unit : units) {
            if (line.length() > 0 && line.length() + 1 + unit.length() > LINE) {
                lines.add(line.toString());
                line.setLength(0);
            }
            if (line.length() > 0) {
                line.append(' ');
            }
            line.append(unit);
        }
        lines.add(line.toString());
        return lines;
    }

    // ------------------------------------------------------------------ import

    public static Amendment read(String fin, String creditReference, String currency) {
        List<FieldError> errors = new ArrayList<>();
        if (fin == null || fin.isBlank() || fin.length() > Mt700.MAX_LENGTH) {
            throw new Mt700.Mt700Exception(List.of(new FieldError("message", "empty or longer than " + Mt700.MAX_LENGTH + " characters")));
        }
        MT707 mt;
        try {
            mt = MT707.parse(fin);
        } catch (RuntimeException e) {
            throw new Mt700.Mt700Exception(List.of(new FieldError("message", "not a SWIFT FIN message: " + e.getMessage())));
        }
        SwiftMessage message = mt == null ? null : mt.getSwiftMessage();
        if (message == null || message.getBlock4() == null || message.getBlock4().isEmpty()) {
            throw new Mt700.Mt700Exception(List.of(new FieldError("message", "no text block (block 4)")));
        }
        if (!"707".equals(message.getType())) {
            throw new Mt700.Mt700Exception(List.of(new FieldError("message", "message type is " + message.getType() + ", not 707")));
        }
        SwiftBlock4 b = message.getBlock4();
        String credit = value(b, "23") != null ? value(b, "23") : value(b, "20");
        if (credit == null || !credit.equals(creditReference)) {
            errors.add(new FieldError("23", "amends " + credit + ", not credit " + creditReference));
        }
        int number = -1;
        String n = value(b, "26E");
        if (n == null || !n.matches("\\d{1,3}")) {
            errors.add(new FieldError("26E", "the number of amendment is mandatory (1 to 3 digits)"));
        } else {
            number = Integer.parseInt(n);
        }
        LocalDate expiry = null;
        String place = null;
        String expiryField = value(b, "31D");
        if (expiryField != null) {
            Matcher m = DATE_PLACE.matcher(expiryField);
            if (m.matches()) {
                expiry = date(m.group(1), "31D", errors);
                place = m.group(2).strip().isEmpty() ? null : m.group(2).strip();
            } else {
                errors.add(new FieldError("31D", "expected YYMMDD followed by the place of expiry"));
            }
        }
        String increase = amount(value(b, "32B"), "32B", currency, errors);
        String decrease = amount(value(b, "33B"), "33B", currency, errors);
        LocalDate latestShipment = date(value(b, "44C"), "44C", errors);
        Narrative goods = narrative(value(b, "45B"), "45B", errors);
        Narrative documents = narrative(value(b, "46B"), "46B", errors);
        Narrative conditions = narrative(value(b, "47B"), "47B", errors);
        if (!errors.isEmpty()) {
            throw new Mt700.Mt700Exception(errors);
        }
        return new Amendment(number, expiry, place, increase, decrease, latestShipment, goods.added(), documents.added(), conditions.added(),
                goods.deleted(), documents.deleted(), conditions.deleted(), goods.replaced(), documents.replaced(), conditions.replaced());
    }

    private static String value(SwiftBlock4 b, String name) {
        Tag tag = b.getTagByName(name);
        if (tag == null || tag.getValue() == null || tag.getValue().isBlank()) {
            return null;
        }
        return tag.getValue().replace("\r\n", "\n").strip();
    }

    private static LocalDate date(String yymmdd, String field, List<FieldError> errors) {
        if (yymmdd == null) {
            return null;
        }
        try {
            return LocalDate.parse(yymmdd, YYMMDD);
        } catch (DateTimeParseException e) {
            errors.add(new FieldError(field, "expected a date YYMMDD"));
            return null;
        }
    }

    private static String amount(String field, String tag, String currency, List<FieldError> errors) {
        if (field == null) {
            return null;
        }
        Matcher m = AMOUNT.matcher(field);
        if (!m.matches()) {
            errors.add(new FieldError(tag, "expected a currency code and an amount with a decimal comma"));
            return null;
        }
        if (!m.group(1).equals(currency)) {
            errors.add(new FieldError(tag, "currency " + m.group(1) + " is not the credit's " + currency));
        }
        String s = m.group(2).replace(',', '.');
        return new java.math.BigDecimal(s.endsWith(".") ? s.substring(0, s.length() - 1) : s).setScale(2).toPlainString();
    }

    /** What a 45B/46B/47B field does: items added, items deleted, or (replaced non-null) all items replaced. */
    record Narrative(List<String> added, List<String> deleted, List<String> replaced) {
    }

    private static final Pattern CODE = Pattern.compile("^/([A-Z]+)/", Pattern.MULTILINE);

    /** Splits a narrative amendment field at its codes (/ADD/, /DELETE/, /REPALL/ at the start of a line). */
    static Narrative narrative(String field, String tag, List<FieldError> errors) {
        List<String> added = new ArrayList<>();
        List<String> deleted = new ArrayList<>();
        List<String> replaced = null;
        if (field == null) {
            return new Narrative(added, deleted, null);
        }
        Matcher m = CODE.matcher(field);
        if (!m.find() || m.start() != 0) {
            errors.add(new FieldError(tag, "must start with a code: /ADD/, /DELETE/ or /REPALL/"));
            return new Narrative(added, deleted, null);
        }
        List<String> codes = new ArrayList<>();
        String code = m.group(1);
        int textStart = m.end();
        while (true) {
            boolean more = m.find();
            String text = field.substring(textStart, more ? m.start() : field.length());
            codes.add(code);
            List<String> items = Mt700.items(text);
            switch (code) {
                case "ADD" -> added.addAll(items);
                case "DELETE" -> deleted.addAll(items);
                case "REPALL" -> replaced = items;
                default -> errors.add(new FieldError(tag, "unknown code /" + code + "/; /ADD/, /DELETE/ or /REPALL/"));
            }
            if (items.isEmpty()) {
                errors.add(new FieldError(tag, "/" + code + "/ names no item"));
            }
            if (!more) {
                break;
            }
            code = m.group(1);
            textStart = m.end();
        }
        if (codes.contains("REPALL") && codes.size() > 1) {
            errors.add(new FieldError(tag, "/REPALL/ replaces the whole field and stands alone"));
        }
        return new Narrative(added, deleted, replaced);
    }
}
