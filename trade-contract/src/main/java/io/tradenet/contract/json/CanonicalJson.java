package io.tradenet.contract.json;

import com.fasterxml.jackson.databind.JsonNode;
import io.tradenet.contract.crypto.Hashing;
import org.erdtman.jcs.JsonCanonicalizer;

import java.io.IOException;

/**
 * RFC 8785 JSON Canonicalization Scheme (JCS). The canonical bytes of a document are what every
 * identifier is hashed over and what every signature is made over, so that any party can recompute
 * them from the JSON alone: sorted keys, no white space, ECMAScript number and string forms, UTF-8.
 */
public final class CanonicalJson {

    private CanonicalJson() {
    }

    public static byte[] bytes(JsonNode node) {
        try {
            return new JsonCanonicalizer(Json.mapper().writeValueAsString(node)).getEncodedUTF8();
        } catch (IOException e) {
            throw new MalformedDocumentException("cannot canonicalise: " + e.getMessage());
        }
    }

    public static byte[] bytes(Object value) {
        return bytes(value instanceof JsonNode node ? node : Json.tree(value));
    }

    public static String string(Object value) {
        return new String(bytes(value), java.nio.charset.StandardCharsets.UTF_8);
    }

    /** SHA-256 over the canonical bytes, lower-case hex. */
    public static String sha256Hex(Object value) {
        return Hashing.hex(Hashing.sha256(bytes(value)));
    }
}
