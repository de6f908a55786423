package io.tradenet.deploy.infra;

import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.io.StringReader;
import java.nio.file.Path;
import java.util.Properties;

import static org.assertj.core.api.Assertions.assertThat;

/** The local broker's configuration: loopback only, and a log written to disk steadily rather than in bursts. */
class KafkaBrokerTest {

    private static Properties properties() throws IOException {
        Properties p = new Properties();
        p.load(new StringReader(KafkaBroker.serverProperties(19092, 19093, Path.of("/tmp/kraft"))));
        return p;
    }

    @Test
    void theBrokerListensAndAdvertisesOnLoopbackOnly() throws IOException {
        Properties p = properties();

        assertThat(p.getProperty("listeners")).isEqualTo("PLAINTEXT://127.0.0.1:19092,CONTROLLER://127.0.0.1:19093");
        assertThat(p.getProperty("advertised.listeners")).isEqualTo("PLAINTEXT://127.0.0.1:19092");
    }

    @Test
    void theBrokerFsyncsEachPartitionsLogEverySecondSoThatItsPagesDoNotPileUpForTheKernelsThirtySecondWriteback() throws IOException {
        Properties p = properties();

        // both: the interval a message may stay unflushed, and how often the flusher looks (its default is never)
        assertThat(p.getProperty("log.flush.interval.ms")).isEqualTo("1000");
        assertThat(p.getProperty("log.flush.scheduler.interval.ms")).isEqualTo("1000");
    }
}
