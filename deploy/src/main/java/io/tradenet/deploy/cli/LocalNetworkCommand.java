package io.tradenet.deploy.cli;

import io.tradenet.deploy.infra.Layout;
import io.tradenet.deploy.local.DemoTrade;
import io.tradenet.deploy.local.LocalNetwork;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

import java.nio.file.Path;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;

/** {@code tradenet local-network}: run the whole network locally, drive one trade, keep running until Ctrl-C. */
@Command(name = "local-network", mixinStandardHelpOptions = true,
        description = "Start Kafka and the three services on loopback, drive one letter of credit through them, "
                + "print where to look, and keep running until Ctrl-C (which stops everything started here).")
public class LocalNetworkCommand implements Callable<Integer> {

    @Option(names = "--work-dir", description = "Where keys, logs and embedded databases go (wiped at start). Default: <repo>/local-network")
    Path workDir;

    @Option(names = "--database", defaultValue = "AUTO",
            description = "AUTO (PostgreSQL if 127.0.0.1:5432 answers, else embedded H2), POSTGRES or EMBEDDED. Default: ${DEFAULT-VALUE}")
    LocalNetwork.DatabaseMode database;

    @Option(names = "--no-demo", description = "Do not drive the demo trade")
    boolean noDemo;

    @Override
    public Integer call() throws Exception {
        Path work = workDir != null ? workDir : Layout.repositoryRoot().resolve("local-network");
        LocalNetwork.Options options = LocalNetwork.Options.defaults(work).withDatabase(database);
        System.out.println("TradeNet local network (work directory " + work.toAbsolutePath() + ")");
        LocalNetwork network = LocalNetwork.start(options, System.out);
        CountDownLatch stopped = new CountDownLatch(1);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            System.out.println("\nstopping: services, then Kafka ...");
            network.close();
            System.out.println("stopped.");
            stopped.countDown();
        }, "stop-local-network"));

        if (!noDemo) {
            System.out.println("\ndemo trade:");
            DemoTrade.Outcome outcome = DemoTrade.run(network.network(), network.lc().baseUrl(), network.ledger().baseUrl(), System.out);
            System.out.println("  trade " + outcome.reference() + " complete: issued, confirmed, shipped, presented, honoured; ledger tree size " + outcome.checkpoint().size());
        }
        String lc = network.lc().baseUrl();
        String notary = network.notaries().get(0).baseUrl();
        String ledger = network.ledger().baseUrl();
        java.nio.file.Path tokenFile = network.network().directory().resolve("regulator.token");
        java.nio.file.Files.writeString(tokenFile, network.token(io.tradenet.contract.party.DemoNetwork.REGULATOR));
        System.out.println("""

                web pages (each link signs that party in; the token stays in the browser tab):
                  exporter's shipments and credits   %s/shipments.html#token=%s
                  issuing bank's credits, deadlines  %s/credits.html#token=%s
                  regulator's verified audit stream  %s/#token=%s"""
                .formatted(lc, network.token(io.tradenet.contract.party.DemoNetwork.BENEFICIARY), lc,
                        network.token(io.tradenet.contract.party.DemoNetwork.ISSUING_BANK), ledger,
                        network.token(io.tradenet.contract.party.DemoNetwork.REGULATOR)));
        System.out.println("""

                where to look (the APIs need a bearer token; the regulator's is in %s,
                any party's from: java -jar deploy/target/tradenet.jar network token --dir %s --party <name>):
                  TOKEN=$(cat %s)
                  credits             curl -H "Authorization: Bearer $TOKEN" %s/api/credits/<reference>   (OpenAPI: %s/q/openapi)
                  notary              curl -H "Authorization: Bearer $TOKEN" %s/api/notarisations/<txId>
                  ledger checkpoint   curl %s/api/ledger/checkpoint   (public)
                  ledger entries      curl -H "Authorization: Bearer $TOKEN" '%s/api/ledger/entries?from=0&limit=10'
                  audit stream (SSE)  curl -N -H "Authorization: Bearer $TOKEN" '%s/api/audit/stream?from=0'
                  health, metrics     %s/q/health/ready, %s/q/metrics, %s/q/metrics
                  keys and registry   %s
                  logs                %s/*.log
                Ctrl-C stops everything.""".formatted(tokenFile, network.network().directory(), tokenFile, lc, lc, notary, ledger, ledger,
                ledger, notary, lc, ledger, network.network().directory(), work.toAbsolutePath()));
        stopped.await();
        return 0;
    }
}
