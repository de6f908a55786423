package io.tradenet.testkit;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.TimeUnit;

/** A minimal server-sent events reader for tests: connects, parses events, hands them out with timeouts. */
public final class SseClient implements AutoCloseable {

    /** One event: id, event name and data (lines joined with newlines). */
    public record Event(String id, String name, String data) {
    }

    private final BlockingQueue<Event> events = new ArrayBlockingQueue<>(100_000);
    private final Thread reader;
    private volatile BufferedReader input;
    private volatile java.io.InputStream body;
    private volatile int status;

    public SseClient(String url, Map<String, String> headers) {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(url)).header("Accept", "text/event-stream").GET();
        headers.forEach(request::header);
        HttpResponse<java.io.InputStream> response;
        try {
            response = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10)).build()
                    .send(request.build(), HttpResponse.BodyHandlers.ofInputStream());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
        status = response.statusCode();
        body = response.body();
        input = new BufferedReader(new InputStreamReader(body, StandardCharsets.UTF_8));
        reader = new Thread(this::read, "sse-test-reader");
        reader.setDaemon(true);
        reader.start();
    }

    public int status() {
        return status;
    }

    private void read() {
        String id = null;
        String name = null;
        StringBuilder data = new StringBuilder();
        try {
            String line;
            while ((line = input.readLine()) != null) {
                if (line.isEmpty()) {
                    if (data.length() > 0) {
                        events.offer(new Event(id, name, data.toString()));
                    }
                    id = null;
                    name = null;
                    data.setLength(0);
                } else if (line.startsWith("id:")) {
                    id = line.substring(3).trim();
                } else if (line.startsWith("event:")) {
                    name = line.substring(6).trim();
                } else if (line.startsWith("data:")) {
                    if (data.length() > 0) {
                        data.append('\n');
                    }
                    data.append(line.substring(5).startsWith(" ") ? line.substring(6) : line.substring(5));
                }
            }
        } catch (IOException ignored) {
            // closed
        }
    }

    /** The next n events, or fewer if the timeout passes first. */
    public List<Event> take(int n, Duration timeout) {
        List<Event> out = new ArrayList<>();
        long deadline = System.nanoTime() + timeout.toNanos();
        while (out.size() < n) {
            long left = deadline - System.nanoTime();
            if (left <= 0) {
                break;
            }
            try {
                Event event = events.poll(left, TimeUnit.NANOSECONDS);
                if (event != null) {
                    out.add(event);
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                break;
            }
        }
        return out;
    }

    @Override
    public void close() {
        // close the raw stream, not the reader: the reader thread holds the reader's lock while it blocks
        try {
            if (body != null) {
                body.close();
            }
        } catch (IOException ignored) {
            // best effort
        }
        reader.interrupt();
    }
}
