package io.tradenet.system;

import com.fasterxml.jackson.databind.JsonNode;
import io.tradenet.contract.json.Json;
import io.tradenet.contract.ledger.LedgerEntry;
import io.tradenet.contract.party.DemoNetwork;
import io.tradenet.deploy.local.HttpJson;
import io.tradenet.deploy.local.LocalNetwork;

import java.util.ArrayList;
import java.util.List;

/** The ledger's entries as the regulator reads them: GET /api/ledger/entries, page by page. */
final class LedgerEntries {

    private LedgerEntries() {
    }

    /** Every entry the ledger holds now, in index order. */
    static List<JsonNode> all(LocalNetwork network) {
        List<JsonNode> entries = new ArrayList<>();
        String regulator = network.token(DemoNetwork.REGULATOR);
        for (long from = 0; ; from += LedgerEntry.MAX_PAGE) {
            HttpJson.Reply reply = HttpJson.get(network.ledger().baseUrl() + "/api/ledger/entries?from=" + from + "&limit="
                    + LedgerEntry.MAX_PAGE, regulator);
            if (!reply.ok()) {
                throw new IllegalStateException("GET /api/ledger/entries?from=" + from + " answered " + reply.status() + ": " + reply.body());
            }
            JsonNode page = Json.parse(reply.body());
            page.forEach(entries::add);
            if (page.size() < LedgerEntry.MAX_PAGE) {
                return entries;
            }
        }
    }

    /** The index of {@code txId}'s entry, or -1 while the ledger does not hold it. */
    static long indexOf(LocalNetwork network, String txId) {
        return all(network).stream().filter(e -> e.path("txId").asText().equals(txId)).mapToLong(e -> e.path("index").asLong())
                .findFirst().orElse(-1);
    }
}
