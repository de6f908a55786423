package io.tradenet.deploy.cli;

import io.tradenet.contract.party.DemoNetwork;
import io.tradenet.contract.party.NetworkGenerator;
import io.tradenet.deploy.auth.DevTokens;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.Callable;

/** {@code tradenet network generate}: a registry and development keys for the demo parties. */
@Command(name = "network", mixinStandardHelpOptions = true, description = "Party registry and keys.",
        subcommands = {NetworkCommand.Generate.class, NetworkCommand.Token.class})
public class NetworkCommand {

    @Command(name = "generate", mixinStandardHelpOptions = true,
            description = "Write registry.json and keys/<party>.pem (Ed25519, PKCS#8, readable by openssl) for the demo parties. "
                    + "Development keys only.")
    static class Generate implements Callable<Integer> {

        @Option(names = "--dir", required = true, description = "Output directory")
        Path dir;

        @Override
        public Integer call() {
            NetworkGenerator.Network network = NetworkGenerator.generate(dir, DemoNetwork.NAME, DemoNetwork.parties());
            System.out.println("wrote " + network.registryFile() + " and " + network.keys().size() + " keys under " + dir.resolve("keys")
                    + ", token issuer key pair under " + dir.resolve(NetworkGenerator.AUTH_DIR));
            return 0;
        }
    }

    @Command(name = "token", mixinStandardHelpOptions = true,
            description = "Print a development bearer token (RS256 JWT) for a party of a generated network: subject = the party, "
                    + "groups = its registry roles, signed with the network's token-issuer key.")
    static class Token implements Callable<Integer> {

        @Option(names = "--dir", required = true, description = "The generated network's directory")
        Path dir;

        @Option(names = "--party", required = true, description = "Registered party name")
        String party;

        @Option(names = "--ttl", defaultValue = "PT12H", description = "Validity as an ISO-8601 duration (default ${DEFAULT-VALUE})")
        Duration ttl;

        @Override
        public Integer call() {
            System.out.println(DevTokens.mint(NetworkGenerator.load(dir), party, ttl));
            return 0;
        }
    }
}
