package io.tradenet.lc.swift;

import com.prowidesoftware.swift.model.SwiftBlock4;
import com.prowidesoftware.swift.model.SwiftMessage;
import com.prowidesoftware.swift.model.Tag;
import com.prowidesoftware.swift.model.mt.mt7xx.MT707;
import io.tradenet.contract.trade.Amendment;
import io.tradenet.lc.credit.CreditValidation.FieldError;

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
 * naming the field rather than half applied.
 */
public final class Mt707 {

    private static final DateTimeFormatter YYMMDD = DateTimeFormatter.ofPattern("uuMMdd", Locale.ROOT).withResolverStyle(ResolverStyle.STRICT);
    private static final Pattern AMOUNT = Pattern.compile("([A-Z]{3})(\\d{1,15}(,\\d{0,2})?)");
    private static final Pattern DATE_PLACE = Pattern.compile("(\\d{6})(.*)", Pattern.DOTALL);

    private Mt707() {
    }

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
