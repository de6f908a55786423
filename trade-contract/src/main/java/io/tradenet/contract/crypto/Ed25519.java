package io.tradenet.contract.crypto;

import org.bouncycastle.asn1.pkcs.PrivateKeyInfo;
import org.bouncycastle.asn1.x509.SubjectPublicKeyInfo;
import org.bouncycastle.crypto.params.AsymmetricKeyParameter;
import org.bouncycastle.crypto.params.Ed25519PrivateKeyParameters;
import org.bouncycastle.crypto.params.Ed25519PublicKeyParameters;
import org.bouncycastle.crypto.util.PrivateKeyFactory;
import org.bouncycastle.crypto.util.PrivateKeyInfoFactory;
import org.bouncycastle.crypto.util.PublicKeyFactory;
import org.bouncycastle.crypto.util.SubjectPublicKeyInfoFactory;
import org.bouncycastle.util.io.pem.PemObject;
import org.bouncycastle.util.io.pem.PemReader;
import org.bouncycastle.util.io.pem.PemWriter;

import java.io.IOException;
import java.io.StringReader;
import java.io.StringWriter;
import java.security.SecureRandom;

/**
 * Ed25519 (RFC 8032) through BouncyCastle's lightweight API. Keys are stored in the standard encodings
 * that openssl reads: PKCS#8 PEM for private keys, SubjectPublicKeyInfo PEM for public keys. In the
 * registry a public key is the raw 32 bytes in base64.
 */
public final class Ed25519 {

    public static final int SIGNATURE_BYTES = 64;
    public static final int PUBLIC_KEY_BYTES = 32;

    private static final SecureRandom RANDOM = new SecureRandom();
    /**
     * Plain Ed25519 (no context, no pre-hash), signed and verified by the key objects straight over the
     * caller's array: what {@code Ed25519Signer} does after copying the message into a growing buffer (which
     * it then zeroes), a copy that was an eighth of the notary's allocation, its envelopes being large.
     */
    private static final int PURE = org.bouncycastle.math.ec.rfc8032.Ed25519.Algorithm.Ed25519;

    private Ed25519() {
    }

    public static Ed25519PrivateKeyParameters generate() {
        return new Ed25519PrivateKeyParameters(RANDOM);
    }

    /**
     * The message is read twice (for the nonce, then for the challenge) straight from the caller's array,
     * which must not change while it is signed: two different messages under one nonce give the key away.
     * Every caller signs bytes it has just made.
     */
    public static byte[] sign(Ed25519PrivateKeyParameters key, byte[] message) {
        byte[] signature = new byte[SIGNATURE_BYTES];
        key.sign(PURE, null, message, 0, message.length, signature, 0);
        return signature;
    }

    public static boolean verify(Ed25519PublicKeyParameters key, byte[] message, byte[] signature) {
        if (key == null || signature == null || signature.length != SIGNATURE_BYTES) {
            return false;
        }
        return key.verify(PURE, null, message, 0, message.length, signature, 0);
    }

    /** Verifies a base64 signature; malformed base64 is simply an invalid signature. */
    public static boolean verifyB64(Ed25519PublicKeyParameters key, byte[] message, String signatureB64) {
        if (signatureB64 == null) {
            return false;
        }
        try {
            return verify(key, message, Hashing.fromB64(signatureB64));
        } catch (IllegalArgumentException e) {
            return false;
        }
    }

    public static Ed25519PublicKeyParameters publicKeyFromRaw(byte[] raw) {
        if (raw == null || raw.length != PUBLIC_KEY_BYTES) {
            throw new IllegalArgumentException("an Ed25519 public key is 32 bytes");
        }
        return new Ed25519PublicKeyParameters(raw, 0);
    }

    public static Ed25519PublicKeyParameters publicKeyFromB64(String b64) {
        return publicKeyFromRaw(Hashing.fromB64(b64));
    }

    public static String publicKeyB64(Ed25519PublicKeyParameters key) {
        return Hashing.b64(key.getEncoded());
    }

    public static String privateKeyPem(Ed25519PrivateKeyParameters key) {
        try {
            PrivateKeyInfo info = PrivateKeyInfoFactory.createPrivateKeyInfo(key);
            return pem("PRIVATE KEY", info.getEncoded());
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    public static String publicKeyPem(Ed25519PublicKeyParameters key) {
        try {
            SubjectPublicKeyInfo info = SubjectPublicKeyInfoFactory.createSubjectPublicKeyInfo(key);
            return pem("PUBLIC KEY", info.getEncoded());
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    public static Ed25519PrivateKeyParameters privateKeyFromPem(String pem) {
        try {
            AsymmetricKeyParameter key = PrivateKeyFactory.createKey(readPem(pem, "PRIVATE KEY"));
            if (key instanceof Ed25519PrivateKeyParameters ed) {
                return ed;
            }
            throw new IllegalArgumentException("not an Ed25519 private key");
        } catch (IOException | RuntimeException e) {
            throw new IllegalArgumentException("cannot read Ed25519 private key: " + e.getMessage(), e);
        }
    }

    public static Ed25519PublicKeyParameters publicKeyFromPem(String pem) {
        try {
            AsymmetricKeyParameter key = PublicKeyFactory.createKey(readPem(pem, "PUBLIC KEY"));
            if (key instanceof Ed25519PublicKeyParameters ed) {
                return ed;
            }
            throw new IllegalArgumentException("not an Ed25519 public key");
        } catch (IOException | RuntimeException e) {
            throw new IllegalArgumentException("cannot read Ed25519 public key: " + e.getMessage(), e);
        }
    }

    private static String pem(String type, byte[] der) throws IOException {
        StringWriter out = new StringWriter();
        try (PemWriter writer = new PemWriter(out)) {
            writer.writeObject(new PemObject(type, der));
        }
        return out.toString();
    }

    private static byte[] readPem(String pem, String type) throws IOException {
        try (PemReader reader = new PemReader(new StringReader(pem))) {
            PemObject object = reader.readPemObject();
            if (object == null || !type.equals(object.getType())) {
                throw new IOException("expected a PEM block of type " + type);
            }
            return object.getContent();
        }
    }
}
