package io.tradenet.contract.json;

import com.fasterxml.jackson.databind.JsonNode;
import io.tradenet.contract.crypto.Hashing;
import org.erdtman.jcs.NumberToJSON;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;

/**
 * RFC 8785 JSON Canonicalization Scheme (JCS). The canonical bytes of a document are what every
 * identifier is hashed over and what every signature is made over, so that any party can recompute
 * them from the JSON alone: properties sorted by their UTF-16 code units, no white space, strings with
 * only the escapes JSON requires (control characters as a backslash, "u00" and two lower-case hex digits), numbers in the
 * ECMAScript form, UTF-8.
 *
 * <p>Written straight from the parsed tree in one pass; the ECMAScript number form comes from the
 * reference implementation's {@code NumberToJSON} (erdtman/java-json-canonicalization), and
 * {@code CanonicalJsonTest} checks this writer against that library's canonicaliser.
 */
public final class CanonicalJson {

    private static final long MAX_SAFE_INTEGER = (1L << 53) - 1;
    private static final char[] HEX = "0123456789abcdef".toCharArray();

    private CanonicalJson() {
    }

    public static byte[] bytes(JsonNode node) {
        return text(node).getBytes(StandardCharsets.UTF_8);
    }

    /** The canonical form as text (its UTF-8 encoding is {@link #bytes(JsonNode)}). */
    public static String text(JsonNode node) {
        StringBuilder out = new StringBuilder(512);
        write(node, out, null, null);
        return out.toString();
    }

    /**
     * The canonical bytes of {@code node}, where the subtree {@code part} (the same object, found by
     * identity) is written as {@code partText}: its canonical {@link #text(JsonNode) text}, computed
     * before. Lets a caller that already canonicalised a large part (to hash it, say) canonicalise a
     * document holding it without doing that part again. {@code partText} must be {@code text(part)}.
     */
    public static byte[] bytes(JsonNode node, JsonNode part, String partText) {
        StringBuilder out = new StringBuilder(partText.length() + 512);
        write(node, out, part, partText);
        return out.toString().getBytes(StandardCharsets.UTF_8);
    }

    public static byte[] bytes(Object value) {
        return bytes(value instanceof JsonNode node ? node : Json.tree(value));
    }

    public static String string(Object value) {
        return text(value instanceof JsonNode node ? node : Json.tree(value));
    }

    /** SHA-256 over the canonical bytes, lower-case hex. */
    public static String sha256Hex(Object value) {
        return Hashing.hex(Hashing.sha256(bytes(value)));
    }

    private static void write(JsonNode node, StringBuilder out, JsonNode part, String partText) {
        if (node == part) {
            out.append(partText);
            return;
        }
        switch (node.getNodeType()) {
            case OBJECT -> {
                List<Map.Entry<String, JsonNode>> properties = new ArrayList<>(node.size());
                boolean sorted = true;
                for (Iterator<Map.Entry<String, JsonNode>> it = node.fields(); it.hasNext(); ) {
                    Map.Entry<String, JsonNode> property = it.next();
                    sorted &= properties.isEmpty() || properties.get(properties.size() - 1).getKey().compareTo(property.getKey()) < 0;
                    properties.add(property);
                }
                if (!sorted) {
                    // String.compareTo orders by UTF-16 code units, exactly as RFC 8785 section 3.2.3 requires; a document
                    // that is already canonical (what the services send each other) is in that order and is not sorted again
                    properties.sort(Map.Entry.comparingByKey());
                }
                out.append('{');
                for (int i = 0; i < properties.size(); i++) {
                    if (i > 0) {
                        out.append(',');
                    }
                    string(properties.get(i).getKey(), out);
                    out.append(':');
                    write(properties.get(i).getValue(), out, part, partText);
                }
                out.append('}');
            }
            case ARRAY -> {
                out.append('[');
                for (int i = 0; i < node.size(); i++) {
                    if (i > 0) {
                        out.append(',');
                    }
                    write(node.get(i), out, part, partText);
                }
                out.append(']');
            }
            case STRING -> string(node.textValue(), out);
            case NUMBER -> number(node, out);
            case BOOLEAN -> out.append(node.booleanValue() ? "true" : "false");
            case NULL -> out.append("null");
            default -> throw new MalformedDocumentException("not representable in JSON: " + node.getNodeType());
        }
    }

    private static void number(JsonNode node, StringBuilder out) {
        if (node.isIntegralNumber() && node.canConvertToLong()) {
            long value = node.longValue();
            if (value >= -MAX_SAFE_INTEGER && value <= MAX_SAFE_INTEGER) {
                out.append(value);
                return;
            }
        }
        double value = node.doubleValue();
        if (Double.isNaN(value) || Double.isInfinite(value)) {
            throw new MalformedDocumentException("NaN and infinities are not JSON numbers");
        }
        try {
            out.append(NumberToJSON.serializeNumber(value));
        } catch (IOException e) {
            throw new MalformedDocumentException("number not representable: " + e.getMessage());
        }
    }

    /**
     * A string with the escapes RFC 8785 section 3.2.2.2 requires; the runs between them are copied whole. A
     * lone UTF-16 surrogate is refused: it is no Unicode character, UTF-8 cannot encode it (the encoder would
     * write '?'), and two different documents would share one canonical form and one hash.
     */
    private static void string(String value, StringBuilder out) {
        out.append('"');
        int run = 0;
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            if (c >= 0x20 && c != '"' && c != '\\' && !Character.isSurrogate(c)) {
                continue;
            }
            if (Character.isSurrogate(c)) {
                if (Character.isHighSurrogate(c) && i + 1 < value.length() && Character.isLowSurrogate(value.charAt(i + 1))) {
                    i++; // a pair: one character, part of the run
                    continue;
                }
                throw new MalformedDocumentException("a lone UTF-16 surrogate (\\u" + Integer.toHexString(c) + ") is not a character");
            }
            out.append(value, run, i);
            run = i + 1;
            switch (c) {
                case '"' -> out.append("\\\"");
                case '\\' -> out.append("\\\\");
                case '\b' -> out.append("\\b");
                case '\f' -> out.append("\\f");
                case '\n' -> out.append("\\n");
                case '\r' -> out.append("\\r");
                case '\t' -> out.append("\\t");
                default -> out.append("\\u00").append(HEX[c >> 4]).append(HEX[c & 0xf]);
            }
        }
        if (run == 0) {
            out.append(value);
        } else {
            out.append(value, run, value.length());
        }
        out.append('"');
    }
}
