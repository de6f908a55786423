package io.tradenet.notary.uniqueness.hazelcast;

import com.hazelcast.map.IMap;
import io.tradenet.contract.json.Json;
import io.tradenet.contract.notary.NotarisationOutcome;
import io.tradenet.notary.cluster.HazelcastCluster;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import org.jboss.logging.Logger;

import java.util.Collection;
import java.util.HashMap;
import java.util.Map;
import java.util.Set;

/**
 * The cluster's partitioned, replicated index: consumed state to consuming transaction, and transaction
 * id to the answer given. Entries are only ever written after the database commit that made them true,
 * and a consumed state never becomes unconsumed, so an entry found here is a fact. A missing entry
 * proves nothing (evicted, lost with a member, or on the other side of a split): the database decides.
 * Every failure of the cluster is therefore a cache miss, never an error.
 */
@ApplicationScoped
public class ConsumedStateIndex {

    private static final Logger LOG = Logger.getLogger(ConsumedStateIndex.class);

    private final IMap<String, String> consumed;
    private final IMap<String, String> outcomes;

    @Inject
    public ConsumedStateIndex(HazelcastCluster cluster) {
        this.consumed = cluster.instance().getMap(HazelcastCluster.CONSUMED_STATES);
        this.outcomes = cluster.instance().getMap(HazelcastCluster.OUTCOMES);
    }

    /** Known consumers of these states (state ref to tx id); empty when the cluster cannot answer. */
    public Map<String, String> knownConsumers(Set<String> stateRefs) {
        if (stateRefs.isEmpty()) {
            return Map.of();
        }
        try {
            return new HashMap<>(consumed.getAll(stateRefs));
        } catch (RuntimeException e) {
            LOG.debugf("consumed-state index unavailable, falling back to the database: %s", e.toString());
            return Map.of();
        }
    }

    /** Answers already given for these transactions, when the cluster remembers them. */
    public Map<String, NotarisationOutcome> knownOutcomes(Set<String> txIds) {
        if (txIds.isEmpty()) {
            return Map.of();
        }
        try {
            Map<String, NotarisationOutcome> out = new HashMap<>();
            outcomes.getAll(txIds).forEach((id, json) -> out.put(id, Json.read(json, NotarisationOutcome.class)));
            return out;
        } catch (RuntimeException e) {
            LOG.debugf("outcome index unavailable: %s", e.toString());
            return Map.of();
        }
    }

    /** Records facts that a database commit has just made true. Best effort, asynchronous. */
    public void remember(Map<String, String> newlyConsumed, Collection<NotarisationOutcome> answers) {
        try {
            if (!newlyConsumed.isEmpty()) {
                consumed.putAllAsync(newlyConsumed);
            }
            Map<String, String> byTx = new HashMap<>();
            for (NotarisationOutcome answer : answers) {
                if (answer.permanent()) {
                    byTx.put(answer.txId(), Json.write(answer));
                }
            }
            if (!byTx.isEmpty()) {
                outcomes.putAllAsync(byTx);
            }
        } catch (RuntimeException e) {
            LOG.debugf("could not update the index: %s", e.toString());
        }
    }
}
