package io.tradenet.contract.tx;

import com.fasterxml.jackson.databind.JsonNode;
import io.tradenet.contract.crypto.SigningKey;
import io.tradenet.contract.json.CanonicalJson;
import io.tradenet.contract.json.Json;

import java.util.Objects;

/**
 * An instruction exactly as its signer signed it (the JSON tree is kept as received, so the canonical
 * bytes, and hence the signature check, never depend on how a receiver re-serialises it) and the
 * signer's Ed25519 signature over its RFC 8785 canonical bytes.
 */
public record SignedInstruction(JsonNode instruction, String signature) {

    public SignedInstruction {
        Objects.requireNonNull(instruction, "instruction");
        Objects.requireNonNull(signature, "signature");
    }

    public static SignedInstruction sign(Instruction instruction, SigningKey key) {
        if (!instruction.signer().equals(key.partyName())) {
            throw new IllegalArgumentException("instruction names signer " + instruction.signer()
                    + " but is being signed by " + key.partyName());
        }
        JsonNode tree = Json.tree(instruction);
        return new SignedInstruction(tree, key.signB64(CanonicalJson.bytes(tree)));
    }

    /** The typed view; throws MalformedDocumentException if the tree is not a valid instruction. */
    public Instruction parsed() {
        return Json.bind(instruction, Instruction.class);
    }

    public byte[] signedBytes() {
        return CanonicalJson.bytes(instruction);
    }

    public String signer() {
        JsonNode signer = instruction.get("signer");
        return signer == null || !signer.isTextual() ? null : signer.asText();
    }
}
