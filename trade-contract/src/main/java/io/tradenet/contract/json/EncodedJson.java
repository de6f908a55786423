package io.tradenet.contract.json;

import com.fasterxml.jackson.core.io.SerializedString;

/**
 * JSON text together with its UTF-8 encoding, to embed verbatim as a raw value
 * ({@code new RawValue(encodedJson)}). Jackson's UTF-8 generators (every Kafka record and HTTP body the
 * services write) copy these bytes; a raw value given as a {@link String} is encoded again, character by
 * character, each time it is written: a tenth of the ledger's CPU at full append rate went to that, writing
 * the entries of its audit stream. Char-based writers use {@link #getValue()}.
 */
public final class EncodedJson extends SerializedString {

    private static final long serialVersionUID = 1L;

    /** @param utf8 exactly {@code text}'s UTF-8 encoding (kept, not copied: the caller hands it over) */
    public EncodedJson(String text, byte[] utf8) {
        super(text);
        _unquotedUTF8Ref = utf8;
    }
}
