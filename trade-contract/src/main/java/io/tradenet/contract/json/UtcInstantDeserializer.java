package io.tradenet.contract.json;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.databind.BeanProperty;
import com.fasterxml.jackson.databind.DeserializationContext;
import com.fasterxml.jackson.databind.JsonDeserializer;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.deser.ContextualDeserializer;
import com.fasterxml.jackson.databind.deser.std.StdScalarDeserializer;
import com.fasterxml.jackson.databind.jsontype.TypeDeserializer;
import com.fasterxml.jackson.databind.type.LogicalType;
import com.fasterxml.jackson.datatype.jsr310.deser.InstantDeserializer;

import java.io.IOException;
import java.time.DateTimeException;
import java.time.Instant;
import java.time.LocalDate;

/**
 * Reads an {@link Instant}. The form every service writes ({@link Instant#toString()}: ISO-8601 in UTC with
 * {@code Z}, a four-digit year and zero to nine fraction digits) is read here by hand; anything else (epoch
 * numbers, offsets, lower case, other years, a leap second, invalid dates) goes to jsr310's
 * {@link InstantDeserializer}, which decides exactly as before. Its {@code DateTimeFormatter} parse
 * allocated a parse context, hash maps and big decimals per value: about a fourteenth of the notary's
 * allocation and a twentieth of the ledger's CPU, every transaction carrying a time window.
 */
final class UtcInstantDeserializer extends StdScalarDeserializer<Instant> implements ContextualDeserializer {

    private static final long serialVersionUID = 1L;
    private static final int[] NANOS_PER_DIGIT = {100_000_000, 10_000_000, 1_000_000, 100_000, 10_000, 1_000, 100, 10, 1};

    private final InstantDeserializer<Instant> standard;

    UtcInstantDeserializer() {
        this(InstantDeserializer.INSTANT);
    }

    private UtcInstantDeserializer(InstantDeserializer<Instant> standard) {
        super(Instant.class);
        this.standard = standard;
    }

    @Override
    public Instant deserialize(JsonParser p, DeserializationContext context) throws IOException {
        if (p.hasToken(JsonToken.VALUE_STRING)) {
            Instant instant = parseUtc(p.getText());
            if (instant != null) {
                return instant;
            }
        }
        return standard.deserialize(p, context);
    }

    /** Typed (polymorphic) values as jsr310 reads them. */
    @Override
    public Object deserializeWithType(JsonParser p, DeserializationContext context, TypeDeserializer types) throws IOException {
        return standard.deserializeWithType(p, context, types);
    }

    @Override
    public LogicalType logicalType() {
        return standard.logicalType();
    }

    /** A property with its own format (none today) is read by the standard deserializer alone. */
    @Override
    public JsonDeserializer<?> createContextual(DeserializationContext context, BeanProperty property) throws JsonMappingException {
        JsonDeserializer<?> contextual = standard.createContextual(context, property);
        return contextual == standard ? this : contextual;
    }

    /** {@code yyyy-MM-ddTHH:mm:ss[.f{1,9}]Z} with a valid date and time, else null (left to the standard parse). */
    static Instant parseUtc(String text) {
        int n = text.length();
        if (n < 20 || n > 30 || n == 21 || text.charAt(4) != '-' || text.charAt(7) != '-' || text.charAt(10) != 'T'
                || text.charAt(13) != ':' || text.charAt(16) != ':' || text.charAt(n - 1) != 'Z' || (n > 20 && text.charAt(19) != '.')) {
            return null;
        }
        int year = digits(text, 0, 4);
        int month = digits(text, 5, 7);
        int day = digits(text, 8, 10);
        int hour = digits(text, 11, 13);
        int minute = digits(text, 14, 16);
        int second = digits(text, 17, 19);
        int fraction = n > 20 ? digits(text, 20, n - 1) : 0;
        if ((year | month | day | hour | minute | second | fraction) < 0 || hour > 23 || minute > 59 || second > 59) {
            return null;
        }
        long epochDay;
        try {
            epochDay = LocalDate.of(year, month, day).toEpochDay();
        } catch (DateTimeException e) {
            return null;
        }
        int nanos = n > 20 ? fraction * NANOS_PER_DIGIT[n - 22] : 0;
        return Instant.ofEpochSecond(epochDay * 86_400 + hour * 3_600L + minute * 60L + second, nanos);
    }

    /** The decimal value of text[from, to), all ASCII digits, else -1. */
    private static int digits(String text, int from, int to) {
        int value = 0;
        for (int i = from; i < to; i++) {
            char c = text.charAt(i);
            if (c < '0' || c > '9') {
                return -1;
            }
            value = value * 10 + (c - '0');
        }
        return value;
    }
}
