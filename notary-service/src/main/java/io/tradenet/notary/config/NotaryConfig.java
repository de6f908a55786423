package io.tradenet.notary.config;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

import java.time.Duration;
import java.util.List;

/** Typed configuration of the notary ({@code tradenet.notary.*}). */
@ConfigMapping(prefix = "tradenet.notary")
public interface NotaryConfig {

    /** Uniqueness backend: {@code hazelcast} (production) or {@code postgres-per-request} (benchmark baseline only). */
    @WithDefault("hazelcast")
    String backend();

    Batch batch();

    Hazelcast hazelcast();

    Outbox outbox();

    interface Batch {
        /** Most requests committed in one database transaction under one notary signature. */
        @WithDefault("500")
        int maxSize();

        /** How long the committer waits for more requests once it has one (0 = commit what is there). */
        @WithDefault("1ms")
        Duration maxWait();

        /** Bounded queue in front of the committer; when full, callers get a temporary error with an estimate. */
        @WithDefault("20000")
        int queueCapacity();

        /** How long a caller waits for its commit before it gets a temporary error. */
        @WithDefault("10s")
        Duration commitTimeout();
    }

    interface Hazelcast {
        @WithDefault("tradenet-notary")
        String clusterName();

        /** Member port on 127.0.0.1 (or the pod IP in Kubernetes); the next free one is used if taken. */
        @WithDefault("5701")
        int port();

        /** TCP/IP member list; ignored when Kubernetes discovery is on. */
        @WithDefault("127.0.0.1:5701")
        List<String> members();

        /** Interface to bind; loopback except in Kubernetes. */
        @WithDefault("127.0.0.1")
        String bindAddress();

        @WithDefault("false")
        boolean kubernetesDiscovery();

        /** Headless service whose DNS name lists the notary pods (Kubernetes discovery in DNS mode, no API access needed). */
        @WithDefault("notary-hazelcast")
        String kubernetesServiceName();

        /**
         * How many members the StatefulSet runs (Kubernetes discovery): the majority the consumed-state index
         * needs for reads is computed from it, as it is from the member list otherwise.
         */
        @WithDefault("3")
        int kubernetesMembers();

        @WithDefault("1")
        int backupCount();

        /**
         * Most consumed states one member keeps in the index, least recently used evicted first. The index
         * answers the spent-state audit without a database read; commits never read it (the commit log
         * decides). Every entry lives in the member's heap, and a large index makes every young GC pause
         * longer (see the notary README).
         */
        @WithDefault("200000")
        int indexMaxEntries();
    }

    interface Outbox {
        /** Notarised transactions not yet acknowledged by Kafka after this long are published again. */
        @WithDefault("10s")
        Duration republishAfter();

        /** How often the relay looks for unacknowledged batches (read by the scheduler as a string). */
        @WithDefault("5s")
        String relayEvery();
    }
}
