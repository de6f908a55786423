package io.tradenet.system;

import io.tradenet.deploy.local.LocalNetwork;
import io.tradenet.testkit.TempDirectories;

import java.util.Map;
import java.util.UUID;

/** A network of real processes on free loopback ports for one test class. */
final class RunningNetwork {

    private RunningNetwork() {
    }

    static LocalNetwork start(int notaryMembers) {
        return start(notaryMembers, Map.of());
    }

    /** With extra configuration for the ledger service. */
    static LocalNetwork start(int notaryMembers, Map<String, String> ledgerConfig) {
        String prefix = "tradenet_it_" + UUID.randomUUID().toString().replace("-", "").substring(0, 8);
        LocalNetwork.Options options = LocalNetwork.Options.freePorts(TempDirectories.removedAtExit("tradenet-it"), notaryMembers, prefix)
                .withLedgerConfig(ledgerConfig);
        return LocalNetwork.start(options, System.out);
    }
}
