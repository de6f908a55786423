package io.tradenet.notary.uniqueness.hazelcast;

import com.hazelcast.map.IMap;
import io.tradenet.notary.cluster.HazelcastCluster;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import org.jboss.logging.Logger;

import java.util.HashMap;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * The cluster's partitioned, replicated index of consumed states: state reference to consuming
 * transaction id. Entries are only ever written after the database commit that made them true, and a
 * consumed state never becomes unconsumed, so an entry found here is a fact. A missing entry proves
 * nothing (evicted, lost with a member, or on the other side of a split): the commit log decides.
 * Every failure of the cluster is therefore a miss, never an error, and never slows a commit down.
 */
@ApplicationScoped
public class ConsumedStateIndex {

    private static final Logger LOG = Logger.getLogger(ConsumedStateIndex.class);

    /** The index is an accelerator: a read that takes longer than this is a miss, never a stall. */
    private static final long READ_BUDGET_MILLIS = 250;

    private final IMap<String, String> consumed;
    private final ExecutorService readers = new ThreadPoolExecutor(2, 4, 30, TimeUnit.SECONDS, new ArrayBlockingQueue<>(16),
            r -> {
                Thread t = new Thread(r, "notary-index-read");
                t.setDaemon(true);
                return t;
            }, new ThreadPoolExecutor.AbortPolicy());

    @Inject
    public ConsumedStateIndex(HazelcastCluster cluster) {
        this.consumed = cluster.instance().getMap(HazelcastCluster.CONSUMED_STATES);
    }

    /** Runs a cluster read within the budget; a slow, failed or refused read is an empty answer. */
    private <T> Map<String, T> bounded(Callable<Map<String, T>> read) {
        try {
            return readers.submit(read).get(READ_BUDGET_MILLIS, TimeUnit.MILLISECONDS);
        } catch (TimeoutException | ExecutionException | RejectedExecutionException e) {
            LOG.debugf("index read skipped (%s); the database decides", e.toString());
            return Map.of();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return Map.of();
        }
    }

    /** Known consumers of these states (state ref to tx id); empty when the cluster cannot answer. */
    public Map<String, String> knownConsumers(Set<String> stateRefs) {
        if (stateRefs.isEmpty()) {
            return Map.of();
        }
        return bounded(() -> new HashMap<>(consumed.getAll(stateRefs)));
    }

    @jakarta.annotation.PreDestroy
    void stop() {
        readers.shutdownNow();
    }

    /** Records consumptions that a database commit has just made true. Best effort, asynchronous. */
    public void remember(Map<String, String> newlyConsumed) {
        try {
            if (!newlyConsumed.isEmpty()) {
                consumed.putAllAsync(newlyConsumed);
            }
        } catch (RuntimeException e) {
            LOG.debugf("could not update the index: %s", e.toString());
        }
    }
}
