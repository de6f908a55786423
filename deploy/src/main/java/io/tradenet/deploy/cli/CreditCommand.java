package io.tradenet.deploy.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.tradenet.contract.json.Json;
import io.tradenet.contract.notary.NotarySignature;
import io.tradenet.contract.notary.NotarySignatures;
import io.tradenet.contract.trade.Actions;
import io.tradenet.contract.trade.CreditTerms;
import io.tradenet.contract.tx.StateRef;
import io.tradenet.deploy.local.HttpJson;
import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * {@code tradenet credit ...}: what a bank's, an applicant's or an exporter's scripts do with a letter of
 * credit. Each step is an instruction the acting party signs with its own key from the network
 * directory; the answer is shown once notarised, with the notary's signature checked against the registry.
 */
@Command(name = "credit", mixinStandardHelpOptions = true, description = "Issue, read and act on letters of credit as a party.",
        subcommands = {CreditCommand.Issue.class, CreditCommand.Show.class, CreditCommand.Mt700.class, CreditCommand.Act.class,
                CreditCommand.Present.class})
public class CreditCommand {

    /** Friendly action names for {@code credit act --action}, with the body fields they imply. */
    static final Map<String, String> ACTIONS = new LinkedHashMap<>();

    static {
        ACTIONS.put("advise", Actions.ADVISE_CREDIT);
        ACTIONS.put("confirm", Actions.ADVISE_CREDIT);
        ACTIONS.put("amend", Actions.AMEND_CREDIT);
        ACTIONS.put("advise-amendment", Actions.ADVISE_AMENDMENT);
        ACTIONS.put("accept-amendment", Actions.ACCEPT_AMENDMENT);
        ACTIONS.put("reject-amendment", Actions.REJECT_AMENDMENT);
        ACTIONS.put("complete", Actions.NOTICE_OF_COMPLETENESS);
        ACTIONS.put("honour", Actions.HONOUR);
        ACTIONS.put("refuse", Actions.REFUSE);
        ACTIONS.put("waive", Actions.WAIVE_DISCREPANCIES);
        ACTIONS.put("cancel", Actions.CANCEL_CREDIT);
        ACTIONS.put("agree-cancellation", Actions.AGREE_CANCELLATION);
    }

    /** Options of every credit command: the letter-of-credit service's address. */
    abstract static class CreditBase extends PartyCommand {
        @Option(names = "--lc", defaultValue = "${env:TRADENET_LC:-http://127.0.0.1:8081}",
                description = "Letter-of-credit service URL (default: $TRADENET_LC or ${DEFAULT-VALUE})")
        String lc;

        /** The credit as the caller sees it now. */
        JsonNode current(String reference) {
            return ok(client(lc).credit(reference, party), "read credit " + reference);
        }

        /** A notarised answer: checks the notary's signature against the registry, prints the credit. */
        int answered(HttpJson.Reply reply, String what) {
            JsonNode credit = ok(reply, what);
            String notarised = "";
            if (credit.hasNonNull("notarySignature") && credit.hasNonNull("txId")) {
                NotarySignatures.verify(credit.get("txId").asText(), Json.bind(credit.get("notarySignature"), NotarySignature.class),
                        network().registry());
                notarised = System.lineSeparator() + "  notarised: tx " + credit.get("txId").asText() + " (notary signature verified against the registry)";
            } else if (reply.status() == 202) {
                notarised = System.lineSeparator() + "  accepted, the notary has not answered yet: the service finishes it (check with credit show)";
            }
            return shown(credit, notarised);
        }

        int shown(JsonNode credit, String note) {
            print(credit, describe(credit) + note);
            return 0;
        }
    }

    /** A command about one credit: its number. */
    abstract static class OneCredit extends CreditBase {
        @Parameters(index = "0", paramLabel = "REF", description = "Credit number (field 20)")
        String reference;
    }

    @Command(name = "issue", mixinStandardHelpOptions = true,
            description = "Issue a credit as its issuing bank: JSON terms (CreditTerms, the MT700 fields by name) or the bank's MT700 "
                    + "(FIN text; sender = issuing bank, receiver = advising bank, by BIC). The bank signs the IssueCredit instruction "
                    + "carrying either; the service checks every field and names the one it refuses.")
    static class Issue extends CreditBase {

        @ArgGroup(exclusive = true, multiplicity = "1")
        Source source;

        static class Source {
            @Option(names = "--terms", description = "JSON file: the credit terms (CreditTerms), or {\"credit\": CreditTerms}")
            Path terms;

            @Option(names = "--mt700", description = "Text file: the credit as a SWIFT MT700 (FIN)")
            Path mt700;
        }

        @Override
        protected int run() {
            ObjectNode body = Json.mapper().createObjectNode();
            if (source.mt700 != null) {
                body.put("mt700", read(source.mt700));
            } else {
                JsonNode terms = Json.parse(read(source.terms));
                JsonNode credit = terms.has("credit") ? terms.get("credit") : terms;
                Json.bind(credit, CreditTerms.class);
                body.set("credit", credit);
            }
            return answered(client(lc).issue(signer(), body), "issue");
        }
    }

    @Command(name = "show", mixinStandardHelpOptions = true, description = "A credit's status, version, state, terms and presentations.")
    static class Show extends OneCredit {

        @Override
        protected int run() {
            return shown(current(reference), "");
        }
    }

    @Command(name = "mt700", mixinStandardHelpOptions = true, description = "A credit as an MT700 (FIN text), issuing bank to advising bank.")
    static class Mt700 extends OneCredit {

        @Override
        protected int run() {
            String text = okText(client(lc).mt700(reference, party), "read MT700 of " + reference);
            print(Json.mapper().createObjectNode().put("reference", reference).put("mt700", text), text.stripTrailing());
            return 0;
        }
    }

    @Command(name = "act", mixinStandardHelpOptions = true,
            description = "A step in the credit's life, signed by the acting party and consuming the credit's current state: "
                    + "advise, confirm (advise and add confirmation), amend (--body with {amendment: ...} or --mt707), advise-amendment (--set extendConfirmation=true|false), accept-amendment, "
                    + "reject-amendment, complete (eUCP notice of completeness), honour, refuse, waive, cancel, agree-cancellation; "
                    + "or the instruction's own name (AdviseCredit, ...). The amendment number and the presentation id default to the "
                    + "pending amendment and the latest presentation.")
    static class Act extends OneCredit {

        @Option(names = "--action", required = true, description = "What to do (see above)")
        String action;

        @Option(names = "--body", description = "JSON file: the instruction body (the credit's number is added)")
        Path body;

        @Option(names = "--set", paramLabel = "KEY=VALUE", description = "A body field (dotted keys nest; true, false, numbers and JSON "
                + "are taken as such, anything else as text), e.g. --set presentation=P1 --set disposal='RETURNING DOCUMENTS'")
        List<String> set = new ArrayList<>();

        @Option(names = "--mt707", description = "Text file: an amendment as a SWIFT MT707 (with --action amend)")
        Path mt707;

        @Override
        protected int run() {
            String instruction = ACTIONS.getOrDefault(action.toLowerCase(Locale.ROOT), action);
            if (instruction.equals(action) && !Character.isUpperCase(action.charAt(0))) {
                throw new IllegalArgumentException("unknown action " + action + ": one of " + String.join(", ", ACTIONS.keySet())
                        + ", or an instruction name such as " + Actions.WAIVE_DISCREPANCIES);
            }
            ObjectNode content = body == null ? Json.mapper().createObjectNode() : (ObjectNode) Json.parse(read(body));
            if ("confirm".equalsIgnoreCase(action)) {
                content.put("confirm", true);
            }
            if (mt707 != null) {
                content.put("mt707", read(mt707));
            }
            for (String assignment : set) {
                int eq = assignment.indexOf('=');
                if (eq <= 0) {
                    throw new IllegalArgumentException("--set takes KEY=VALUE, got " + assignment);
                }
                setPath(content, assignment.substring(0, eq), assignment.substring(eq + 1));
            }
            JsonNode credit = current(reference);
            JsonNode state = credit.path("state");
            if (List.of(Actions.ADVISE_AMENDMENT, Actions.ACCEPT_AMENDMENT, Actions.REJECT_AMENDMENT).contains(instruction) && !content.has("amendment")
                    && state.path("pendingAmendment").isObject()) {
                content.put("amendment", state.path("pendingAmendment").path("number").asInt());
            }
            if (List.of(Actions.HONOUR, Actions.REFUSE, Actions.WAIVE_DISCREPANCIES, Actions.NOTICE_OF_COMPLETENESS).contains(instruction)
                    && !content.has("presentation") && state.path("presentations").size() > 0) {
                JsonNode presentations = state.path("presentations");
                content.put("presentation", presentations.get(presentations.size() - 1).path("id").asText());
            }
            return answered(client(lc).act(credit, instruction, signer(), content), instruction + " " + reference);
        }
    }

    @Command(name = "present", mixinStandardHelpOptions = true,
            description = "The beneficiary presents documents under the credit; they are examined at once under UCP 600. With --ebl the "
                    + "electronic bill of lading in that state is presented too (consumed and endorsed to the issuing bank) and stands "
                    + "for the transport document.")
    static class Present extends OneCredit {

        @Option(names = "--documents", required = true,
                description = "JSON file: the presentation {id, amount, documents: [PresentedDocument]} or just the documents array")
        Path documents;

        @Option(names = "--ebl", paramLabel = "STATEREF", description = "The eBL's current state (<txid>:<index>, printed when it was issued)")
        String ebl;

        @Option(names = "--id", description = "Presentation id (overrides the file's)")
        String id;

        @Option(names = "--amount", description = "Amount drawn (overrides the file's)")
        String amount;

        @Override
        protected int run() {
            JsonNode file = Json.parse(read(documents));
            ObjectNode presentation = file.isArray() ? Json.mapper().createObjectNode() : ((ObjectNode) file).deepCopy();
            if (file.isArray()) {
                presentation.set("documents", file);
            }
            if (id != null) {
                presentation.put("id", id);
            }
            if (amount != null) {
                presentation.put("amount", amount);
            }
            if (!presentation.hasNonNull("id") || !presentation.hasNonNull("amount")) {
                throw new IllegalArgumentException("the presentation needs an id and an amount (in the file or with --id and --amount)");
            }
            List<StateRef> alsoConsumes = new ArrayList<>();
            if (ebl != null) {
                StateRef ref = StateRef.parse(ebl);
                presentation.put("ebl", ref.toString());
                alsoConsumes.add(ref);
            }
            ObjectNode content = Json.mapper().createObjectNode();
            content.set("presentation", presentation);
            JsonNode credit = current(reference);
            return answered(client(lc).act(credit, Actions.PRESENT_DOCUMENTS, signer(), content, alsoConsumes.toArray(StateRef[]::new)),
                    "present documents under " + reference);
        }
    }

    private static final Pattern JSON_LITERAL = Pattern.compile("true|false|null|-?\\d+(\\.\\d+)?([eE][-+]?\\d+)?|[\\[{\"].*", Pattern.DOTALL);

    /** Sets {@code a.b.c=value} in {@code root}; JSON literals keep their type. */
    static void setPath(ObjectNode root, String key, String value) {
        String[] parts = key.split("\\.");
        ObjectNode node = root;
        for (int i = 0; i < parts.length - 1; i++) {
            node = node.has(parts[i]) && node.get(parts[i]).isObject() ? (ObjectNode) node.get(parts[i]) : node.putObject(parts[i]);
        }
        node.set(parts[parts.length - 1], JSON_LITERAL.matcher(value).matches() ? Json.parse(value) : Json.mapper().getNodeFactory().textNode(value));
    }

    /** The human summary of a credit view. */
    static String describe(JsonNode credit) {
        JsonNode state = credit.path("state");
        JsonNode t = state.path("terms");
        String nl = System.lineSeparator();
        StringBuilder out = new StringBuilder();
        out.append("credit ").append(credit.path("reference").asText()).append(' ').append(credit.path("status").asText())
                .append(" (version ").append(credit.path("version").asInt()).append(')').append(nl);
        out.append("  ").append(t.path("currency").asText()).append(' ').append(t.path("amount").asText())
                .append(", drawn ").append(state.path("drawn").asText("0")).append(", expires ").append(t.path("expiryDate").asText())
                .append(' ').append(t.path("expiryPlace").asText()).append(", ").append(t.path("availableBy").asText())
                .append(' ').append(t.path("draftsAt").asText("")).append(nl);
        out.append("  issuing bank ").append(t.path("issuingBank").asText()).append(", advising bank ").append(t.path("advisingBank").asText());
        if (state.hasNonNull("confirmingBank")) {
            out.append(", confirmed by ").append(state.get("confirmingBank").asText());
        }
        out.append(nl).append("  applicant ").append(t.path("applicant").asText()).append(", beneficiary ").append(t.path("beneficiary").asText())
                .append(nl);
        out.append("  state ").append(credit.path("stateRef").asText("-"));
        if (state.path("amendments").asInt(0) > 0) {
            out.append(nl).append("  amendments answered: ").append(state.path("amendments").asInt())
                    .append(state.path("rejectedAmendments").isEmpty() ? "" : ", rejected " + state.path("rejectedAmendments"));
        }
        if (state.path("pendingAmendment").isObject()) {
            out.append(nl).append("  amendment ").append(state.path("pendingAmendment").path("number").asInt()).append(" awaits the beneficiary's answer");
        }
        if (state.path("pendingCancellation").isObject()) {
            out.append(nl).append("  cancellation proposed, agreed by ").append(state.path("pendingCancellation").path("agreed"));
        }
        for (JsonNode p : state.path("presentations")) {
            out.append(nl).append("  presentation ").append(p.path("id").asText()).append(' ').append(p.path("status").asText())
                    .append(": ").append(t.path("currency").asText()).append(' ').append(p.path("amount").asText())
                    .append(", ").append(p.path("documents").size()).append(" documents");
            if (p.hasNonNull("ebl")) {
                out.append(" with eBL ").append(p.get("ebl").asText());
            }
            out.append(", ").append(p.path("discrepancies").size()).append(" discrepancies");
            if (p.hasNonNull("deadline")) {
                out.append(", decide by ").append(p.get("deadline").asText());
            }
            if (p.path("settlement").isObject()) {
                JsonNode settlement = p.get("settlement");
                out.append(nl).append("    settled ").append(t.path("currency").asText()).append(' ').append(settlement.path("amount").asText())
                        .append(' ').append(settlement.path("availableBy").asText()).append(", maturity ").append(settlement.path("maturity").asText());
            }
            for (JsonNode d : p.path("discrepancies")) {
                out.append(nl).append("    UCP 600 art. ").append(d.path("article").asText()).append(" (field ").append(d.path("field").asText())
                        .append("): ").append(d.path("description").asText(d.path("message").asText()));
            }
        }
        return out.toString();
    }

}
