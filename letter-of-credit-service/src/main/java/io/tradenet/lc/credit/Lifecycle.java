package io.tradenet.lc.credit;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.tradenet.contract.http.ProblemException;
import io.tradenet.contract.json.Json;
import io.tradenet.contract.json.MalformedDocumentException;
import io.tradenet.contract.trade.Actions;
import io.tradenet.contract.trade.Amendment;
import io.tradenet.contract.trade.CreditTerms;
import io.tradenet.contract.trade.Discrepancy;
import io.tradenet.contract.trade.PresentedDocument;
import io.tradenet.contract.tx.Instruction;
import io.tradenet.lc.examination.BankingCalendar;
import io.tradenet.lc.examination.Examiner;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The credit's life after issue as pure transitions: (current state, signed instruction, today) to the
 * next state, or a problem. Who may act, in which state, and what UCP 600 requires of each step.
 * The state document: {@code {terms, status, version, confirmingBank, pendingAmendment, amendmentAdvice,
 * amendments, answeredAmendments[], rejectedAmendments[], confirmedTerms, unconfirmedAmendments, drawn, presentations[]}}; a presentation: {@code {id, presentedOn, amount, documents, discrepancies,
 * deadline, status, disposal, settlement}}.
 */
public final class Lifecycle {

    /** The steps parties take over the API (expiry is the service's own, on its schedule). */
    public static final Set<String> ACTIONS = Set.of(Actions.ADVISE_CREDIT, Actions.AMEND_CREDIT, Actions.ADVISE_AMENDMENT, Actions.ACCEPT_AMENDMENT,
            Actions.REJECT_AMENDMENT, Actions.PRESENT_DOCUMENTS, Actions.HONOUR, Actions.REFUSE, Actions.WAIVE_DISCREPANCIES,
            Actions.CANCEL_CREDIT, Actions.AGREE_CANCELLATION, Actions.NOTICE_OF_COMPLETENESS);
    private static final Set<String> OPEN = Set.of(CreditStatus.ISSUED.name(), CreditStatus.ADVISED.name(), CreditStatus.CONFIRMED.name());
    private static final Pattern DAYS_AFTER = Pattern.compile("(\\d{1,3}) DAYS? AFTER (BILL OF LADING|B/L|SHIPMENT|SIGHT|INVOICE).*");
    public static final Set<String> DISPOSALS = Set.of("HOLDING DOCUMENTS PENDING FURTHER INSTRUCTIONS", "HOLDING DOCUMENTS UNTIL WAIVER",
            "RETURNING DOCUMENTS", "ACTING ON PREVIOUSLY RECEIVED INSTRUCTIONS");

    private final BankingCalendar calendar;

    public Lifecycle(BankingCalendar calendar) {
        this.calendar = calendar;
    }

    /** The next state, or a problem that names the rule. {@code amendment} is the parsed amendment of an AmendCredit. */
    public ObjectNode apply(ObjectNode current, Instruction instruction, Amendment amendment, LocalDate today) {
        return apply(current, instruction, amendment, null, today);
    }

    /**
     * As above; {@code ebl} is the transport document an electronic bill of lading presented with the
     * documents stands for (it replaces any paper bill of lading in the presentation).
     */
    public ObjectNode apply(ObjectNode current, Instruction instruction, Amendment amendment, PresentedDocument ebl, LocalDate today) {
        ObjectNode next = current.deepCopy();
        next.put("version", current.path("version").asInt() + 1);
        CreditTerms terms = terms(current);
        String signer = instruction.signer();
        String status = current.path("status").asText();
        JsonNode body = instruction.body() == null ? Json.mapper().createObjectNode() : instruction.body();
        switch (instruction.action()) {
            case Actions.ADVISE_CREDIT -> {
                requireParty(signer, terms.advisingBank(), "advising bank");
                requireStatus(status, Set.of(CreditStatus.ISSUED.name()), "advise");
                boolean confirm = body.path("confirm").asBoolean(false);
                if (confirm) {
                    // art. 8: the confirming bank adds its undertaking when the issuing bank asks or allows it (field 49)
                    String asked = terms.confirmationInstructions() == null ? "WITHOUT" : terms.confirmationInstructions();
                    if ("WITHOUT".equals(asked)) {
                        throw ProblemException.unprocessable("confirmation-not-requested",
                                "UCP 600 art. 8: field 49 is WITHOUT; the issuing bank did not ask or allow confirmation");
                    }
                    next.put("confirmingBank", signer);
                    next.put("status", CreditStatus.CONFIRMED.name());
                } else {
                    next.put("status", CreditStatus.ADVISED.name());
                }
            }
            case Actions.AMEND_CREDIT -> {
                requireParty(signer, terms.issuingBank(), "issuing bank");
                requireStatus(status, OPEN, "amend");
                if (current.hasNonNull("pendingAmendment")) {
                    throw ProblemException.conflict("amendment-pending", "amendment " + current.get("pendingAmendment").path("number").asInt()
                            + " awaits the beneficiary's answer (UCP 600 art. 10)");
                }
                int expected = current.path("amendments").asInt(0) + 1;
                if (amendment == null || amendment.number() != expected) {
                    throw ProblemException.unprocessable("invalid-amendment", "the next amendment of " + terms.reference() + " is number " + expected);
                }
                CreditTerms amended;
                try {
                    amended = amendment.applyTo(terms);
                } catch (IllegalArgumentException e) {
                    throw ProblemException.unprocessable("invalid-amendment", e.getMessage());
                }
                if (new BigDecimal(amended.amount()).signum() <= 0) {
                    throw ProblemException.unprocessable("invalid-amendment", "the amendment would leave no amount (32B/33B)");
                }
                if (amended.expiryDate() != null && amended.expiryDate().isBefore(today)) {
                    throw ProblemException.unprocessable("invalid-amendment", "new expiry " + amended.expiryDate() + " is in the past (31D)");
                }
                // art. 10(a): binding on the issuing bank from now; the credit's terms change only on acceptance
                next.set("pendingAmendment", Json.tree(amendment));
            }
            case Actions.ADVISE_AMENDMENT -> {
                requireParty(signer, terms.advisingBank(), "advising bank");
                requireStatus(status, OPEN, "advise an amendment");
                JsonNode pending = current.get("pendingAmendment");
                if (pending == null || pending.isNull()) {
                    throw ProblemException.conflict("no-pending-amendment", "there is no amendment to advise");
                }
                if (body.path("amendment").asInt(-1) != pending.path("number").asInt()) {
                    throw ProblemException.unprocessable("invalid-instruction", "the pending amendment is number " + pending.path("number").asInt());
                }
                if (current.path("amendmentAdvice").path("number").asInt(-1) == pending.path("number").asInt()) {
                    throw ProblemException.conflict("amendment-advised", "amendment " + pending.path("number").asInt() + " was advised already");
                }
                boolean confirming = signer.equals(current.path("confirmingBank").asText(null));
                JsonNode extend = body.get("extendConfirmation");
                if (confirming && (extend == null || !extend.isBoolean())) {
                    throw ProblemException.unprocessable("invalid-instruction", "UCP 600 art. 10(b): the confirming bank says whether it extends "
                            + "its confirmation to the amendment (extendConfirmation true or false)");
                }
                if (!confirming && extend != null && extend.asBoolean(false)) {
                    throw ProblemException.unprocessable("not-confirming-bank", "UCP 600 art. 10(b): only a confirming bank extends its "
                            + "confirmation, and " + signer + " has not confirmed this credit");
                }
                // art. 10(b): a confirming bank that does not extend its confirmation informs the issuing bank and the
                // beneficiary; the notarised advice, which both read, is that notice
                next.putObject("amendmentAdvice").put("number", pending.path("number").asInt()).put("advisedBy", signer)
                        .put("advisedOn", today.toString()).put("confirmationExtended", confirming && extend.asBoolean());
            }
            case Actions.ACCEPT_AMENDMENT, Actions.REJECT_AMENDMENT -> {
                requireParty(signer, terms.beneficiary(), "beneficiary");
                requireStatus(status, OPEN, "answer an amendment");
                JsonNode pending = current.get("pendingAmendment");
                if (pending == null || pending.isNull()) {
                    throw ProblemException.conflict("no-pending-amendment", "there is no amendment to answer");
                }
                if (body.path("amendment").asInt(-1) != pending.path("number").asInt()) {
                    throw ProblemException.unprocessable("invalid-instruction", "the pending amendment is number " + pending.path("number").asInt());
                }
                next.putNull("pendingAmendment");
                // its text stays with the credit (exported again as an MT707), whatever the answer
                next.withArray("answeredAmendments").add(pending.deepCopy());
                // art. 10(e): partial acceptance is not allowed and is deemed a rejection
                boolean partial = body.has("acceptedChanges");
                JsonNode advice = current.path("amendmentAdvice");
                next.remove("amendmentAdvice");
                if (Actions.ACCEPT_AMENDMENT.equals(instruction.action()) && !partial) {
                    Amendment a = Json.bind(pending, Amendment.class);
                    next.set("terms", Json.tree(a.applyTo(terms)));
                    next.put("amendments", a.number());
                    // art. 10(b): a confirming bank is bound by an amendment only once it has advised it with its
                    // confirmation extended; accepted without that, its confirmation stays with the earlier terms
                    boolean extended = advice.path("number").asInt(-1) == a.number() && advice.path("confirmationExtended").asBoolean(false);
                    boolean declined = current.hasNonNull("confirmingBank") && !extended;
                    if (declined) {
                        // art. 10(b): the confirmation stays with the terms as they were before this amendment
                        if (!current.hasNonNull("confirmedTerms")) {
                            next.set("confirmedTerms", Json.tree(terms));
                        }
                        next.withArray("unconfirmedAmendments").add(a.number());
                    } else if (current.hasNonNull("confirmedTerms")) {
                        // extended: the confirming bank is bound by this amendment's changes on top of what it confirmed
                        // items it deletes that only an unconfirmed amendment added were never in the confirmed terms
                        next.set("confirmedTerms", Json.tree(a.applyLeniently(Json.bind(current.get("confirmedTerms"), CreditTerms.class))));
                    }
                } else {
                    ArrayNode rejected = next.withArray("rejectedAmendments");
                    rejected.add(pending.path("number").asInt());
                    next.put("amendments", pending.path("number").asInt());
                }
            }
            case Actions.PRESENT_DOCUMENTS -> {
                requireParty(signer, terms.beneficiary(), "beneficiary");
                requireStatus(status, OPEN, "present documents");
                JsonNode p = body.path("presentation");
                String id = p.path("id").asText("");
                if (!id.matches("[A-Za-z0-9-]{1,32}")) {
                    throw ProblemException.badRequest("invalid-presentation", "a presentation needs an id of 1 to 32 letters, digits or '-'");
                }
                for (JsonNode existing : current.path("presentations")) {
                    if (existing.path("id").asText().equals(id)) {
                        throw ProblemException.conflict("presentation-exists", "presentation " + id + " was made already");
                    }
                }
                BigDecimal amount;
                List<PresentedDocument> documents = new ArrayList<>();
                try {
                    amount = new BigDecimal(p.path("amount").asText()).setScale(2, RoundingMode.UNNECESSARY);
                    for (JsonNode d : p.path("documents")) {
                        documents.add(Json.bind(d, PresentedDocument.class));
                    }
                } catch (NumberFormatException | ArithmeticException | MalformedDocumentException e) {
                    throw ProblemException.badRequest("invalid-presentation", "amount and documents: " + e.getMessage());
                }
                if (ebl != null) {
                    documents.removeIf(d -> PresentedDocument.BILL_OF_LADING.equals(d.type()));
                    documents.add(ebl);
                }
                if (amount.signum() <= 0 || documents.isEmpty() || documents.size() > 50) {
                    throw ProblemException.badRequest("invalid-presentation", "a positive amount and 1 to 50 documents are needed");
                }
                ObjectNode presentation = next.withArray("presentations").addObject();
                presentation.put("id", id);
                presentation.put("presentedOn", today.toString());
                presentation.put("amount", amount.toPlainString());
                presentation.set("documents", Json.tree(documents));
                if (ebl != null) {
                    presentation.put("ebl", ebl.reference());
                }
                // eUCP art. e5, e7: an electronic presentation is examined from its notice of completeness
                boolean electronic = p.path("electronic").asBoolean(false);
                if (electronic && !p.path("complete").asBoolean(false)) {
                    presentation.put("electronic", true);
                    presentation.put("status", "AWAITING_COMPLETENESS");
                } else {
                    presentation.put("electronic", electronic);
                    examine(presentation, terms, new BigDecimal(current.path("drawn").asText("0")), today);
                }
            }
            case Actions.NOTICE_OF_COMPLETENESS -> {
                requireParty(signer, terms.beneficiary(), "beneficiary");
                requireStatus(status, OPEN, "complete a presentation");
                ObjectNode presentation = presentation(next, body);
                if (!"AWAITING_COMPLETENESS".equals(presentation.path("status").asText())) {
                    throw ProblemException.conflict("not-awaiting-completeness", "presentation " + presentation.path("id").asText() + " is "
                            + presentation.path("status").asText());
                }
                if (terms.expiryDate() != null && today.isAfter(terms.expiryDate())) {
                    // eUCP art. e5(c): the notice must be received by the expiry date
                    throw ProblemException.unprocessable("presentation-late", "eUCP e5(c): the notice of completeness came after the expiry date "
                            + terms.expiryDate());
                }
                presentation.put("completeOn", today.toString());
                examine(presentation, terms, new BigDecimal(current.path("drawn").asText("0")), today);
            }
            case Actions.HONOUR -> {
                requireStatus(status, OPEN, "honour");
                if (!signer.equals(terms.issuingBank()) && !signer.equals(current.path("confirmingBank").asText(null))) {
                    throw ProblemException.forbidden("not-your-credit", "only the issuing or the confirming bank honours (UCP 600 art. 7, 8)");
                }
                ObjectNode presentation = presentation(next, body);
                String ps = presentation.path("status").asText();
                if (!Set.of("COMPLYING", "WAIVED").contains(ps)) {
                    throw ProblemException.conflict("not-honourable", "presentation " + presentation.path("id").asText() + " is " + ps
                            + ": a discrepant presentation is honoured only after the applicant's waiver (art. 16(b))");
                }
                BigDecimal amount = new BigDecimal(presentation.path("amount").asText());
                BigDecimal drawn = new BigDecimal(next.path("drawn").asText("0")).add(amount).setScale(2, RoundingMode.UNNECESSARY);
                if (signer.equals(current.path("confirmingBank").asText(null)) && current.hasNonNull("confirmedTerms")) {
                    requireWithinConfirmation(Json.bind(current.get("confirmedTerms"), CreditTerms.class), drawn,
                            LocalDate.parse(presentation.path("presentedOn").asText(today.toString())), signer, current.path("unconfirmedAmendments"));
                }
                next.put("drawn", drawn.toPlainString());
                presentation.put("status", "HONOURED");
                presentation.set("settlement", settlement(terms, presentation, today));
                BigDecimal ceiling = new BigDecimal(terms.amount()).multiply(BigDecimal.ONE.add(
                        BigDecimal.valueOf(terms.tolerancePlus() == null ? 0 : terms.tolerancePlus()).movePointLeft(2)));
                // art. 31: partial drawings reduce what is available; a credit drawn in full is finished
                if (drawn.compareTo(new BigDecimal(terms.amount())) >= 0 || drawn.compareTo(ceiling) >= 0
                        || "NOT ALLOWED".equalsIgnoreCase(terms.partialShipments())) {
                    next.put("status", CreditStatus.FULLY_DRAWN.name());
                }
            }
            case Actions.REFUSE -> {
                requireParty(signer, terms.issuingBank(), "issuing bank");
                requireStatus(status, OPEN, "refuse");
                ObjectNode presentation = presentation(next, body);
                if (!"DISCREPANT".equals(presentation.path("status").asText())) {
                    throw ProblemException.conflict("not-refusable", "presentation " + presentation.path("id").asText() + " is "
                            + presentation.path("status").asText() + "; only a discrepant presentation is refused (art. 15, 16)");
                }
                LocalDate deadline = LocalDate.parse(presentation.path("deadline").asText());
                if (today.isAfter(deadline)) {
                    // art. 16(f): a bank that does not refuse in time is precluded from claiming discrepancies
                    throw ProblemException.unprocessable("refusal-too-late", "the examination period ended on " + deadline + " (art. 14(b), 16(f))");
                }
                String disposal = body.path("disposal").asText("HOLDING DOCUMENTS PENDING FURTHER INSTRUCTIONS").toUpperCase(Locale.ROOT);
                if (!DISPOSALS.contains(disposal)) {
                    throw ProblemException.unprocessable("invalid-disposal", "art. 16(c)(iii): the notice states one of " + DISPOSALS);
                }
                presentation.put("status", "REFUSED");
                presentation.put("disposal", disposal);
                presentation.put("refusedOn", today.toString());
            }
            case Actions.WAIVE_DISCREPANCIES -> {
                requireParty(signer, terms.applicant(), "applicant");
                requireStatus(status, OPEN, "waive");
                ObjectNode presentation = presentation(next, body);
                if (!Set.of("DISCREPANT", "REFUSED").contains(presentation.path("status").asText())
                        || ("REFUSED".equals(presentation.path("status").asText()) && "RETURNING DOCUMENTS".equals(presentation.path("disposal").asText()))) {
                    throw ProblemException.conflict("not-waivable", "presentation " + presentation.path("id").asText() + " is "
                            + presentation.path("status").asText() + " and cannot be waived");
                }
                presentation.put("status", "WAIVED");
            }
            case Actions.CANCEL_CREDIT -> {
                requireParty(signer, terms.issuingBank(), "issuing bank");
                requireStatus(status, OPEN, "cancel");
                requireNothingUnderExamination(current, "cancelled");
                if (current.hasNonNull("pendingCancellation")) {
                    throw ProblemException.conflict("cancellation-pending", "a cancellation awaits agreement already");
                }
                next.putObject("pendingCancellation").putArray("agreed").add(signer);
            }
            case Actions.AGREE_CANCELLATION -> {
                requireStatus(status, OPEN, "agree to cancel");
                JsonNode pending = current.get("pendingCancellation");
                if (pending == null || pending.isNull()) {
                    throw ProblemException.conflict("no-pending-cancellation", "the issuing bank has not proposed to cancel");
                }
                String confirming = current.path("confirmingBank").asText(null);
                Set<String> needed = new java.util.LinkedHashSet<>(List.of(terms.issuingBank(), terms.beneficiary()));
                if (confirming != null) {
                    needed.add(confirming);
                }
                if (!needed.contains(signer)) {
                    throw ProblemException.forbidden("not-your-credit", "only the beneficiary and a confirming bank agree to a cancellation (art. 10(a))");
                }
                ArrayNode agreed = (ArrayNode) ((ObjectNode) next.get("pendingCancellation")).withArray("agreed");
                Set<String> have = new java.util.HashSet<>();
                agreed.forEach(a -> have.add(a.asText()));
                if (have.add(signer)) {
                    agreed.add(signer);
                }
                if (have.containsAll(needed)) {
                    next.putNull("pendingCancellation");
                    next.put("status", CreditStatus.CANCELLED.name());
                }
            }
            case Actions.EXPIRE_CREDIT -> {
                requireStatus(status, OPEN, "expire");
                if (terms.expiryDate() == null || !today.isAfter(terms.expiryDate())) {
                    throw ProblemException.conflict("not-expired", "the credit expires on " + terms.expiryDate() + " (art. 6(d))");
                }
                requireNothingUnderExamination(current, "expired");
                next.put("status", CreditStatus.EXPIRED.name());
            }
            default -> throw ProblemException.badRequest("wrong-action", "unknown action " + instruction.action());
        }
        return next;
    }

    /** Examines a presentation now: the discrepancies and the art. 14(b) deadline counted from today. */
    private void examine(ObjectNode presentation, CreditTerms terms, BigDecimal drawn, LocalDate today) {
        List<PresentedDocument> documents = new ArrayList<>();
        presentation.path("documents").forEach(d -> documents.add(Json.bind(d, PresentedDocument.class)));
        BigDecimal amount = new BigDecimal(presentation.path("amount").asText());
        List<Discrepancy> discrepancies = Examiner.examine(terms, drawn, amount, documents, today);
        presentation.set("discrepancies", Json.tree(discrepancies));
        presentation.put("deadline", calendar.examinationDeadline(today).toString());
        presentation.put("status", discrepancies.isEmpty() ? "COMPLYING" : "DISCREPANT");
    }

    /** How the credit is honoured by its availability (art. 7(a)): the date of payment, or the maturity of a deferred payment or an acceptance. */
    private static ObjectNode settlement(CreditTerms terms, JsonNode presentation, LocalDate today) {
        ObjectNode s = Json.mapper().createObjectNode();
        String by = terms.availableBy() == null ? "BY PAYMENT" : terms.availableBy();
        s.put("availableBy", by);
        LocalDate maturity = today;
        String tenor = "BY DEF PAYMENT".equals(by) ? terms.deferredPaymentDetails() : "BY ACCEPTANCE".equals(by) ? terms.draftsAt() : null;
        if (tenor != null) {
            Matcher m = DAYS_AFTER.matcher(tenor.toUpperCase(Locale.ROOT));
            if (m.matches()) {
                LocalDate base = today;
                if (!m.group(2).equals("SIGHT")) {
                    for (JsonNode d : presentation.path("documents")) {
                        if (PresentedDocument.BILL_OF_LADING.equals(d.path("type").asText()) && d.hasNonNull("date")) {
                            base = LocalDate.parse(d.get("date").asText());
                        }
                    }
                }
                maturity = base.plusDays(Integer.parseInt(m.group(1)));
            }
        }
        s.put("maturity", maturity.toString());
        s.put("amount", presentation.path("amount").asText());
        return s;
    }

    /**
     * Art. 10(b): a confirming bank that did not extend its confirmation to an amendment is bound only by the
     * terms it confirmed; beyond their amount (with tolerance) or their expiry only the issuing bank honours.
     */
    private static void requireWithinConfirmation(CreditTerms confirmed, BigDecimal drawn, LocalDate presentedOn, String bank, JsonNode unconfirmed) {
        BigDecimal ceiling = new BigDecimal(confirmed.amount()).multiply(BigDecimal.ONE.add(
                BigDecimal.valueOf(confirmed.tolerancePlus() == null ? 0 : confirmed.tolerancePlus()).movePointLeft(2)));
        boolean late = confirmed.expiryDate() != null && presentedOn.isAfter(confirmed.expiryDate());
        if (drawn.compareTo(ceiling) > 0 || late) {
            throw ProblemException.unprocessable("confirmation-not-extended", "UCP 600 art. 10(b): " + bank + " did not extend its confirmation "
                    + "to amendment(s) " + unconfirmed + "; it confirmed " + confirmed.currency() + " " + ceiling.setScale(2, RoundingMode.HALF_UP)
                    .toPlainString() + " in all until " + confirmed.expiryDate() + ", so only the issuing bank honours this presentation");
        }
    }

    private static ObjectNode presentation(ObjectNode state, JsonNode body) {
        String id = body.path("presentation").asText("");
        for (JsonNode p : state.withArray("presentations")) {
            if (p.path("id").asText().equals(id)) {
                return (ObjectNode) p;
            }
        }
        throw ProblemException.notFound("no presentation " + id + " under this credit");
    }

    /** A presentation made in time is decided even after expiry: nothing ends the credit while one awaits a decision or a waiver. */
    private static void requireNothingUnderExamination(JsonNode state, String what) {
        for (JsonNode p : state.path("presentations")) {
            String ps = p.path("status").asText();
            boolean awaitingWaiver = "REFUSED".equals(ps) && p.path("disposal").asText().startsWith("HOLDING");
            if (Set.of("COMPLYING", "DISCREPANT", "WAIVED", "AWAITING_COMPLETENESS").contains(ps) || awaitingWaiver) {
                throw ProblemException.conflict("presentation-open", "presentation " + p.path("id").asText() + " is " + ps
                        + "; the credit cannot be " + what + " until it is decided");
            }
        }
    }

    private static void requireParty(String signer, String party, String role) {
        if (!signer.equals(party)) {
            throw ProblemException.forbidden("not-your-credit", "only the credit's " + role + " (" + party + ") may do this; signed by " + signer);
        }
    }

    private static void requireStatus(String status, Set<String> allowed, String what) {
        if (!allowed.contains(status)) {
            throw ProblemException.conflict("wrong-state", "cannot " + what + " a credit that is " + status);
        }
    }

    static CreditTerms terms(JsonNode state) {
        return Json.bind(state.get("terms"), CreditTerms.class);
    }

    /** Everyone a credit's state concerns: its banks (and the confirming bank), applicant and beneficiary. */
    public static List<String> participants(JsonNode state) {
        List<String> parties = new ArrayList<>(CreditService.participants(terms(state)));
        String confirming = state.path("confirmingBank").asText(null);
        if (confirming != null && !parties.contains(confirming)) {
            parties.add(confirming);
        }
        return parties;
    }
}
