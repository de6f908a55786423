package io.tradenet.deploy.cli;

import io.tradenet.contract.party.DemoNetwork;
import io.tradenet.contract.party.NetworkGenerator;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

import java.nio.file.Path;
import java.util.concurrent.Callable;

/** {@code tradenet network generate}: a registry and development keys for the demo parties. */
@Command(name = "network", mixinStandardHelpOptions = true, description = "Party registry and keys.",
        subcommands = NetworkCommand.Generate.class)
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
            System.out.println("wrote " + network.registryFile() + " and " + network.keys().size() + " keys under " + dir.resolve("keys"));
            return 0;
        }
    }
}
