package io.tradenet.contract.party;

import com.fasterxml.jackson.databind.JsonNode;
import io.tradenet.contract.crypto.Ed25519;
import io.tradenet.contract.json.Json;
import org.bouncycastle.crypto.params.Ed25519PublicKeyParameters;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The network's party registry: every party's name, roles and public key. Every service reads the same
 * file; nothing in it is secret. Signatures are always checked against this registry, never against a
 * key that arrives with a message.
 */
public final class PartyRegistry {

    /** On-disk form of the registry. */
    public record Document(String network, List<Party> parties) {
    }

    private final String network;
    private final Map<String, Party> byName;
    private final Map<String, Ed25519PublicKeyParameters> keys;
    private final Map<String, Party> byBic;

    public PartyRegistry(String network, Collection<Party> parties) {
        this.network = network;
        Map<String, Party> names = new LinkedHashMap<>();
        Map<String, Ed25519PublicKeyParameters> keyMap = new LinkedHashMap<>();
        Map<String, Party> bics = new LinkedHashMap<>();
        for (Party party : parties) {
            if (names.putIfAbsent(party.name(), party) != null) {
                throw new IllegalArgumentException("party registered twice: " + party.name());
            }
            keyMap.put(party.name(), party.key());
            if (party.bic() != null) {
                bics.put(bic8(party.bic()), party);
            }
        }
        this.byName = Map.copyOf(names);
        this.keys = Map.copyOf(keyMap);
        this.byBic = Map.copyOf(bics);
    }

    public static PartyRegistry load(Path file) {
        try {
            return parse(Files.readString(file, StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read party registry " + file, e);
        }
    }

    public static PartyRegistry parse(String json) {
        JsonNode tree = Json.parse(json);
        Document document = Json.bind(tree, Document.class);
        return new PartyRegistry(document.network(), document.parties());
    }

    public String network() {
        return network;
    }

    public Collection<Party> parties() {
        return byName.values();
    }

    public Optional<Party> find(String name) {
        return name == null ? Optional.empty() : Optional.ofNullable(byName.get(name));
    }

    public Party get(String name) {
        return find(name).orElseThrow(() -> new UnknownPartyException(name));
    }

    /** Finds a bank by BIC; an 11-character BIC and its 8-character head name the same institution here. */
    public Optional<Party> findByBic(String bic) {
        return bic == null || bic.length() < 8 ? Optional.empty() : Optional.ofNullable(byBic.get(bic8(bic)));
    }

    public boolean hasRole(String name, Role role) {
        Party party = byName.get(name);
        return party != null && party.hasRole(role);
    }

    /** Checks a signature by the named party; an unknown party or a malformed signature is simply false. */
    public boolean verify(String signer, byte[] message, String signatureB64) {
        Ed25519PublicKeyParameters key = signer == null ? null : keys.get(signer);
        return key != null && Ed25519.verifyB64(key, message, signatureB64);
    }

    public Document document() {
        return new Document(network, List.copyOf(byName.values()));
    }

    private static String bic8(String bic) {
        return bic.substring(0, 8);
    }
}
