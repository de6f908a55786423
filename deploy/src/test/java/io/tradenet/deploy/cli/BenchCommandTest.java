package io.tradenet.deploy.cli;

import org.junit.jupiter.api.Test;
import picocli.CommandLine;

import java.io.PrintWriter;
import java.io.StringWriter;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@code bench notary} refuses options out of range with picocli's usage error naming the option and the value
 * (checked first in its {@code call}, before it calibrates or starts anything).
 */
class BenchCommandTest {

    private record Outcome(int exitCode, String err) {
    }

    private static Outcome run(String... args) {
        StringWriter err = new StringWriter();
        CommandLine cli = new CommandLine(new TradenetCli());
        cli.setErr(new PrintWriter(err));
        cli.setOut(new PrintWriter(new StringWriter()));
        return new Outcome(cli.execute(args), err.toString());
    }

    @Test
    void aLatencyPhaseOutsideOneToSixHundredSecondsIsAUsageError() {
        Outcome outcome = run("bench", "notary", "--latency-seconds", "0");
        assertThat(outcome.exitCode()).isEqualTo(CommandLine.ExitCode.USAGE);
        assertThat(outcome.err()).contains("--latency-seconds must be 1 to 600, not 0");
    }

    @Test
    void aGatewayLingerOutsideOneToAThousandMillisecondsIsAUsageError() {
        Outcome outcome = run("bench", "notary", "--gateway-linger-ms", "0");
        assertThat(outcome.exitCode()).isEqualTo(CommandLine.ExitCode.USAGE);
        assertThat(outcome.err()).contains("--gateway-linger-ms must be 1 to 1000, not 0");
        assertThat(run("bench", "notary", "--gateway-linger-ms", "1001").err()).contains("--gateway-linger-ms must be 1 to 1000, not 1001");
    }
}
