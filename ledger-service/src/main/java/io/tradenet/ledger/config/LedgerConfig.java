package io.tradenet.ledger.config;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

import java.time.Duration;

/** Typed configuration of the ledger ({@code tradenet.ledger.*}). */
@ConfigMapping(prefix = "tradenet.ledger")
public interface LedgerConfig {

    /** First line of every checkpoint and the signed note's key name. */
    @WithDefault("tradenet.local/ledger")
    String origin();

    /** A checkpoint is signed after every appended batch, and at this interval if entries arrived meanwhile. */
    @WithDefault("500ms")
    Duration checkpointInterval();

    /** Most entries an audit stream or an entries page returns at once. */
    @WithDefault("500")
    int pageSize();

    /**
     * The latest entries kept in memory for the audit stream, so that a subscriber that keeps up (the Kafka
     * relay) is not served by reading back what was just written; 0 reads every page from the database.
     */
    @WithDefault("10000")
    int recentEntries();

    /**
     * When the audit relay has caught up (a page smaller than one envelope), it waits this long before
     * reading the next page, so that one signed envelope carries the events of that time rather than one
     * or two: the topic's latency rises by at most this, its signing work falls with the batch size.
     */
    @WithDefault("100ms")
    Duration auditRelayPause();

    /**
     * Memory (MiB) for the tree's hashes, so that proofs are served without a database round trip: the
     * whole tree while it fits (about 64 MiB per million entries), then its upper levels; 0 turns it off.
     */
    @WithDefault("128")
    long treeCacheMb();

    /** Most out-of-order notarised transactions held while waiting for the one that fills a gap. */
    @WithDefault("200000")
    int maxPending();
}
