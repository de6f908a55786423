package io.tradenet.deploy.local;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Map;

/**
 * A server-sent events subscription (the shipment timeline, the audit stream): opens the request, then
 * hands out one event at a time as the server sends it. A refused subscription keeps the server's status
 * and problem document instead. Closing it (from any thread) ends {@link #next()}.
 */
public final class EventStream implements AutoCloseable {

    /** One event: id, event name and data (its lines joined with newlines). */
    public record Event(String id, String name, String data) {
    }

    private static final HttpClient CLIENT = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10)).build();

    private final int status;
    private final String refusal;
    private final InputStream body;
    private final BufferedReader lines;
    private volatile boolean closed;

    private EventStream(int status, String refusal, InputStream body) {
        this.status = status;
        this.refusal = refusal;
        this.body = body;
        this.lines = body == null ? null : new BufferedReader(new InputStreamReader(body, StandardCharsets.UTF_8));
    }

    /** Subscribes with a bearer token (null: none). */
    public static EventStream open(String url, String bearerToken) {
        return open(url, bearerToken == null ? Map.of() : Map.of("Authorization", "Bearer " + bearerToken));
    }

    /** Subscribes with these request headers. */
    public static EventStream open(String url, Map<String, String> headers) {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(url)).header("Accept", "text/event-stream").GET();
        headers.forEach(request::header);
        try {
            HttpResponse<InputStream> response = CLIENT.send(request.build(), HttpResponse.BodyHandlers.ofInputStream());
            if (response.statusCode() / 100 != 2) {
                try (InputStream in = response.body()) {
                    return new EventStream(response.statusCode(), new String(in.readAllBytes(), StandardCharsets.UTF_8), null);
                }
            }
            return new EventStream(response.statusCode(), null, response.body());
        } catch (IOException e) {
            throw new UncheckedIOException("cannot subscribe to " + url + ": " + e.getMessage(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted", e);
        }
    }

    public int status() {
        return status;
    }

    /** Whether the server accepted the subscription; if not, {@link #refusal()} is its answer. */
    public boolean ok() {
        return lines != null;
    }

    /** The body of a refused subscription (a problem document), else null. */
    public String refusal() {
        return refusal;
    }

    /** The next event; null when the stream ended or was closed. Blocks until the server sends one. */
    public Event next() {
        if (lines == null) {
            return null;
        }
        String id = null;
        String name = null;
        StringBuilder data = null;
        try {
            for (String line; (line = lines.readLine()) != null; ) {
                if (line.isEmpty()) {
                    if (data != null) {
                        return new Event(id, name, data.toString());
                    }
                    id = null;
                    name = null;
                    continue;
                }
                int colon = line.indexOf(':');
                String field = colon < 0 ? line : line.substring(0, colon);
                String value = colon < 0 ? "" : line.substring(line.startsWith(": ", colon) ? colon + 2 : colon + 1);
                switch (field) {
                    case "id" -> id = value;
                    case "event" -> name = value;
                    case "data" -> data = data == null ? new StringBuilder(value) : data.append('\n').append(value);
                    default -> {
                        // comments (empty field name) and retry: nothing to keep
                    }
                }
            }
        } catch (IOException e) {
            if (!closed) {
                throw new UncheckedIOException("the event stream broke: " + e.getMessage(), e);
            }
        }
        return null;
    }

    /** Ends the subscription; a thread blocked in {@link #next()} gets null. Closes the raw stream, not the reader, whose lock a blocked reader holds. */
    @Override
    public void close() {
        closed = true;
        if (body != null) {
            try {
                body.close();
            } catch (IOException ignored) {
                // best effort
            }
        }
    }
}
