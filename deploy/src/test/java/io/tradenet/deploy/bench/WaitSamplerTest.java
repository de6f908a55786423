package io.tradenet.deploy.bench;

import io.tradenet.deploy.bench.WaitSampler.HostWriteback;
import io.tradenet.deploy.bench.WaitSampler.WaitProfile;
import io.tradenet.deploy.bench.WaitSampler.WaitProfile.Session;
import io.tradenet.deploy.infra.Postgres;
import org.junit.jupiter.api.Test;

import java.sql.Connection;
import java.sql.Statement;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The notary benchmark samples its database's sessions over the latency phase, so that a tail set by the disk
 * (a COMMIT waiting on the WAL's fsync) is named in its output rather than guessed at. The last test needs the
 * PostgreSQL on 127.0.0.1:5432 that the other modules' tests use.
 */
class WaitSamplerTest {

    private static final long MS = 1_000_000;
    private static final Optional<HostWriteback> NO_HOST = Optional.empty();

    @Test
    void eachActiveSessionsSampleCountsOnceForItsWaitEventAndAsRunningWhenItReportsNone() {
        WaitProfile profile = new WaitProfile();
        profile.add(0, List.of(new Session(1, "IO", "WALSync"), new Session(2, null, null)), NO_HOST);
        profile.add(20 * MS, List.of(new Session(1, "IO", "WALSync")), NO_HOST);
        profile.add(40 * MS, List.of(), NO_HOST);
        profile.add(60 * MS, List.of(new Session(1, null, null)), NO_HOST);
        profile.add(80 * MS, List.of(new Session(1, "IO", "WALSync")), NO_HOST);

        assertThat(profile.shares()).containsExactly(Map.entry("IO:WALSync", 60.0), Map.entry(WaitProfile.RUNNING, 40.0));
        assertThat(profile.toString()).startsWith("5 samples, a session active in 80% of them; the active sessions' samples: "
                + "IO:WALSync 60%, running 40%; longest wait of one session: IO:WALSync 20 ms from +0.0 s");
    }

    @Test
    void theLongestWaitIsOneSessionsUninterruptedRunOnOneEventFromItsFirstToItsLastSample() {
        WaitProfile profile = new WaitProfile();
        profile.add(1000 * MS, List.of(new Session(7, "IO", "WALSync")), NO_HOST);
        profile.add(1020 * MS, List.of(new Session(7, "IO", "WALSync"), new Session(8, "Lock", "transactionid")), NO_HOST);
        profile.add(1040 * MS, List.of(new Session(7, "IO", "WALSync"), new Session(8, "Lock", "transactionid")), NO_HOST);
        // session 7 moves to another event: its WALSync run ended after 40 ms; session 8 stops waiting
        profile.add(1060 * MS, List.of(new Session(7, "LWLock", "WALWrite")), NO_HOST);
        // a second, shorter WALSync run of the same session does not add to the first
        profile.add(1080 * MS, List.of(new Session(7, "IO", "WALSync")), NO_HOST);
        profile.add(1100 * MS, List.of(new Session(7, "IO", "WALSync")), NO_HOST);

        assertThat(profile.longestWait()).contains("IO:WALSync 40 ms from +1.0 s");
    }

    @Test
    void aWaitStillGoingAtTheLastSampleCountsAsWellAsOneThatEnded() {
        WaitProfile profile = new WaitProfile();
        profile.add(0, List.of(new Session(1, "IO", "DataFileExtend")), NO_HOST);
        profile.add(20 * MS, List.of(), NO_HOST);
        profile.add(40 * MS, List.of(new Session(2, "IO", "WALSync")), NO_HOST);
        profile.add(60 * MS, List.of(new Session(2, "IO", "WALSync")), NO_HOST);
        profile.add(80 * MS, List.of(new Session(2, "IO", "WALSync")), NO_HOST);

        assertThat(profile.longestWait()).contains("IO:WALSync 40 ms from +0.0 s");
    }

    @Test
    void aSessionRunningBetweenTwoWaitsOnTheSameEventEndsTheFirstWait() {
        WaitProfile profile = new WaitProfile();
        profile.add(0, List.of(new Session(1, "IO", "WALSync")), NO_HOST);
        profile.add(20 * MS, List.of(new Session(1, "IO", "WALSync")), NO_HOST);
        profile.add(40 * MS, List.of(new Session(1, null, null)), NO_HOST);
        profile.add(60 * MS, List.of(new Session(1, "IO", "WALSync")), NO_HOST);

        assertThat(profile.longestWait()).contains("IO:WALSync 20 ms from +0.0 s");
    }

    @Test
    void theHostsDirtyAndWritebackPageCacheAreReportedAtTheirPeaks() {
        WaitProfile profile = new WaitProfile();
        profile.add(0, List.of(), Optional.of(new HostWriteback(334 * 1024, 0)));
        profile.add(20 * MS, List.of(), Optional.of(new HostWriteback(25 * 1024, 221 * 1024)));

        assertThat(profile.toString()).endsWith("the host's page cache peaked at 334 MB dirty and 221 MB under writeback");
    }

    @Test
    void procMeminfosDirtyAndWritebackLinesAreReadInKilobytesAndAnythingElseIsIgnored() {
        List<String> meminfo = List.of("MemTotal:       24576000 kB", "Dirty:            342016 kB", "Writeback:         12288 kB",
                "WritebackTmp:          0 kB");

        assertThat(HostWriteback.parse(meminfo)).contains(new HostWriteback(342016, 12288));
        assertThat(HostWriteback.parse(List.of("MemTotal: 1 kB"))).isEmpty();
    }

    @Test
    void aPhaseWithNoSamplesSaysSoRatherThanDividingByZero() {
        assertThat(new WaitProfile().toString()).isEqualTo("no samples");
        assertThat(new WaitProfile().longestWait()).isEmpty();
    }

    @Test
    void aSessionSleepingInTheSampledDatabaseShowsAsItsLongestWait() throws Exception {
        WaitSampler sampler = WaitSampler.start("postgres");
        try (Connection c = Postgres.connect("postgres"); Statement s = c.createStatement()) {
            s.execute("SELECT pg_sleep(0.5)");
        } finally {
            sampler.close();
        }

        String summary = sampler.summary();
        assertThat(summary).startsWith("the notary's database sessions over that phase (pg_stat_activity every 20 ms): ")
                .containsPattern("the active sessions' samples: Timeout:PgSleep \\d+%");
        // from the sampler's first sample of the sleep to its last: less than the 500 ms by up to its connecting and one interval
        String longest = summary.replaceAll(".*longest wait of one session: Timeout:PgSleep (\\d+) ms.*", "$1");
        assertThat(Integer.parseInt(longest)).isBetween(250, 500);
    }
}
