package io.tradenet.testkit;

import io.tradenet.deploy.local.EventStream;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.TimeUnit;

/** A minimal server-sent events reader for tests: connects, reads events in the background, hands them out with timeouts. */
public final class SseClient implements AutoCloseable {

    /** One event: id, event name and data (lines joined with newlines). */
    public record Event(String id, String name, String data) {
    }

    private final BlockingQueue<Event> events = new ArrayBlockingQueue<>(100_000);
    private final Thread reader;
    private final EventStream stream;

    public SseClient(String url, Map<String, String> headers) {
        stream = EventStream.open(url, headers);
        reader = new Thread(this::read, "sse-test-reader");
        reader.setDaemon(true);
        reader.start();
    }

    public int status() {
        return stream.status();
    }

    private void read() {
        try {
            for (EventStream.Event e; (e = stream.next()) != null; ) {
                events.offer(new Event(e.id(), e.name(), e.data()));
            }
        } catch (RuntimeException ignored) {
            // the stream broke: no more events
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
        stream.close();
        reader.interrupt();
    }
}
