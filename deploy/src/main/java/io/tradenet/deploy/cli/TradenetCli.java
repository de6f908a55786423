package io.tradenet.deploy.cli;

import picocli.CommandLine;
import picocli.CommandLine.Command;

/** The parties' and operators' command-line tool. */
@Command(name = "tradenet", mixinStandardHelpOptions = true, version = "tradenet 0.1.0",
        description = "TradeNet: run a local network, generate keys, act as a party (credits, shipments), follow the audit stream, verify.",
        subcommands = {LocalNetworkCommand.class, NetworkCommand.class, CreditCommand.class, ShipmentCommand.class, AuditCommand.class,
                LedgerCommand.class, BenchCommand.class,
                CommandLine.HelpCommand.class})
public class TradenetCli {

    public static void main(String[] args) {
        System.setProperty("org.slf4j.simpleLogger.defaultLogLevel", System.getProperty("org.slf4j.simpleLogger.defaultLogLevel", "warn"));
        System.exit(new CommandLine(new TradenetCli()).execute(args));
    }
}
