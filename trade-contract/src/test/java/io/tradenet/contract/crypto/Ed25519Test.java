package io.tradenet.contract.crypto;

import org.bouncycastle.crypto.params.Ed25519PrivateKeyParameters;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

class Ed25519Test {

    @Test
    void rfc8032Section7_1Test1SignatureIsReproduced() {
        Ed25519PrivateKeyParameters key = new Ed25519PrivateKeyParameters(
                Hashing.fromHex("9d61b19deffd5a60ba844af492ec2cc44449c5697b326919703bac031cae7f60"), 0);
        assertThat(Hashing.hex(key.generatePublicKey().getEncoded()))
                .isEqualTo("d75a980182b10ab7d54bfed3c964073a0ee172f3daa62325af021a68f707511a");
        assertThat(Hashing.hex(Ed25519.sign(key, new byte[0]))).isEqualTo(
                "e5564300c360ac729086e2cc806e828a84877f1eb8e5d974d873e06522490155"
                        + "5fb8821590a33bacc61e39701cf9b46bd25bf5f0595bbe24655141438e7a100b");
    }

    /**
     * RFC 8032 section 5.1: signatures are deterministic, so the JDK's own Ed25519 (an independent
     * implementation) must produce the same bytes for the same key and message, and each must verify the
     * other's, for every message length including the large envelopes the services sign.
     */
    @Test
    void rfc8032Section5_1SignaturesAreThoseOfTheJdksIndependentEd25519ForMessagesOfEveryLength() throws Exception {
        java.util.Random random = new java.util.Random(8032);
        for (int length : new int[] {0, 1, 2, 31, 32, 33, 64, 1000, 75_000, 1 << 20}) {
            byte[] seed = new byte[32];
            random.nextBytes(seed);
            byte[] message = new byte[length];
            random.nextBytes(message);
            Ed25519PrivateKeyParameters key = new Ed25519PrivateKeyParameters(seed, 0);

            java.security.KeyFactory factory = java.security.KeyFactory.getInstance("Ed25519");
            java.security.PrivateKey jdkKey = factory.generatePrivate(
                    new java.security.spec.EdECPrivateKeySpec(java.security.spec.NamedParameterSpec.ED25519, seed));
            java.security.Signature jdk = java.security.Signature.getInstance("Ed25519");
            jdk.initSign(jdkKey);
            jdk.update(message);
            byte[] jdkSignature = jdk.sign();

            byte[] ours = Ed25519.sign(key, message);
            assertThat(ours).as("length %d", length).isEqualTo(jdkSignature);
            assertThat(Ed25519.verify(key.generatePublicKey(), message, jdkSignature)).isTrue();
            if (length > 0) {
                message[length / 2] ^= 1;
                assertThat(Ed25519.verify(key.generatePublicKey(), message, jdkSignature)).as("length %d, one bit changed", length).isFalse();
            }
        }
    }

    @Test
    void aSignatureOverOtherBytesOrByAnotherKeyDoesNotVerify() {
        SigningKey alice = new SigningKey("alice", Ed25519.generate());
        SigningKey bob = new SigningKey("bob", Ed25519.generate());
        byte[] message = "pay 100".getBytes(StandardCharsets.UTF_8);
        byte[] signature = alice.sign(message);
        assertThat(Ed25519.verify(alice.publicKey(), message, signature)).isTrue();
        assertThat(Ed25519.verify(alice.publicKey(), "pay 900".getBytes(StandardCharsets.UTF_8), signature)).isFalse();
        assertThat(Ed25519.verify(bob.publicKey(), message, signature)).isFalse();
        assertThat(Ed25519.verifyB64(alice.publicKey(), message, "not base64!")).isFalse();
    }

    @Test
    void pemKeysRoundTrip() {
        SigningKey key = new SigningKey("p", Ed25519.generate());
        assertThat(Ed25519.privateKeyFromPem(key.privateKeyPem()).generatePublicKey().getEncoded())
                .isEqualTo(key.publicKey().getEncoded());
        assertThat(Ed25519.publicKeyFromPem(Ed25519.publicKeyPem(key.publicKey())).getEncoded())
                .isEqualTo(key.publicKey().getEncoded());
    }

    /** The README's promise: canonical bytes + public key + signature are enough for openssl. */
    @Test
    void openSslVerifiesOurSignatureFromThePublicKeyAndTheCanonicalBytesAlone(@TempDir Path dir) throws Exception {
        Assumptions.assumeTrue(Files.isExecutable(Path.of("/usr/bin/openssl")), "openssl not installed");
        SigningKey key = new SigningKey("p", Ed25519.generate());
        byte[] message = "{\"action\":\"IssueCredit\",\"id\":\"1\"}".getBytes(StandardCharsets.UTF_8);
        Files.writeString(dir.resolve("pub.pem"), Ed25519.publicKeyPem(key.publicKey()));
        Files.write(dir.resolve("msg.bin"), message);
        Files.write(dir.resolve("sig.bin"), key.sign(message));
        assertThat(openssl(dir, "msg.bin")).isZero();
        Files.write(dir.resolve("other.bin"), "{\"action\":\"IssueCredit\",\"id\":\"2\"}".getBytes(StandardCharsets.UTF_8));
        assertThat(openssl(dir, "other.bin")).isNotZero();
    }

    private static int openssl(Path dir, String messageFile) throws Exception {
        Process process = new ProcessBuilder("openssl", "pkeyutl", "-verify", "-pubin", "-inkey", "pub.pem",
                "-rawin", "-in", messageFile, "-sigfile", "sig.bin")
                .directory(dir.toFile()).redirectErrorStream(true).start();
        process.getInputStream().readAllBytes();
        assertThat(process.waitFor(30, TimeUnit.SECONDS)).isTrue();
        return process.exitValue();
    }
}
