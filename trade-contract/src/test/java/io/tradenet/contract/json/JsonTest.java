package io.tradenet.contract.json;

import io.tradenet.contract.notary.NotarisationRequest;
import io.tradenet.contract.tx.StateRef;
import io.tradenet.contract.tx.TimeWindow;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.time.Instant;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The wire mapper is strict, so a typed view and the tree that is hashed can never disagree. */
class JsonTest {

    private static final String WINDOW = "{\"from\":\"2026-11-30T08:00:00Z\",\"until\":\"2026-11-30T09:00:00Z\"}";

    @Test
    void readBindsInOnePassToTheSameValueAsParseThenBind() {
        assertThat(Json.read(WINDOW, TimeWindow.class)).isEqualTo(Json.bind(Json.parse(WINDOW), TimeWindow.class))
                .isEqualTo(TimeWindow.between(Instant.parse("2026-11-30T08:00:00Z"), Instant.parse("2026-11-30T09:00:00Z")));
    }

    @ParameterizedTest
    @ValueSource(strings = {
            "{\"from\":\"2026-11-30T08:00:00Z\",\"from\":\"2026-11-30T08:30:00Z\",\"until\":\"2026-11-30T09:00:00Z\"}",
            "{\"from\":\"2026-11-30T08:00:00Z\",\"until\":",
    })
    void aDuplicateKeyOrBrokenSyntaxIsMalformedJson(String text) {
        assertThatThrownBy(() -> Json.read(text, TimeWindow.class)).isInstanceOf(MalformedDocumentException.class)
                .hasMessageStartingWith("malformed JSON");
    }

    @ParameterizedTest
    @ValueSource(strings = {
            "{\"from\":\"2026-11-30T08:00:00Z\",\"until\":\"2026-11-30T09:00:00Z\",\"extra\":1}",
            "{\"from\":\"yesterday\",\"until\":\"2026-11-30T09:00:00Z\"}",
            "{\"from\":\"2026-11-30T09:00:00Z\",\"until\":\"2026-11-30T08:00:00Z\"}",
            "[]",
    })
    void anUnknownPropertyOrAWrongShapeIsNotAValidDocument(String text) {
        assertThatThrownBy(() -> Json.read(text, TimeWindow.class)).isInstanceOf(MalformedDocumentException.class)
                .hasMessageStartingWith("not a valid TimeWindow");
    }

    @Test
    void aValueItsConstructorRefusesIsNotAValidDocument() {
        assertThatThrownBy(() -> Json.read("\"abc:1\"", StateRef.class)).isInstanceOf(MalformedDocumentException.class)
                .hasMessageStartingWith("not a valid StateRef");
    }

    @Test
    void aDuplicateKeyInsideANestedValueIsMalformedJsonToo() {
        // the transaction of a request is what gets hashed and signed: two "notary" keys must never bind
        String request = "{\"transaction\":{\"notary\":\"notary\",\"notary\":\"other\"},\"requester\":\"bank\"}";
        assertThatThrownBy(() -> Json.read(request, NotarisationRequest.class)).isInstanceOf(MalformedDocumentException.class)
                .hasMessageStartingWith("malformed JSON").hasMessageContaining("Duplicate field");
    }

    @Test
    void aDocumentWithAnotherValueAfterItIsRefused() {
        assertThatThrownBy(() -> Json.read(WINDOW + " {}", TimeWindow.class)).isInstanceOf(MalformedDocumentException.class)
                .hasMessageContaining("Trailing token");
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "  ", "null"})
    void anEmptyOrNullDocumentIsRefused(String text) {
        assertThatThrownBy(() -> Json.read(text, TimeWindow.class)).isInstanceOf(MalformedDocumentException.class);
    }

    @Test
    void aDocumentLargerThanTheLimitIsRefusedBeforeParsing() {
        String big = "\"" + "x".repeat(Json.MAX_DOCUMENT_BYTES) + "\"";
        assertThatThrownBy(() -> Json.read(big, String.class)).isInstanceOf(MalformedDocumentException.class)
                .hasMessageContaining("larger than");
    }
}
