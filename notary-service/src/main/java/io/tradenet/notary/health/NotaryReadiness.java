package io.tradenet.notary.health;

import io.tradenet.notary.cluster.HazelcastCluster;
import io.tradenet.contract.service.Database;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import org.eclipse.microprofile.health.HealthCheck;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.Readiness;

import java.sql.Connection;

/** Ready when this member is in a running Hazelcast cluster and the commit log database answers. */
@Readiness
@ApplicationScoped
public class NotaryReadiness implements HealthCheck {

    @Inject
    HazelcastCluster cluster;

    @Inject
    Database database;

    @Override
    public HealthCheckResponse call() {
        boolean clusterUp = cluster.running();
        boolean databaseUp;
        try (Connection c = database.connection()) {
            databaseUp = c.isValid(2);
        } catch (Exception e) {
            databaseUp = false;
        }
        return HealthCheckResponse.named("notary")
                .status(clusterUp && databaseUp)
                .withData("hazelcastMembers", cluster.members())
                .withData("database", databaseUp ? (database.embedded() ? "h2" : "postgresql") : "down")
                .build();
    }
}
