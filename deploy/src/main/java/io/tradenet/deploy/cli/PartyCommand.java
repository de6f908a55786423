package io.tradenet.deploy.cli;

import com.fasterxml.jackson.databind.JsonNode;
import io.tradenet.contract.http.Problem;
import io.tradenet.contract.json.Json;
import io.tradenet.contract.json.MalformedDocumentException;
import io.tradenet.contract.party.NetworkGenerator;
import io.tradenet.contract.party.UnknownPartyException;
import io.tradenet.deploy.auth.DevTokens;
import io.tradenet.deploy.demo.TradeClient;
import io.tradenet.deploy.local.HttpJson;
import picocli.CommandLine.Option;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.Callable;

/**
 * What every party command shares: the party acting ({@code --as}), its keys and registry from a
 * generated network directory, its bearer token (the development token minted for it, or one given with
 * {@code --token} / {@code TRADENET_TOKEN}), the output form ({@code --json}) and the error convention:
 * a refusal prints the server's problem (type and detail, each invalid field) to stderr and exits 1.
 */
abstract class PartyCommand implements Callable<Integer> {

    @Option(names = "--network", defaultValue = "${env:TRADENET_NETWORK:-local-network/network}",
            description = "The generated network directory: registry.json, keys/<party>.pem, auth/ (default: $TRADENET_NETWORK or ${DEFAULT-VALUE})")
    Path networkDir;

    @Option(names = "--token", defaultValue = "${env:TRADENET_TOKEN}",
            description = "Bearer token to call with (default: $TRADENET_TOKEN, else a development token minted for the --as party)")
    String token;

    @Option(names = "--json", description = "Print the server's JSON document (one line) instead of a summary")
    boolean json;

    @Option(names = "--as", paramLabel = "PARTY", description = "The registered party acting or reading: it signs with keys/<PARTY>.pem "
            + "and calls with its token")
    String party;

    private NetworkGenerator.Network network;

    /** The command's work; 0 on success. A refusal is thrown as {@link Refused}. */
    protected abstract int run() throws Exception;

    @Override
    public final Integer call() throws Exception {
        try {
            return run();
        } catch (Refused e) {
            System.err.println("error: " + e.getMessage());
            if (json && e.problem != null) {
                System.out.println(e.problem);
            }
            return 1;
        } catch (UncheckedIOException | IllegalStateException | IllegalArgumentException | MalformedDocumentException | UnknownPartyException e) {
            System.err.println("error: " + e.getMessage());
            return 1;
        }
    }

    protected NetworkGenerator.Network network() {
        if (network == null) {
            if (!Files.isRegularFile(networkDir.resolve(NetworkGenerator.REGISTRY_FILE))) {
                throw new IllegalArgumentException("no " + NetworkGenerator.REGISTRY_FILE + " in " + networkDir.toAbsolutePath()
                        + " (give --network DIR or set TRADENET_NETWORK)");
            }
            network = NetworkGenerator.load(networkDir);
        }
        return network;
    }

    /** The party that signs this command's instruction (--as, required for every step that changes something). */
    protected String signer() {
        if (party == null) {
            throw new IllegalArgumentException("say who acts: --as PARTY (it signs with its key from the network directory)");
        }
        return party;
    }

    /** A client for the letter-of-credit service that signs as the network's parties and calls with the given or minted token. */
    protected TradeClient client(String lcUrl) {
        return new TradeClient(network(), lcUrl, token());
    }

    /** The bearer token of the caller: --token if given, else a development token minted for --as from the network's issuer key. */
    protected String token() {
        if (token != null && !token.isBlank()) {
            return token;
        }
        if (party == null) {
            throw new IllegalArgumentException("say who calls: --as PARTY (or --token TOKEN)");
        }
        return DevTokens.mint(network(), party, Duration.ofHours(1));
    }

    /** The body of a successful reply as JSON; a refusal becomes {@link Refused} naming {@code what}. */
    protected static JsonNode ok(HttpJson.Reply reply, String what) {
        return Json.parse(okText(reply, what));
    }

    protected static String okText(HttpJson.Reply reply, String what) {
        if (!reply.ok()) {
            throw Refused.of(what, reply.status(), reply.body());
        }
        return reply.body();
    }

    protected void print(JsonNode document, String summary) {
        System.out.println(json ? Json.write(document) : summary);
    }

    protected static String read(Path file) {
        try {
            return Files.readString(file, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + file + ": " + e, e);
        }
    }

    /** A refusal by a service: its status and problem document. */
    static final class Refused extends RuntimeException {
        final String problem;

        private Refused(String message, String problem) {
            super(message);
            this.problem = problem;
        }

        static Refused of(String what, int status, String body) {
            StringBuilder message = new StringBuilder(what).append(" refused: HTTP ").append(status);
            String problem = null;
            try {
                JsonNode p = Json.parse(body);
                problem = Json.write(p);
                String type = p.path("type").asText("");
                message.append(' ').append(type.startsWith(Problem.TYPE_PREFIX) ? type.substring(Problem.TYPE_PREFIX.length()) : type);
                if (p.hasNonNull("detail")) {
                    message.append(": ").append(p.get("detail").asText());
                } else if (p.hasNonNull("title")) {
                    message.append(": ").append(p.get("title").asText());
                }
                for (JsonNode error : p.path("errors")) {
                    message.append(System.lineSeparator()).append("  field ").append(error.path("field").asText("?")).append(": ")
                            .append(error.path("message").asText(error.toString()));
                }
            } catch (RuntimeException notJson) {
                if (body != null && !body.isBlank()) {
                    message.append(": ").append(body.strip());
                }
            }
            return new Refused(message.toString(), problem);
        }
    }
}
