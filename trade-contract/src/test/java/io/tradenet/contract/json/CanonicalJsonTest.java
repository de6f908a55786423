package io.tradenet.contract.json;

import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class CanonicalJsonTest {

    private static String canonical(String json) {
        return new String(CanonicalJson.bytes(Json.parse(json)), StandardCharsets.UTF_8);
    }

    @Test
    void rfc8785SortsPropertiesAndRemovesWhitespace() {
        assertThat(canonical("{ \"b\" : 1,\n \"a\": {\"z\": true, \"y\": null} }"))
                .isEqualTo("{\"a\":{\"y\":null,\"z\":true},\"b\":1}");
    }

    @Test
    void rfc8785Section3_2_2_3NumbersUseTheEcmaScriptForm() {
        assertThat(canonical("[1.0, 1e2, -0, 0.000001, 1E21]")).isEqualTo("[1,100,0,0.000001,1e+21]");
    }

    @Test
    void rfc8785StringsKeepUnicodeAndEscapeOnlyWhatJsonRequires() {
        assertThat(canonical("{\"s\":\"\\u20ac\\n\\u0001/\"}")).isEqualTo("{\"s\":\"€\\n\\u0001/\"}");
    }

    @Test
    void theSameDocumentWrittenTwoWaysHasTheSameHash() {
        assertThat(CanonicalJson.sha256Hex(Json.parse("{\"x\":[1,2],\"a\":\"b\"}")))
                .isEqualTo(CanonicalJson.sha256Hex(Json.parse("{\n  \"a\" : \"b\",\n  \"x\" : [ 1, 2.0 ]\n}")));
    }

    @Test
    void duplicateKeysAreRefusedSoTheTypedViewAndTheHashedTreeCannotDisagree() {
        assertThatThrownBy(() -> Json.parse("{\"a\":1,\"a\":2}")).isInstanceOf(MalformedDocumentException.class);
    }

    @Test
    void trailingGarbageAndEmptyInputAreRefused() {
        assertThatThrownBy(() -> Json.parse("{\"a\":1} x")).isInstanceOf(MalformedDocumentException.class);
        assertThatThrownBy(() -> Json.parse("   ")).isInstanceOf(MalformedDocumentException.class);
    }
}
