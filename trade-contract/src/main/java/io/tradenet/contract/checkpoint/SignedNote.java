package io.tradenet.contract.checkpoint;

import io.tradenet.contract.crypto.Ed25519;
import io.tradenet.contract.crypto.Hashing;
import io.tradenet.contract.crypto.SigningKey;
import org.bouncycastle.crypto.params.Ed25519PublicKeyParameters;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.Arrays;

/**
 * C2SP signed-note format with an Ed25519 signature: the note text, a blank line, then signature lines
 * {@code — <key name> <base64(key id || signature)>}. The key id is the first four bytes of
 * SHA-256(key name || 0x0A || 0x01 || public key), 0x01 being the Ed25519 algorithm byte.
 */
public final class SignedNote {

    public static final String SIGNATURE_PREFIX = "\u2014 ";
    private static final byte ALGORITHM_ED25519 = 0x01;

    private SignedNote() {
    }

    public static byte[] keyId(String keyName, Ed25519PublicKeyParameters key) {
        MessageDigest digest = Hashing.sha256Digest();
        digest.update(keyName.getBytes(StandardCharsets.UTF_8));
        digest.update((byte) '\n');
        digest.update(ALGORITHM_ED25519);
        digest.update(key.getEncoded());
        return Arrays.copyOf(digest.digest(), 4);
    }

    /** The vkey form other tools use to name a verifier key: {@code <name>+<hex key id>+<base64(0x01 || key)>}. */
    public static String verifierKey(String keyName, Ed25519PublicKeyParameters key) {
        byte[] typed = new byte[33];
        typed[0] = ALGORITHM_ED25519;
        System.arraycopy(key.getEncoded(), 0, typed, 1, 32);
        return keyName + "+" + Hashing.hex(keyId(keyName, key)) + "+" + Hashing.b64(typed);
    }

    public static String sign(String text, String keyName, SigningKey key) {
        if (!text.endsWith("\n") || keyName.isEmpty() || keyName.contains(" ") || keyName.contains("+")) {
            throw new IllegalArgumentException("note text must end with a newline and the key name must not contain spaces or '+'");
        }
        byte[] signature = key.sign(text.getBytes(StandardCharsets.UTF_8));
        byte[] blob = new byte[4 + signature.length];
        System.arraycopy(keyId(keyName, key.publicKey()), 0, blob, 0, 4);
        System.arraycopy(signature, 0, blob, 4, signature.length);
        return text + "\n" + SIGNATURE_PREFIX + keyName + " " + Hashing.b64(blob) + "\n";
    }

    /**
     * Verifies a signed note against one known key and returns its text. Throws
     * {@link IllegalArgumentException} if the note is malformed or carries no valid signature by that key.
     */
    public static String verify(String note, String keyName, Ed25519PublicKeyParameters key) {
        int split = note.lastIndexOf("\n\n");
        if (split < 0 || !note.endsWith("\n")) {
            throw new IllegalArgumentException("not a signed note: no blank line before the signatures");
        }
        String text = note.substring(0, split + 1);
        if (split + 2 >= note.length()) {
            throw new IllegalArgumentException("no signature lines after the blank line");
        }
        String[] lines = note.substring(split + 2, note.length() - 1).split("\n");
        byte[] wantedId = keyId(keyName, key);
        for (String line : lines) {
            if (!line.startsWith(SIGNATURE_PREFIX)) {
                throw new IllegalArgumentException("malformed signature line");
            }
            String[] parts = line.substring(SIGNATURE_PREFIX.length()).split(" ");
            if (parts.length != 2 || !parts[0].equals(keyName)) {
                continue;
            }
            byte[] blob;
            try {
                blob = Hashing.fromB64(parts[1]);
            } catch (IllegalArgumentException e) {
                throw new IllegalArgumentException("signature is not base64");
            }
            if (blob.length != 4 + Ed25519.SIGNATURE_BYTES || !Arrays.equals(Arrays.copyOf(blob, 4), wantedId)) {
                continue;
            }
            if (Ed25519.verify(key, text.getBytes(StandardCharsets.UTF_8), Arrays.copyOfRange(blob, 4, blob.length))) {
                return text;
            }
            throw new IllegalArgumentException("signature by " + keyName + " does not verify");
        }
        throw new IllegalArgumentException("no signature by " + keyName + " on the note");
    }
}
