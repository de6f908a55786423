package io.tradenet.ledger.health;

import io.tradenet.ledger.append.Appender;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import org.eclipse.microprofile.health.HealthCheck;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.Readiness;

/**
 * Ready once the stored log is loaded, verified against its last checkpoint, and a checkpoint is signed; not
 * ready once the appender has refused to sign on (the store no longer reproduces what it signed).
 */
@Readiness
@ApplicationScoped
public class LedgerReadiness implements HealthCheck {

    @Inject
    Appender appender;

    @Override
    public HealthCheckResponse call() {
        String refusal = appender.refusal();
        var response = HealthCheckResponse.named("ledger")
                .status(appender.latestCheckpointNote() != null && refusal == null)
                .withData("treeSize", appender.latestCheckpointSize())
                .withData("waitingOutOfOrder", appender.pendingCount());
        return (refusal == null ? response : response.withData("refusal", refusal)).build();
    }
}
