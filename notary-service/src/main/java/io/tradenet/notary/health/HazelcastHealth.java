package io.tradenet.notary.health;

import com.hazelcast.cluster.Cluster;
import io.tradenet.notary.cluster.HazelcastCluster;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import org.eclipse.microprofile.health.HealthCheck;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.HealthCheckResponseBuilder;
import org.eclipse.microprofile.health.Readiness;

/**
 * The Hazelcast member on its own line of {@code /q/health}, next to Quarkus' Kafka and database
 * checks: up while the member runs; the data says what an operator asks first (how many members this
 * one sees, the cluster state, this member's address). A member that sees fewer members than expected
 * stays ready: the commit path does not depend on the cluster (see the README), only the index does.
 */
@Readiness
@ApplicationScoped
public class HazelcastHealth implements HealthCheck {

    public static final String NAME = "hazelcast";

    @Inject
    HazelcastCluster cluster;

    @Override
    public HealthCheckResponse call() {
        HealthCheckResponseBuilder response = HealthCheckResponse.named(NAME);
        if (!cluster.running()) {
            return response.down().withData("members", 0).build();
        }
        Cluster c = cluster.instance().getCluster();
        return response.up()
                .withData("members", c.getMembers().size())
                .withData("clusterState", c.getClusterState().name())
                .withData("localMember", c.getLocalMember().getAddress().toString())
                .build();
    }
}
