package io.tradenet.contract.crypto;

import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Base64;
import java.util.HexFormat;

/** SHA-256 and the encodings used on the wire (lower-case hex for ids, standard base64 for hashes and signatures). */
public final class Hashing {

    private static final HexFormat HEX = HexFormat.of();
    /**
     * Never updated; every digest handed out is a copy of it. {@code MessageDigest.getInstance} looks the
     * provider up and builds the engine by reflection on every call: 2.6% of the ledger's sampled CPU at
     * full append rate (a leaf hash per entry, a node hash per level of every inclusion proof checked). The
     * provider is thus the one SHA-256 came from when this class loaded.
     */
    private static final MessageDigest SHA256 = newSha256();

    private Hashing() {
    }

    /** A new SHA-256 digest, in its initial state, for the caller alone. */
    public static MessageDigest sha256Digest() {
        try {
            return (MessageDigest) SHA256.clone();
        } catch (CloneNotSupportedException e) {
            return newSha256(); // a provider whose engine cannot be copied
        }
    }

    private static MessageDigest newSha256() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 missing from the JDK", e);
        }
    }

    public static byte[] sha256(byte[] data) {
        return sha256Digest().digest(data);
    }

    public static String hex(byte[] data) {
        return HEX.formatHex(data);
    }

    public static byte[] fromHex(String hex) {
        return HEX.parseHex(hex);
    }

    public static String b64(byte[] data) {
        return Base64.getEncoder().encodeToString(data);
    }

    /** Decodes standard base64; malformed input becomes {@link IllegalArgumentException}. */
    public static byte[] fromB64(String text) {
        return Base64.getDecoder().decode(text);
    }

    /** A 64-character lower-case hex SHA-256 value. */
    public static boolean isSha256Hex(String value) {
        if (value == null || value.length() != 64) {
            return false;
        }
        for (int i = 0; i < 64; i++) {
            char c = value.charAt(i);
            if (!((c >= '0' && c <= '9') || (c >= 'a' && c <= 'f'))) {
                return false;
            }
        }
        return true;
    }
}
