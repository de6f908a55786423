package io.tradenet.deploy.infra;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/** The services' JVM flags as ServiceProcess passes them (the reasons are on ServiceProcess.Jvm). */
class ServiceJvmTest {

    @Test
    void theNotaryPromotesAfterOneYoungCollectionIntoAHeapTouchedAtStartUp() {
        assertThat(ServiceProcess.Jvm.NOTARY.flags()).contains("-Xmx2g", "-Xms2g", "-XX:+UseG1GC", "-XX:MaxGCPauseMillis=20",
                "-XX:G1NewSizePercent=25", "-XX:MaxTenuringThreshold=1", "-XX:+AlwaysPreTouch");
    }

    @Test
    void theOtherServicesKeepG1sTenuringAndTouchTheirHeapAsTheyUseIt() {
        assertThat(ServiceProcess.Jvm.LEDGER.flags()).contains("-XX:MaxGCPauseMillis=200", "-XX:MaxTenuringThreshold=15")
                .doesNotContain("-XX:+AlwaysPreTouch");
        assertThat(ServiceProcess.Jvm.LC.flags()).contains("-Xmx512m", "-XX:MaxTenuringThreshold=15").doesNotContain("-XX:+AlwaysPreTouch");
    }
}
