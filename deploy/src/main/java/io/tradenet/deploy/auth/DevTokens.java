package io.tradenet.deploy.auth;

import io.tradenet.contract.party.NetworkGenerator;
import io.tradenet.contract.party.Party;
import io.tradenet.contract.party.Role;
import org.jose4j.jws.AlgorithmIdentifiers;
import org.jose4j.jws.JsonWebSignature;
import org.jose4j.jwt.JwtClaims;
import org.jose4j.lang.JoseException;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.PrivateKey;
import java.security.spec.PKCS8EncodedKeySpec;
import java.time.Duration;
import java.util.Base64;
import java.util.Collection;
import java.util.List;
import java.util.UUID;

/**
 * Mints development bearer tokens for a generated network's parties: RS256 JWTs signed with the
 * network's token-issuer key, subject = the party's registered name, groups = its registry roles.
 * The services verify them with SmallRye JWT against the issuer's public key. In production an OIDC
 * provider issues the tokens instead; nothing here is needed there.
 */
public final class DevTokens {

    /** The {@code iss} claim of development tokens; the services' {@code mp.jwt.verify.issuer}. */
    public static final String ISSUER = "urn:tradenet:dev-token-issuer";

    private DevTokens() {
    }

    /** A token for a registered party with all its registry roles. */
    public static String mint(NetworkGenerator.Network network, String party, Duration ttl) {
        Party entry = network.registry().get(party);
        return mint(network.tokenIssuerPrivateKeyFile(), party, entry.roles().stream().map(Role::name).toList(), ttl);
    }

    /** A token with any subject and groups (tests use it to forge claims the registry does not back). */
    public static String mint(Path issuerKeyFile, String subject, Collection<String> groups, Duration ttl) {
        return mint(loadPrivateKey(issuerKeyFile), ISSUER, subject, groups, ttl);
    }

    public static String mint(PrivateKey key, String issuer, String subject, Collection<String> groups, Duration ttl) {
        JwtClaims claims = new JwtClaims();
        claims.setIssuer(issuer);
        claims.setSubject(subject);
        claims.setClaim("upn", subject);
        claims.setStringListClaim("groups", List.copyOf(groups));
        claims.setIssuedAtToNow();
        claims.setExpirationTimeMinutesInTheFuture(ttl.toSeconds() / 60f);
        claims.setJwtId(UUID.randomUUID().toString());
        JsonWebSignature jws = new JsonWebSignature();
        jws.setPayload(claims.toJson());
        jws.setKey(key);
        jws.setHeader("typ", "JWT");
        jws.setAlgorithmHeaderValue(AlgorithmIdentifiers.RSA_USING_SHA256);
        try {
            return jws.getCompactSerialization();
        } catch (JoseException e) {
            throw new IllegalStateException("cannot sign a token", e);
        }
    }

    public static PrivateKey loadPrivateKey(Path pemFile) {
        try {
            String pem = Files.readString(pemFile).replaceAll("-----[A-Z ]+-----", "").replaceAll("\\s", "");
            return KeyFactory.getInstance("RSA").generatePrivate(new PKCS8EncodedKeySpec(Base64.getDecoder().decode(pem)));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read the token issuer key " + pemFile, e);
        } catch (GeneralSecurityException | IllegalArgumentException e) {
            throw new IllegalStateException("not a PKCS#8 RSA private key: " + pemFile, e);
        }
    }
}
