package io.tradenet.contract.party;

import io.tradenet.contract.crypto.Ed25519;
import io.tradenet.contract.crypto.SigningKey;
import io.tradenet.contract.json.Json;
import org.bouncycastle.crypto.params.Ed25519PrivateKeyParameters;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.NoSuchAlgorithmException;
import java.util.Base64;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Generates a network: a fresh Ed25519 key per party (PKCS#8 PEM under {@code keys/}, readable by
 * openssl) and the registry file every service reads ({@code registry.json}), plus an RSA key pair for
 * a development token issuer ({@code auth/}) whose public half the services verify bearer JWTs with.
 * The keys it writes are development keys for a local network and tests, never for production (there,
 * the services point at the organisation's OIDC provider instead).
 */
public final class NetworkGenerator {

    /** What to generate for one party. */
    public record PartySpec(String name, Set<Role> roles, String bic, String legalName) {
        public static PartySpec of(String name, Role... roles) {
            return new PartySpec(name, Set.of(roles), null, null);
        }
    }

    /** A generated network: the registry and every party's signing key. */
    public record Network(Path directory, PartyRegistry registry, Map<String, SigningKey> keys) {
        public SigningKey key(String party) {
            SigningKey key = keys.get(party);
            if (key == null) {
                throw new UnknownPartyException(party);
            }
            return key;
        }

        public Path registryFile() {
            return directory.resolve(REGISTRY_FILE);
        }

        public Path keyFile(String party) {
            return directory.resolve(KEYS_DIR).resolve(party + ".pem");
        }

        /** X.509 PEM public key of the development token issuer (mp.jwt.verify.publickey.location). */
        public Path tokenIssuerPublicKeyFile() {
            return directory.resolve(AUTH_DIR).resolve(TOKEN_ISSUER_PUBLIC);
        }

        /** PKCS#8 PEM private key of the development token issuer (RS256). */
        public Path tokenIssuerPrivateKeyFile() {
            return directory.resolve(AUTH_DIR).resolve(TOKEN_ISSUER_PRIVATE);
        }
    }

    public static final String REGISTRY_FILE = "registry.json";
    public static final String KEYS_DIR = "keys";
    public static final String AUTH_DIR = "auth";
    public static final String TOKEN_ISSUER_PUBLIC = "token-issuer.pub.pem";
    public static final String TOKEN_ISSUER_PRIVATE = "token-issuer.pem";

    private NetworkGenerator() {
    }

    public static Network generate(Path directory, String networkName, List<PartySpec> specs) {
        try {
            Path keysDir = Files.createDirectories(directory.resolve(KEYS_DIR));
            List<Party> parties = new ArrayList<>();
            Map<String, SigningKey> keys = new LinkedHashMap<>();
            for (PartySpec spec : specs) {
                Ed25519PrivateKeyParameters privateKey = Ed25519.generate();
                SigningKey key = new SigningKey(spec.name(), privateKey);
                parties.add(new Party(spec.name(), spec.roles(), Ed25519.publicKeyB64(key.publicKey()), spec.bic(), spec.legalName()));
                keys.put(spec.name(), key);
                Path keyFile = keysDir.resolve(spec.name() + ".pem");
                Files.writeString(keyFile, key.privateKeyPem(), StandardCharsets.US_ASCII);
                restrict(keyFile);
            }
            writeTokenIssuerKeys(Files.createDirectories(directory.resolve(AUTH_DIR)));
            PartyRegistry registry = new PartyRegistry(networkName, parties);
            Files.writeString(directory.resolve(REGISTRY_FILE),
                    Json.mapper().writerWithDefaultPrettyPrinter().writeValueAsString(registry.document()),
                    StandardCharsets.UTF_8);
            return new Network(directory, registry, keys);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write network to " + directory, e);
        }
    }

    /** Loads a generated network (registry plus the keys present under keys/). */
    public static Network load(Path directory) {
        PartyRegistry registry = PartyRegistry.load(directory.resolve(REGISTRY_FILE));
        Map<String, SigningKey> keys = new LinkedHashMap<>();
        for (Party party : registry.parties()) {
            Path keyFile = directory.resolve(KEYS_DIR).resolve(party.name() + ".pem");
            if (Files.exists(keyFile)) {
                keys.put(party.name(), SigningKey.load(party.name(), keyFile));
            }
        }
        return new Network(directory, registry, keys);
    }

    private static void writeTokenIssuerKeys(Path dir) throws IOException {
        KeyPair pair;
        try {
            KeyPairGenerator generator = KeyPairGenerator.getInstance("RSA");
            generator.initialize(2048);
            pair = generator.generateKeyPair();
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("RSA is part of every Java platform", e);
        }
        Path privateFile = dir.resolve(TOKEN_ISSUER_PRIVATE);
        Files.writeString(privateFile, pem("PRIVATE KEY", pair.getPrivate().getEncoded()), StandardCharsets.US_ASCII);
        restrict(privateFile);
        Files.writeString(dir.resolve(TOKEN_ISSUER_PUBLIC), pem("PUBLIC KEY", pair.getPublic().getEncoded()), StandardCharsets.US_ASCII);
    }

    private static String pem(String type, byte[] der) {
        return "-----BEGIN " + type + "-----\n" + Base64.getMimeEncoder(64, new byte[] {'\n'}).encodeToString(der)
                + "\n-----END " + type + "-----\n";
    }

    private static void restrict(Path file) {
        try {
            Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rw-------"));
        } catch (UnsupportedOperationException | IOException ignored) {
            // not a POSIX file system: permissions are the platform's default
        }
    }

    public static void main(String[] args) {
        if (args.length != 1) {
            System.err.println("usage: NetworkGenerator <directory>   (writes the demo network's registry.json and keys/)");
            System.exit(2);
        }
        Network network = generate(Path.of(args[0]), DemoNetwork.NAME, DemoNetwork.parties());
        System.out.println("wrote " + network.registryFile() + " and " + network.keys().size() + " keys");
    }
}
