package io.tradenet.deploy.bench;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import io.tradenet.contract.crypto.Ed25519;
import io.tradenet.contract.crypto.Hashing;
import io.tradenet.contract.json.CanonicalJson;
import io.tradenet.contract.json.Json;
import io.tradenet.contract.tx.Instruction;
import io.tradenet.contract.tx.SignedInstruction;
import io.tradenet.contract.tx.TimeWindow;
import io.tradenet.contract.tx.TransactionState;
import io.tradenet.contract.tx.WireTransaction;
import io.tradenet.contract.crypto.SigningKey;
import org.bouncycastle.crypto.params.Ed25519PrivateKeyParameters;
import org.bouncycastle.crypto.params.Ed25519PublicKeyParameters;

import java.io.PrintStream;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Locale;
import java.util.UUID;

/**
 * How fast this machine is today, on the work the services do most: canonicalise a transaction (RFC
 * 8785), hash it (SHA-256) and verify an Ed25519 signature, on one thread, before anything else starts.
 * The same hardware class gave figures a factor of two to three apart on different days (a shared
 * host); printing this beside every benchmark lets figures from different days be compared.
 */
public final class Calibration {

    private Calibration() {
    }

    /** Runs 2 s unmeasured, then 3 s measured; prints and returns operations per second. */
    public static double run(PrintStream log) {
        Ed25519PrivateKeyParameters key = Ed25519.generate();
        SigningKey signer = new SigningKey("calibration", key);
        TimeWindow window = TimeWindow.between(Instant.parse("2026-01-01T00:00:00Z"), Instant.parse("2026-01-02T00:00:00Z"));
        Instruction instruction = new Instruction(UUID.randomUUID().toString(), "Move", "calibration", "notary", List.of(), List.of(),
                window, JsonNodeFactory.instance.objectNode().put("note", "calibration"));
        SignedInstruction command = SignedInstruction.sign(instruction, signer);
        WireTransaction tx = new WireTransaction("notary", List.of(), List.of(), List.of(new TransactionState("Token",
                List.of("calibration"), JsonNodeFactory.instance.objectNode().put("owner", "calibration"))), List.of(command), window);
        JsonNode tree = Json.tree(tx);
        byte[] message = "calibration".getBytes(StandardCharsets.UTF_8);
        byte[] signature = Ed25519.sign(key, message);
        Ed25519PublicKeyParameters publicKey = key.generatePublicKey();
        loop(tree, publicKey, message, signature, Duration.ofSeconds(2));
        double perSecond = loop(tree, publicKey, message, signature, Duration.ofSeconds(3));
        log.printf(Locale.ROOT, "calibration: %.0f transactions/s canonicalised, hashed and signature-checked on one thread "
                + "(compare figures from different days by this)%n", perSecond);
        log.printf(Locale.ROOT, "calibration: fresh memory first touched at %.0f MiB/s (%d MiB; every JVM heap, broker log and "
                + "database page the run writes is first touched once)%n", firstTouchMibPerSecond(), FIRST_TOUCH_MIB);
        return perSecond;
    }

    private static final int FIRST_TOUCH_MIB = 64;

    /**
     * How fast the machine hands out memory it has not touched yet: allocating a direct buffer zeroes (and so
     * faults in) every page of it; NaN where the JVM may not have that much direct memory. On the eleventh
     * session's machine this ran at 330 to 345 MiB/s (256 MiB then; a second
     * touch of the same pages is ~100 times faster) while the CPU figure above was as on days when the ledger
     * appended half as fast again: the cost of first touches (page faults the host serves) is a property of
     * the day that the CPU figure does not see.
     */
    static double firstTouchMibPerSecond() {
        long started = System.nanoTime();
        ByteBuffer buffer;
        try {
            buffer = ByteBuffer.allocateDirect(FIRST_TOUCH_MIB << 20);
        } catch (OutOfMemoryError e) {
            return Double.NaN;
        }
        double seconds = (System.nanoTime() - started) / 1e9;
        if (buffer.get(buffer.capacity() - 1) != 0) {
            throw new IllegalStateException("a new direct buffer is not zeroed");
        }
        return FIRST_TOUCH_MIB / seconds;
    }

    private static double loop(JsonNode tree, Ed25519PublicKeyParameters key, byte[] message, byte[] signature, Duration duration) {
        long started = System.nanoTime();
        long until = started + duration.toNanos();
        long count = 0;
        int sink = 0;
        while (System.nanoTime() < until) {
            sink += Hashing.sha256(CanonicalJson.bytes(tree))[0];
            if (!Ed25519.verify(key, message, signature)) {
                throw new IllegalStateException("calibration signature does not verify");
            }
            count++;
        }
        if (sink == Integer.MIN_VALUE) {
            System.out.print("");
        }
        return count / ((System.nanoTime() - started) / 1e9);
    }
}
