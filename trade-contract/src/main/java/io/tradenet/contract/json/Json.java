package io.tradenet.contract.json;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.StreamReadConstraints;
import com.fasterxml.jackson.core.exc.StreamConstraintsException;
import com.fasterxml.jackson.core.exc.StreamReadException;
import com.fasterxml.jackson.core.json.JsonWriteFeature;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.ObjectWriter;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.databind.module.SimpleModule;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;

import java.io.IOException;
import java.time.Instant;

/**
 * The one JSON mapper of the wire model. Strict on input: unknown properties, duplicate keys and
 * trailing tokens are errors, so that the typed view of a document and the tree that is hashed and
 * signed can never disagree.
 */
public final class Json {

    /** Hard upper bound for any document we parse; larger input is refused before parsing. */
    public static final int MAX_DOCUMENT_BYTES = 1 << 20;

    private static final ObjectMapper MAPPER = JsonMapper.builder()
            .addModule(new JavaTimeModule())
            // registered after jsr310's, so it is the one used for Instant (it hands every other form to jsr310's)
            .addModule(new SimpleModule("utc-instants").addDeserializer(Instant.class, new UtcInstantDeserializer()))
            .enable(JsonParser.Feature.STRICT_DUPLICATE_DETECTION)
            .enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
            .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
            .enable(DeserializationFeature.FAIL_ON_NULL_FOR_PRIMITIVES)
            .disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS)
            .disable(DeserializationFeature.ADJUST_DATES_TO_CONTEXT_TIME_ZONE)
            .serializationInclusion(JsonInclude.Include.NON_NULL)
            .build();

    private static final ObjectWriter ASCII = MAPPER.writer().with(JsonWriteFeature.ESCAPE_NON_ASCII);

    static {
        MAPPER.getFactory().setStreamReadConstraints(StreamReadConstraints.builder()
                .maxNestingDepth(64)
                .maxStringLength(MAX_DOCUMENT_BYTES)
                .maxNumberLength(64)
                .build());
    }

    private Json() {
    }

    public static ObjectMapper mapper() {
        return MAPPER;
    }

    public static JsonNode tree(Object value) {
        return MAPPER.valueToTree(value);
    }

    public static String write(Object value) {
        try {
            return MAPPER.writeValueAsString(value);
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException("not serialisable: " + e.getOriginalMessage(), e);
        }
    }

    /**
     * The JSON text as UTF-8 bytes that are all ASCII: each non-ASCII character is written as a {@code \\u}
     * escape, which is the same JSON value (embedded raw values are written as they are). For large
     * payloads: a Java string of such text is one byte per character and converts to and from UTF-8 by a
     * copy, while one non-Latin-1 character (the em dash of every signed note) makes the whole string two
     * bytes per character and every conversion a character-by-character loop.
     */
    public static byte[] writeAscii(Object value) {
        try {
            return ASCII.writeValueAsBytes(value);
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException("not serialisable: " + e.getOriginalMessage(), e);
        }
    }

    /** Parses a document; any syntax or size problem becomes {@link MalformedDocumentException}. */
    public static JsonNode parse(String text) {
        requireDocument(text);
        try {
            JsonNode node = MAPPER.readTree(text);
            if (node == null || node.isMissingNode()) {
                throw new MalformedDocumentException("empty document");
            }
            return node;
        } catch (JsonProcessingException e) {
            throw new MalformedDocumentException("malformed JSON: " + e.getOriginalMessage());
        }
    }

    /**
     * Parses and binds a document in one pass (no intermediate tree), as strictly as {@link #parse} then
     * {@link #bind}: a syntax, duplicate-key or size problem, also inside a nested value, is "malformed
     * JSON"; a value of the wrong shape, an unknown property or trailing tokens "not a valid" type; both are
     * {@link MalformedDocumentException}.
     */
    public static <T> T read(String text, Class<T> type) {
        requireDocument(text);
        return binding(type, () -> MAPPER.readValue(text, type));
    }

    /**
     * {@link #read(String, Class)} from the document's UTF-8 bytes, as it arrived (an envelope's signed payload):
     * parsed from the bytes, without decoding them to a String first, and just as strictly. Only UTF-8 is read
     * (RFC 8259 section 8.1): a byte order mark or another encoding, which Jackson would otherwise detect from
     * the first bytes and decode, is malformed JSON, and so are most invalid sequences inside strings (those
     * Jackson's decoder rejects; it decodes overlong forms).
     */
    public static <T> T read(byte[] utf8, Class<T> type) {
        requireDocument(utf8);
        return binding(type, () -> MAPPER.readValue(utf8, type));
    }

    /** Binds a tree to a wire type, strictly; a mismatch becomes {@link MalformedDocumentException}. */
    public static <T> T bind(JsonNode node, Class<T> type) {
        return binding(type, () -> MAPPER.treeToValue(node, type));
    }

    private static void requireDocument(String text) {
        if (text == null || text.isBlank()) {
            throw new MalformedDocumentException("empty document");
        }
        if (text.length() > MAX_DOCUMENT_BYTES) {
            throw new MalformedDocumentException("document larger than " + MAX_DOCUMENT_BYTES + " bytes");
        }
    }

    private static void requireDocument(byte[] utf8) {
        if (utf8 == null || isBlank(utf8)) {
            throw new MalformedDocumentException("empty document");
        }
        if (utf8.length > MAX_DOCUMENT_BYTES) {
            throw new MalformedDocumentException("document larger than " + MAX_DOCUMENT_BYTES + " bytes");
        }
        // JSON in UTF-8 starts with ASCII (white space or a value) and holds no NUL byte; anything else in the
        // first four bytes is how Jackson tells a byte order mark, UTF-16 or UTF-32 apart, which it would decode
        for (int i = 0; i < Math.min(4, utf8.length); i++) {
            if (utf8[i] == 0 || (i == 0 && utf8[0] < 0)) {
                throw new MalformedDocumentException("malformed JSON: not UTF-8 (a byte order mark, a NUL byte or another encoding)");
            }
        }
    }

    /** Nothing but the white space {@link String#isBlank()} sees in ASCII (a document of other blanks is malformed JSON). */
    private static boolean isBlank(byte[] utf8) {
        for (byte b : utf8) {
            if (!(b == ' ' || (b >= 0x09 && b <= 0x0d) || (b >= 0x1c && b <= 0x1f))) {
                return false;
            }
        }
        return true;
    }

    private interface Binding<T> {
        T bind() throws IOException;
    }

    private static <T> T binding(Class<T> type, Binding<T> binding) {
        try {
            T value = binding.bind();
            if (value == null) {
                throw new MalformedDocumentException("expected a " + type.getSimpleName() + " document");
            }
            return value;
        } catch (JsonProcessingException e) {
            JsonProcessingException syntax = syntaxProblem(e);
            if (syntax != null) {
                throw new MalformedDocumentException("malformed JSON: " + syntax.getOriginalMessage());
            }
            throw new MalformedDocumentException("not a valid " + type.getSimpleName() + ": " + e.getOriginalMessage());
        } catch (IllegalArgumentException e) {
            throw new MalformedDocumentException("not a valid " + type.getSimpleName() + ": " + e.getMessage());
        } catch (IOException e) {
            // an encoding problem the parser found before it began (reading a String or an array does no I/O)
            throw new MalformedDocumentException("malformed JSON: " + e.getMessage());
        }
    }

    /** The parser's own error behind a binding error (databind wraps one met inside a property value), or null. */
    private static JsonProcessingException syntaxProblem(Throwable e) {
        for (Throwable t = e; t != null; t = t.getCause() == t ? null : t.getCause()) {
            if (t instanceof StreamReadException || t instanceof StreamConstraintsException) {
                return (JsonProcessingException) t;
            }
        }
        return null;
    }
}
