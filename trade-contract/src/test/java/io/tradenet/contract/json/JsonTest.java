package io.tradenet.contract.json;

import io.tradenet.contract.notary.NotarisationRequest;
import io.tradenet.contract.tx.StateRef;
import io.tradenet.contract.tx.TimeWindow;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * The wire mapper is strict, so a typed view and the tree that is hashed can never disagree. Every rule
 * holds for a document read as text and for one read from its UTF-8 bytes (an envelope's payload).
 */
class JsonTest {

    private interface Reader {
        <T> T read(String text, Class<T> type);
    }

    private static final Reader TEXT = new Reader() {
        @Override
        public <T> T read(String text, Class<T> type) {
            return Json.read(text, type);
        }
    };
    private static final Reader UTF8 = new Reader() {
        @Override
        public <T> T read(String text, Class<T> type) {
            return Json.read(text.getBytes(StandardCharsets.UTF_8), type);
        }
    };
    private static final List<Reader> BOTH = List.of(TEXT, UTF8);

    private static final String WINDOW = "{\"from\":\"2026-11-30T08:00:00Z\",\"until\":\"2026-11-30T09:00:00Z\"}";

    @Test
    void readBindsInOnePassToTheSameValueAsParseThenBind() {
        for (Reader r : BOTH) {
            assertThat(r.read(WINDOW, TimeWindow.class)).isEqualTo(Json.bind(Json.parse(WINDOW), TimeWindow.class))
                    .isEqualTo(TimeWindow.between(Instant.parse("2026-11-30T08:00:00Z"), Instant.parse("2026-11-30T09:00:00Z")));
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {
            "{\"from\":\"2026-11-30T08:00:00Z\",\"from\":\"2026-11-30T08:30:00Z\",\"until\":\"2026-11-30T09:00:00Z\"}",
            "{\"from\":\"2026-11-30T08:00:00Z\",\"until\":",
    })
    void aDuplicateKeyOrBrokenSyntaxIsMalformedJson(String text) {
        for (Reader r : BOTH) {
            assertThatThrownBy(() -> r.read(text, TimeWindow.class)).isInstanceOf(MalformedDocumentException.class)
                    .hasMessageStartingWith("malformed JSON");
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {
            "{\"from\":\"2026-11-30T08:00:00Z\",\"until\":\"2026-11-30T09:00:00Z\",\"extra\":1}",
            "{\"from\":\"yesterday\",\"until\":\"2026-11-30T09:00:00Z\"}",
            "{\"from\":\"2026-11-30T09:00:00Z\",\"until\":\"2026-11-30T08:00:00Z\"}",
            "[]",
    })
    void anUnknownPropertyOrAWrongShapeIsNotAValidDocument(String text) {
        for (Reader r : BOTH) {
            assertThatThrownBy(() -> r.read(text, TimeWindow.class)).isInstanceOf(MalformedDocumentException.class)
                    .hasMessageStartingWith("not a valid TimeWindow");
        }
    }

    @Test
    void aValueItsConstructorRefusesIsNotAValidDocument() {
        for (Reader r : BOTH) {
            assertThatThrownBy(() -> r.read("\"abc:1\"", StateRef.class)).isInstanceOf(MalformedDocumentException.class)
                    .hasMessageStartingWith("not a valid StateRef");
        }
    }

    @Test
    void aDuplicateKeyInsideANestedValueIsMalformedJsonToo() {
        // the transaction of a request is what gets hashed and signed: two "notary" keys must never bind
        String request = "{\"transaction\":{\"notary\":\"notary\",\"notary\":\"other\"},\"requester\":\"bank\"}";
        for (Reader r : BOTH) {
            assertThatThrownBy(() -> r.read(request, NotarisationRequest.class)).isInstanceOf(MalformedDocumentException.class)
                    .hasMessageStartingWith("malformed JSON").hasMessageContaining("Duplicate field");
        }
    }

    @Test
    void aDocumentWithAnotherValueAfterItIsRefused() {
        for (Reader r : BOTH) {
            assertThatThrownBy(() -> r.read(WINDOW + " {}", TimeWindow.class)).isInstanceOf(MalformedDocumentException.class)
                    .hasMessageContaining("Trailing token");
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "  ", " \t\r\n", "null"})
    void anEmptyOrNullDocumentIsRefused(String text) {
        for (Reader r : BOTH) {
            assertThatThrownBy(() -> r.read(text, TimeWindow.class)).isInstanceOf(MalformedDocumentException.class)
                    .hasMessageContaining(text.equals("null") ? "expected a TimeWindow" : "empty document");
        }
    }

    @Test
    void aDocumentLargerThanTheLimitIsRefusedBeforeParsing() {
        String big = "\"" + "x".repeat(Json.MAX_DOCUMENT_BYTES) + "\"";
        for (Reader r : BOTH) {
            assertThatThrownBy(() -> r.read(big, String.class)).isInstanceOf(MalformedDocumentException.class)
                    .hasMessageContaining("larger than");
        }
    }

    @Test
    void textOutsideAsciiReadsTheSameFromItsBytes() {
        String text = "{\"transaction\":{\"notary\":\"Müller & Söhne — 東京 \uD83D\uDE80\",\"inputs\":[]},\"requester\":\"bank\"}";
        assertThat(UTF8.read(text, NotarisationRequest.class)).isEqualTo(TEXT.read(text, NotarisationRequest.class));
    }

    @Test
    void aByteOrderMarkUtf16Utf32OrNulBytesAreMalformedJsonNotDecoded() {
        List<byte[]> others = List.of(
                new byte[] {(byte) 0xEF, (byte) 0xBB, (byte) 0xBF, '{', '}'},           // UTF-8 with a byte order mark
                new byte[] {(byte) 0xFE, (byte) 0xFF, 0, '{', 0, '}'},                  // UTF-16BE with a mark
                new byte[] {(byte) 0xFF, (byte) 0xFE, '{', 0, '}', 0},                  // UTF-16LE with a mark
                "{}".getBytes(StandardCharsets.UTF_16BE),
                "{}".getBytes(StandardCharsets.UTF_16LE),
                new byte[] {0, 0, 0, '{', 0, 0, 0, '}'},                                // UTF-32BE
                new byte[] {0, 0, '{', 0, '}', 0, 0, 0},                                // "UCS-4" order Jackson cannot read
                new byte[] {'{', 0, '}', 0});
        for (byte[] bytes : others) {
            assertThatThrownBy(() -> Json.read(bytes, Object.class)).isInstanceOf(MalformedDocumentException.class)
                    .hasMessageStartingWith("malformed JSON");
        }
        assertThat(Json.read(" \n{}".getBytes(StandardCharsets.UTF_8), Object.class)).as("leading white space is ASCII").isEqualTo(Map.of());
    }

    @Test
    void bytesThatAreNotUtf8AreMalformedJson() {
        byte[] latin1 = "\"Z\u00fcrich\"".getBytes(StandardCharsets.ISO_8859_1);
        byte[] loneContinuation = {'"', (byte) 0x80, '"'};
        for (byte[] bytes : List.of(latin1, loneContinuation)) {
            assertThatThrownBy(() -> Json.read(bytes, String.class)).isInstanceOf(MalformedDocumentException.class)
                    .hasMessageStartingWith("malformed JSON").hasMessageContaining("UTF-8");
        }
    }
}
