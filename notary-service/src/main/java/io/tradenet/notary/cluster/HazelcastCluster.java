package io.tradenet.notary.cluster;

import com.hazelcast.config.Config;
import com.hazelcast.config.EvictionConfig;
import com.hazelcast.config.EvictionPolicy;
import com.hazelcast.config.JoinConfig;
import com.hazelcast.config.MapConfig;
import com.hazelcast.config.MaxSizePolicy;
import com.hazelcast.config.SplitBrainProtectionConfig;
import com.hazelcast.core.Hazelcast;
import com.hazelcast.core.HazelcastInstance;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.tradenet.notary.config.NotaryConfig;
import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import org.jboss.logging.Logger;

/**
 * The embedded Hazelcast member of this notary instance. Members find each other by a TCP/IP member
 * list on loopback (or Kubernetes discovery through a headless service); multicast and auto-detection
 * are off, and so is phone-home. The cluster holds the partitioned, replicated index of consumed
 * states; it is never the commit point (see the README: safety).
 */
@ApplicationScoped
public class HazelcastCluster {

    public static final String CONSUMED_STATES = "notary-consumed-states";
    private static final String MAJORITY = "notary-majority";
    private static final Logger LOG = Logger.getLogger(HazelcastCluster.class);

    private final HazelcastInstance instance;

    @Inject
    public HazelcastCluster(NotaryConfig notaryConfig, MeterRegistry metrics) {
        this.instance = Hazelcast.newHazelcastInstance(config(notaryConfig.hazelcast()));
        Gauge.builder(io.tradenet.notary.commit.NotaryMetrics.CLUSTER_MEMBERS, this, HazelcastCluster::members)
                .description("Hazelcast members this member sees").register(metrics);
        LOG.infof("Hazelcast member %s joined cluster %s (%d members)", instance.getCluster().getLocalMember().getAddress(),
                notaryConfig.hazelcast().clusterName(), instance.getCluster().getMembers().size());
    }

    static Config config(NotaryConfig.Hazelcast settings) {
        Config config = new Config();
        config.setClusterName(settings.clusterName());
        config.setInstanceName("notary-" + settings.port() + "-" + ProcessHandle.current().pid());
        config.setProperty("hazelcast.phone.home.enabled", "false");
        config.setProperty("hazelcast.logging.type", "jdk");
        config.setProperty("hazelcast.shutdownhook.enabled", "false");
        config.setProperty("hazelcast.socket.bind.any", "false");
        // a paused or killed member is suspected after 10 s instead of 60 s
        config.setProperty("hazelcast.max.no.heartbeat.seconds", "10");
        config.setProperty("hazelcast.heartbeat.interval.seconds", "1");
        config.setProperty("hazelcast.merge.first.run.delay.seconds", "10");
        config.setProperty("hazelcast.merge.next.run.delay.seconds", "10");
        config.getJetConfig().setEnabled(false);

        com.hazelcast.config.NetworkConfig network = config.getNetworkConfig();
        network.setPort(settings.port()).setPortAutoIncrement(true).setPortCount(50);
        network.getInterfaces().setEnabled(true).addInterface(settings.bindAddress());
        network.getRestApiConfig().setEnabled(false);
        JoinConfig join = network.getJoin();
        join.getMulticastConfig().setEnabled(false);
        join.getAutoDetectionConfig().setEnabled(false);
        if (settings.kubernetesDiscovery()) {
            join.getKubernetesConfig().setEnabled(true).setProperty("service-dns", settings.kubernetesServiceName());
        } else {
            join.getTcpIpConfig().setEnabled(true).setMembers(settings.members());
        }

        int expected = settings.kubernetesDiscovery() ? settings.kubernetesMembers() : settings.members().size();
        int majority = expected / 2 + 1;
        String protection = null;
        if (expected >= 3) {
            // reads of the index are refused on a minority side of a split; the commit path does not depend on it
            config.addSplitBrainProtectionConfig(new SplitBrainProtectionConfig(MAJORITY, true, majority));
            protection = MAJORITY;
        }
        config.addMapConfig(new MapConfig(CONSUMED_STATES)
                .setBackupCount(settings.backupCount())
                .setReadBackupData(false)
                .setSplitBrainProtectionName(protection)
                .setEvictionConfig(new EvictionConfig().setEvictionPolicy(EvictionPolicy.LRU)
                        .setMaxSizePolicy(MaxSizePolicy.PER_NODE).setSize(settings.indexMaxEntries())));
        return config;
    }

    public HazelcastInstance instance() {
        return instance;
    }

    public int members() {
        return instance.getLifecycleService().isRunning() ? instance.getCluster().getMembers().size() : 0;
    }

    public boolean running() {
        return instance.getLifecycleService().isRunning();
    }

    @PreDestroy
    void shutdown() {
        instance.shutdown();
    }
}
