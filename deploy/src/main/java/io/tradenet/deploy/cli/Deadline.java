package io.tradenet.deploy.cli;

import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

/** Ends a subscription after a timeout (none: never), so a command that follows a stream stops by itself. */
final class Deadline {

    private final Future<?> timer;
    private volatile boolean passed;

    private Deadline(Duration timeout, AutoCloseable subscription) {
        timer = timeout == null ? CompletableFuture.completedFuture(null)
                : CompletableFuture.runAsync(() -> {
                    passed = true;
                    try {
                        subscription.close();
                    } catch (Exception ignored) {
                        // closing ends the reader; nothing else to do
                    }
                }, CompletableFuture.delayedExecutor(timeout.toMillis(), TimeUnit.MILLISECONDS));
    }

    static Deadline after(Duration timeout, AutoCloseable subscription) {
        return new Deadline(timeout, subscription);
    }

    /** Whether the timeout passed (and closed the subscription). */
    boolean passed() {
        return passed;
    }

    void cancel() {
        timer.cancel(false);
    }
}
