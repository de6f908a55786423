package io.tradenet.contract.json;

import com.fasterxml.jackson.core.io.SerializedString;

import java.nio.charset.StandardCharsets;

/**
 * JSON text together with its UTF-8 encoding, to embed verbatim as a raw value
 * ({@code new RawValue(encodedJson)}). Jackson's UTF-8 generators (every Kafka record and HTTP body the
 * services write) copy these bytes; a raw value given as a {@link String} is encoded again, character by
 * character, each time it is written: a tenth of the ledger's CPU at full append rate went to that, writing
 * the entries of its audit stream. Char-based writers use {@link #getValue()}.
 */
public final class EncodedJson extends SerializedString {

    private static final long serialVersionUID = 1L;

    private EncodedJson(String text, byte[] utf8) {
        super(text);
        _unquotedUTF8Ref = utf8;
    }

    /**
     * The JSON text whose UTF-8 encoding is {@code utf8}; the array is kept, not copied (the caller hands
     * it over and must not change it), and never given out by this class's users.
     */
    public static EncodedJson of(byte[] utf8) {
        return new EncodedJson(new String(utf8, StandardCharsets.UTF_8), utf8);
    }
}
