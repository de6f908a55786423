package io.tradenet.deploy.local;

import com.fasterxml.jackson.databind.JsonNode;
import io.tradenet.contract.checkpoint.Checkpoint;
import io.tradenet.contract.json.Json;
import io.tradenet.contract.ledger.InclusionProof;
import io.tradenet.contract.ledger.LedgerEntry;
import io.tradenet.contract.ledger.LogVerifier;
import io.tradenet.contract.notary.NotarySignature;
import io.tradenet.contract.notary.NotarySignatures;
import io.tradenet.contract.party.DemoNetwork;
import io.tradenet.contract.party.NetworkGenerator;
import io.tradenet.contract.trade.CreditTerms;
import io.tradenet.contract.tx.SignedInstruction;
import io.tradenet.deploy.auth.DevTokens;
import io.tradenet.deploy.demo.DemoCredits;

import java.io.PrintStream;
import java.time.Duration;

/**
 * Drives one real trade through a running network and checks it the way an outsider would: the issuing
 * bank issues a credit over REST; the answer carries the notary's signature, checked against the
 * registry; the ledger's signed checkpoint grows; the entry's inclusion proof verifies offline.
 */
public final class DemoTrade {

    /** What the demo saw, for the caller to print or assert on. */
    public record Outcome(String reference, String txId, long ledgerIndex, Checkpoint checkpoint) {
    }

    private DemoTrade() {
    }

    public static Outcome run(NetworkGenerator.Network network, String lcUrl, String ledgerUrl, PrintStream out) {
        String reference = DemoCredits.newReference();
        CreditTerms terms = DemoCredits.machinery(reference);
        SignedInstruction issuance = DemoCredits.issuance(terms, network.key(DemoNetwork.ISSUING_BANK));
        out.println("  " + DemoNetwork.ISSUING_BANK + " signs IssueCredit " + reference + " (EUR 1,250,000, CIF Shanghai) and posts it");
        HttpJson.Reply reply = HttpJson.post(lcUrl + "/api/credits", Json.write(issuance), DevTokens.mint(network, DemoNetwork.ISSUING_BANK, Duration.ofMinutes(5)));
        if (reply.status() != 201) {
            throw new IllegalStateException("issuance answered " + reply.status() + ": " + reply.body());
        }
        JsonNode credit = Json.parse(reply.body());
        String txId = credit.get("txId").asText();
        NotarySignature signature = Json.bind(credit.get("notarySignature"), NotarySignature.class);
        NotarySignatures.verify(txId, signature, network.registry());
        out.println("  notarised: tx " + txId.substring(0, 16) + "..., notary batch signature verified against the registry");

        String regulator = DevTokens.mint(network, DemoNetwork.REGULATOR, Duration.ofMinutes(5));
        long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
        LedgerEntry entry = null;
        Checkpoint checkpoint = null;
        while (System.nanoTime() < deadline && entry == null) {
            checkpoint = LogVerifier.verifyCheckpoint(HttpJson.get(ledgerUrl + "/api/ledger/checkpoint", null).body(), network.registry());
            for (long i = Math.max(0, checkpoint.size() - 50); i < checkpoint.size() && entry == null; i++) {
                LedgerEntry candidate = Json.read(HttpJson.get(ledgerUrl + "/api/ledger/entries/" + i, regulator).body(), LedgerEntry.class);
                if (candidate.txId().equals(txId)) {
                    entry = candidate;
                }
            }
            if (entry == null) {
                sleep();
            }
        }
        if (entry == null) {
            throw new IllegalStateException("the credit's transaction did not reach the ledger within 60 s");
        }
        InclusionProof proof = Json.read(HttpJson.get(ledgerUrl + "/api/ledger/proofs/inclusion?index=" + entry.index()
                + "&treeSize=" + checkpoint.size(), null).body(), InclusionProof.class);
        LogVerifier.verifyInclusion(entry, proof, checkpoint);
        out.println("  ledger entry " + entry.index() + ", linked to the previous entry's hash; inclusion proof verified against the"
                + " signed checkpoint (tree size " + checkpoint.size() + ")");
        return new Outcome(reference, txId, entry.index(), checkpoint);
    }

    private static void sleep() {
        try {
            Thread.sleep(300);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
