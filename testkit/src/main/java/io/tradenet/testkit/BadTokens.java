package io.tradenet.testkit;

import io.tradenet.contract.party.DemoNetwork;
import io.tradenet.deploy.auth.DevTokens;

import java.nio.charset.StandardCharsets;
import java.security.KeyPairGenerator;
import java.security.NoSuchAlgorithmException;
import java.security.PrivateKey;
import java.time.Duration;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Authorization header values that must never authenticate, by what is wrong with them. Every service's
 * access-control test runs all of them against its endpoints.
 */
public final class BadTokens {

    private BadTokens() {
    }

    /** Name of the flaw → the Authorization header value (null: no header at all). */
    public static Map<String, String> all() {
        String party = DemoNetwork.ISSUING_BANK;
        List<String> bank = List.of("BANK");
        String valid = TestNetwork.token(party);
        String[] parts = valid.split("\\.");
        Map<String, String> bad = new LinkedHashMap<>();
        bad.put("no Authorization header", null);
        bad.put("empty bearer", "Bearer ");
        bad.put("not a JWT", "Bearer not-a-token");
        bad.put("Basic scheme instead of Bearer", "Basic " + Base64.getEncoder().encodeToString("tfbk-shanghai:secret".getBytes(StandardCharsets.UTF_8)));
        bad.put("truncated signature", "Bearer " + valid.substring(0, valid.length() - 10));
        bad.put("payload swapped under a valid signature", "Bearer " + parts[0] + "." + payload(DemoNetwork.REGULATOR, List.of("REGULATOR")) + "." + parts[2]);
        bad.put("alg none", "Bearer " + b64("{\"alg\":\"none\",\"typ\":\"JWT\"}") + "." + payload(party, bank) + ".");
        bad.put("expired", "Bearer " + DevTokens.mint(TestNetwork.get().tokenIssuerPrivateKeyFile(), party, bank, Duration.ofMinutes(-10)));
        bad.put("signed by another issuer's key", "Bearer " + DevTokens.mint(foreignKey(), DevTokens.ISSUER, party, bank, Duration.ofMinutes(10)));
        bad.put("wrong issuer claim", "Bearer " + DevTokens.mint(DevTokens.loadPrivateKey(TestNetwork.get().tokenIssuerPrivateKeyFile()),
                "urn:someone-else", party, bank, Duration.ofMinutes(10)));
        bad.put("subject not a registered party", "Bearer " + DevTokens.mint(TestNetwork.get().tokenIssuerPrivateKeyFile(), "mallory", bank,
                Duration.ofMinutes(10)));
        return bad;
    }

    private static String payload(String subject, List<String> groups) {
        long now = System.currentTimeMillis() / 1000;
        return b64("{\"iss\":\"" + DevTokens.ISSUER + "\",\"sub\":\"" + subject + "\",\"upn\":\"" + subject + "\",\"groups\":[\""
                + String.join("\",\"", groups) + "\"],\"iat\":" + now + ",\"exp\":" + (now + 600) + "}");
    }

    private static String b64(String json) {
        return Base64.getUrlEncoder().withoutPadding().encodeToString(json.getBytes(StandardCharsets.UTF_8));
    }

    private static PrivateKey foreignKey() {
        try {
            KeyPairGenerator generator = KeyPairGenerator.getInstance("RSA");
            generator.initialize(2048);
            return generator.generateKeyPair().getPrivate();
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
