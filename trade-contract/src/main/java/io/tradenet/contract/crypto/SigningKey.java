package io.tradenet.contract.crypto;

import org.bouncycastle.crypto.params.Ed25519PrivateKeyParameters;
import org.bouncycastle.crypto.params.Ed25519PublicKeyParameters;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

/** A party's or a service's own Ed25519 signing key, with the registry name it signs as. */
public final class SigningKey {

    private final String partyName;
    private final Ed25519PrivateKeyParameters privateKey;
    private final Ed25519PublicKeyParameters publicKey;

    public SigningKey(String partyName, Ed25519PrivateKeyParameters privateKey) {
        this.partyName = partyName;
        this.privateKey = privateKey;
        this.publicKey = privateKey.generatePublicKey();
    }

    public static SigningKey load(String partyName, Path pemFile) {
        try {
            return new SigningKey(partyName, Ed25519.privateKeyFromPem(Files.readString(pemFile, StandardCharsets.US_ASCII)));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read key file " + pemFile, e);
        }
    }

    public String partyName() {
        return partyName;
    }

    public Ed25519PublicKeyParameters publicKey() {
        return publicKey;
    }

    public byte[] sign(byte[] message) {
        return Ed25519.sign(privateKey, message);
    }

    public String signB64(byte[] message) {
        return Hashing.b64(sign(message));
    }

    public String privateKeyPem() {
        return Ed25519.privateKeyPem(privateKey);
    }
}
