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
import io.tradenet.contract.trade.Actions;
import io.tradenet.contract.tx.StateRef;
import io.tradenet.deploy.auth.DevTokens;
import io.tradenet.deploy.demo.DemoCredits;
import io.tradenet.deploy.demo.TradeClient;

import java.io.PrintStream;
import java.time.Duration;

/**
 * Drives one real trade through a running network and checks it the way an outsider would: the issuing
 * bank issues a credit (the notary's signature checked against the registry), the advising bank advises
 * and confirms, the carrier ships and issues the eBL, the exporter presents the documents with the eBL,
 * the confirming bank honours; the last step's ledger entry is found and its inclusion proof verified
 * against the signed checkpoint.
 */
public final class DemoTrade {

    /** What the demo saw, for the caller to print or assert on. */
    public record Outcome(String reference, String txId, long ledgerIndex, Checkpoint checkpoint) {
    }

    private DemoTrade() {
    }

    public static Outcome run(NetworkGenerator.Network network, String lcUrl, String ledgerUrl, PrintStream out) {
        TradeClient parties = new TradeClient(network, lcUrl);
        String reference = DemoCredits.newReference();
        CreditTerms terms = DemoCredits.machinery(reference);
        out.println("  " + terms.issuingBank() + " signs IssueCredit " + reference + " (EUR 1,250,000, CIF Shanghai, confirmation requested) and posts it");
        JsonNode credit = ok(parties.issue(terms), "issue");
        NotarySignature signature = Json.bind(credit.get("notarySignature"), NotarySignature.class);
        NotarySignatures.verify(credit.get("txId").asText(), signature, network.registry());
        out.println("  notarised: tx " + credit.get("txId").asText().substring(0, 16) + "..., notary batch signature verified against the registry");

        credit = ok(parties.act(credit, Actions.ADVISE_CREDIT, terms.advisingBank(), Json.mapper().createObjectNode().put("confirm", true)), "advise");
        out.println("  " + terms.advisingBank() + " advises and confirms it (UCP 600 art. 8, 9): " + credit.path("status").asText());

        String shipmentId = "SHP-" + reference.substring(2, 10);
        JsonNode shipment = ok(parties.book(shipmentId, terms, "MV NORDIC STAR"), "book");
        shipment = ok(parties.milestone(shipment, "GATED_IN", "HAMBURG CONTAINER TERMINAL"), "gate in");
        shipment = ok(parties.milestone(shipment, "LOADED_ON_BOARD", terms.portOfLoading()), "load");
        StateRef ebl = new StateRef(StateRef.parse(shipment.path("stateRef").asText()).txId(), 1);
        out.println("  " + DemoNetwork.CARRIER + " books " + shipmentId + ", gates in, loads on board MV NORDIC STAR: eBL "
                + shipment.path("state").path("ebl").asText() + " issued to " + terms.beneficiary());

        credit = ok(parties.act(credit, Actions.PRESENT_DOCUMENTS, terms.beneficiary(), TradeClient.presentation(terms, "P1", terms.amount(), ebl), ebl),
                "present");
        JsonNode presentation = credit.path("state").path("presentations").get(0);
        out.println("  " + terms.beneficiary() + " presents invoice, eBL (endorsed to the issuing bank), insurance, packing list, certificate"
                + " of origin: " + presentation.path("status").asText() + ", " + presentation.path("discrepancies").size() + " discrepancies, decide by "
                + presentation.path("deadline").asText());
        credit = ok(parties.act(credit, Actions.HONOUR, terms.advisingBank(), Json.mapper().createObjectNode().put("presentation", "P1")), "honour");
        out.println("  " + terms.advisingBank() + " honours as confirming bank: EUR " + credit.path("state").path("drawn").asText() + " drawn, credit "
                + credit.path("status").asText());
        String txId = credit.get("txId").asText();

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
            throw new IllegalStateException("the honour's transaction did not reach the ledger within 60 s");
        }
        InclusionProof proof = Json.read(HttpJson.get(ledgerUrl + "/api/ledger/proofs/inclusion?index=" + entry.index()
                + "&treeSize=" + checkpoint.size(), null).body(), InclusionProof.class);
        LogVerifier.verifyInclusion(entry, proof, checkpoint);
        out.println("  ledger entry " + entry.index() + ", linked to the previous entry's hash; inclusion proof verified against the"
                + " signed checkpoint (tree size " + checkpoint.size() + ")");
        return new Outcome(reference, txId, entry.index(), checkpoint);
    }

    private static JsonNode ok(HttpJson.Reply reply, String step) {
        if (reply.status() != 200 && reply.status() != 201) {
            throw new IllegalStateException(step + " answered " + reply.status() + ": " + reply.body());
        }
        return Json.parse(reply.body());
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
