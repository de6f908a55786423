package io.tradenet.lc.swift;

import com.fasterxml.jackson.databind.JsonNode;
import com.prowidesoftware.swift.model.SwiftBlock4;
import com.prowidesoftware.swift.model.Tag;
import com.prowidesoftware.swift.model.mt.mt7xx.MT734;
import io.tradenet.contract.party.PartyRegistry;
import io.tradenet.contract.trade.CreditTerms;

import java.time.LocalDate;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * The refusal notice of UCP 600 art. 16 as an MT734 (advice of refusal), through Prowide Core: 20 the
 * credit, 21 the presentation, 32A date and amount claimed, 77J every discrepancy with its article,
 * 77B the disposal of the documents (/HOLD/, /NOTIFY/ until waiver, /RETURN/, /PREVINST/).
 */
public final class Mt734 {

    private static final DateTimeFormatter YYMMDD = DateTimeFormatter.ofPattern("uuMMdd", Locale.ROOT);

    private Mt734() {
    }

    public static String write(CreditTerms terms, JsonNode presentation, PartyRegistry registry) {
        MT734 mt = new MT734();
        mt.setSender(bic11(registry.get(terms.issuingBank()).bic()));
        String receiver = terms.advisingBank() != null ? terms.advisingBank() : terms.issuingBank();
        mt.setReceiver(bic11(registry.get(receiver).bic()));
        SwiftBlock4 b = mt.getSwiftMessage().getBlock4();
        b.append(new Tag("20", terms.reference()));
        b.append(new Tag("21", presentation.path("id").asText()));
        LocalDate on = LocalDate.parse(presentation.path("refusedOn").asText(presentation.path("presentedOn").asText()));
        b.append(new Tag("32A", on.format(YYMMDD) + terms.currency() + presentation.path("amount").asText().replace('.', ',')));
        List<String> lines = new ArrayList<>();
        for (JsonNode d : presentation.path("discrepancies")) {
            lines.addAll(wrap(("UCP 600 ART. " + d.path("article").asText() + " " + d.path("description").asText()).toUpperCase(Locale.ROOT), 50));
        }
        b.append(new Tag("77J", String.join("\n", lines.subList(0, Math.min(lines.size(), 70)))));
        b.append(new Tag("77B", disposalCode(presentation.path("disposal").asText(""))));
        return mt.message();
    }

    /** Field 77B codes for the disposals of art. 16(c)(iii). */
    static String disposalCode(String disposal) {
        return switch (disposal) {
            case "HOLDING DOCUMENTS UNTIL WAIVER" -> "/NOTIFY/";
            case "RETURNING DOCUMENTS" -> "/RETURN/";
            case "ACTING ON PREVIOUSLY RECEIVED INSTRUCTIONS" -> "/PREVINST/";
            default -> "/HOLD/";
        };
    }

    private static String bic11(String bic) {
        return bic.length() == 8 ? bic + "XXX" : bic;
    }

    private static List<String> wrap(String text, int width) {
        List<String> lines = new ArrayList<>();
        StringBuilder line = new StringBuilder();
        for (String word : text.split(" ")) {
            while (word.length() > width) {
                if (line.length() > 0) {
                    lines.add(line.toString());
                    line.setLength(0);
                }
                lines.add(word.substring(0, width));
                word = word.substring(width);
            }
            if (line.length() > 0 && line.length() + 1 + word.length() > width) {
                lines.add(line.toString());
                line.setLength(0);
            }
            if (line.length() > 0) {
                line.append(' ');
            }
            line.append(word);
        }
        if (line.length() > 0) {
            lines.add(line.toString());
        }
        return lines;
    }
}
