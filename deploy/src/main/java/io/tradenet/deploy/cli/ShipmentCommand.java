package io.tradenet.deploy.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.tradenet.contract.json.Json;
import io.tradenet.contract.tx.StateRef;
import io.tradenet.deploy.demo.TradeClient;
import io.tradenet.deploy.local.EventStream;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

import java.time.Duration;

/**
 * {@code tradenet shipment ...}: the carrier books shipments and records their milestones (loading on
 * board issues the electronic bill of lading to the shipper); the shipper and regulators read and follow
 * them live.
 */
@Command(name = "shipment", mixinStandardHelpOptions = true, description = "Book, record, read and follow shipments.",
        subcommands = {ShipmentCommand.Book.class, ShipmentCommand.Milestone.class, ShipmentCommand.Show.class, ShipmentCommand.Follow.class})
public class ShipmentCommand {

    /** Options of every shipment command: the letter-of-credit service's address. */
    abstract static class ShipmentBase extends PartyCommand {
        @Option(names = "--lc", defaultValue = "${env:TRADENET_LC:-http://127.0.0.1:8081}",
                description = "Letter-of-credit service URL (default: $TRADENET_LC or ${DEFAULT-VALUE})")
        String lc;

        @Parameters(index = "0", paramLabel = "ID", description = "Shipment id (4 to 32 of A-Z, 0-9, '-')")
        String id;

        int shown(JsonNode shipment) {
            print(shipment, describe(shipment));
            return 0;
        }
    }

    @Command(name = "book", mixinStandardHelpOptions = true, description = "The carrier books a shipment for a shipper (a registered exporter).")
    static class Book extends ShipmentBase {

        @Option(names = "--shipper", required = true, description = "The exporter shipping the goods (registered party name)")
        String shipper;

        @Option(names = "--goods", required = true, description = "Description of the goods")
        String goods;

        @Option(names = "--port-of-loading", required = true, description = "e.g. 'HAMBURG, GERMANY'")
        String portOfLoading;

        @Option(names = "--port-of-discharge", required = true, description = "e.g. 'SHANGHAI, CHINA'")
        String portOfDischarge;

        @Option(names = "--vessel", required = true, description = "e.g. 'MV NORDIC STAR'")
        String vessel;

        @Override
        protected int run() {
            JsonNode shipment = ok(client(lc).book(signer(), new TradeClient.Booking(id, shipper, goods, portOfLoading, portOfDischarge, vessel)),
                    "book " + id);
            return shown(shipment);
        }
    }

    @Command(name = "milestone", mixinStandardHelpOptions = true,
            description = "The carrier records the shipment's next milestone: GATED_IN, LOADED_ON_BOARD (issues the eBL to the shipper; "
                    + "its state is printed, and with --json given as eblStateRef), DEPARTED, ARRIVED, DELIVERED.")
    static class Milestone extends ShipmentBase {

        @Option(names = "--milestone", required = true, description = "The next milestone")
        String milestone;

        @Option(names = "--place", required = true, description = "Where it happened")
        String place;

        @Override
        protected int run() {
            TradeClient client = client(lc);
            JsonNode current = ok(client.shipment(id, party), "read shipment " + id);
            ObjectNode shipment = (ObjectNode) ok(client.milestone(signer(), current, milestone, place), milestone + " of " + id);
            if ("LOADED_ON_BOARD".equals(shipment.path("status").asText()) && shipment.path("state").hasNonNull("ebl")) {
                // loading on board outputs the shipment (index 0) and the eBL (index 1) in one transaction
                shipment.put("eblStateRef", new StateRef(StateRef.parse(shipment.path("stateRef").asText()).txId(), 1).toString());
            }
            return shown(shipment);
        }
    }

    @Command(name = "show", mixinStandardHelpOptions = true, description = "A shipment, its milestones and its eBL (for its carrier, its shipper and regulators).")
    static class Show extends ShipmentBase {

        @Override
        protected int run() {
            return shown(ok(client(lc).shipment(id, party), "read shipment " + id));
        }
    }

    @Command(name = "follow", mixinStandardHelpOptions = true,
            description = "Print the shipment's milestones so far, then each new one as the carrier records it, until --until is seen "
                    + "(exit 0), --timeout passes (exit 0 without --until, 1 with), or Ctrl-C.")
    static class Follow extends ShipmentBase {

        @Option(names = "--until", paramLabel = "MILESTONE", description = "Stop once this milestone is recorded")
        String until;

        @Option(names = "--timeout", description = "Stop after this long (ISO-8601, e.g. PT2M)")
        Duration timeout;

        @Override
        protected int run() {
            try (EventStream stream = client(lc).timeline(id, party)) {
                if (!stream.ok()) {
                    throw Refused.of("follow " + id, stream.status(), stream.refusal());
                }
                Deadline deadline = Deadline.after(timeout, stream);
                for (EventStream.Event event; (event = stream.next()) != null; ) {
                    JsonNode m = Json.parse(event.data());
                    print(m, "%-16s %-40s %s".formatted(m.path("milestone").asText(), m.path("place").asText(), m.path("at").asText()));
                    if (m.path("milestone").asText().equals(until)) {
                        deadline.cancel();
                        return 0;
                    }
                }
                deadline.cancel();
                if (until != null) {
                    System.err.println("error: " + (deadline.passed() ? "timed out" : "the stream ended") + " before " + until);
                    return 1;
                }
                return 0;
            }
        }
    }

    /** The human summary of a shipment view. */
    static String describe(JsonNode shipment) {
        JsonNode s = shipment.path("state");
        String nl = System.lineSeparator();
        StringBuilder out = new StringBuilder();
        out.append("shipment ").append(shipment.path("id").asText()).append(' ').append(shipment.path("status").asText())
                .append(" (version ").append(shipment.path("version").asInt()).append(')').append(nl);
        out.append("  carrier ").append(shipment.path("carrier").asText()).append(", shipper ").append(shipment.path("shipper").asText())
                .append(", ").append(s.path("vessel").asText()).append(", ").append(s.path("portOfLoading").asText()).append(" -> ")
                .append(s.path("portOfDischarge").asText()).append(nl);
        out.append("  goods ").append(s.path("goods").asText()).append(nl);
        for (JsonNode m : s.path("milestones")) {
            out.append("  ").append("%-16s %-40s %s".formatted(m.path("milestone").asText(), m.path("place").asText(), m.path("at").asText())).append(nl);
        }
        if (s.hasNonNull("ebl")) {
            out.append("  eBL ").append(s.get("ebl").asText()).append(" issued to ").append(shipment.path("shipper").asText());
            if (shipment.hasNonNull("eblStateRef")) {
                out.append(", state ").append(shipment.get("eblStateRef").asText());
            }
            out.append(nl);
        }
        out.append("  state ").append(shipment.path("stateRef").asText());
        return out.toString();
    }
}
