package io.tradenet.ledger.stream;

import io.tradenet.contract.ledger.LedgerEntry;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.stream.LongStream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The audit stream's memory of the latest entries serves a run from the asked index on without a gap, or
 * nothing (then the store serves it): never a run that starts elsewhere or skips an index.
 */
class RecentEntriesTest {

    private static List<LedgerEntry> entries(long from, long to) {
        return LongStream.range(from, to)
                .mapToObj(i -> LedgerEntry.stored(i, "tx" + i, "leaf" + i, "prev" + i, "{\"index\":" + i + "}"))
                .toList();
    }

    private static List<Long> indexes(List<LedgerEntry> entries) {
        return entries.stream().map(LedgerEntry::index).toList();
    }

    @Test
    void aHeldRangeIsServedFromTheAskedIndexInOrderUpToTheLimitOrTheLatestEntry() {
        RecentEntries recent = new RecentEntries(100);
        recent.appended(entries(0, 30));
        recent.appended(entries(30, 50));

        assertThat(indexes(recent.range(10, 5))).containsExactly(10L, 11L, 12L, 13L, 14L);
        assertThat(indexes(recent.range(45, 500))).containsExactly(45L, 46L, 47L, 48L, 49L);
        assertThat(recent.range(20, 1).get(0).leafDataString()).isEqualTo("{\"index\":20}");
    }

    @Test
    void anIndexNotYetAppendedOrAlreadyDroppedIsLeftToTheStore() {
        RecentEntries recent = new RecentEntries(10);
        recent.appended(entries(0, 25));   // holds 15..24

        assertThat(recent.range(25, 10)).isNull();
        assertThat(recent.range(14, 10)).isNull();
        assertThat(indexes(recent.range(15, 3))).containsExactly(15L, 16L, 17L);
        assertThat(indexes(recent.range(22, 10))).containsExactly(22L, 23L, 24L);
    }

    @Test
    void aRunThatDoesNotFollowTheHeldOneReplacesItSoNothingIsServedAcrossTheGap() {
        RecentEntries recent = new RecentEntries(100);
        recent.appended(entries(0, 10));
        recent.appended(entries(20, 25));   // 10..19 never reached it

        assertThat(recent.range(5, 10)).isNull();
        assertThat(recent.range(10, 10)).isNull();
        assertThat(indexes(recent.range(20, 10))).containsExactly(20L, 21L, 22L, 23L, 24L);
    }

    @Test
    void withNoCapacityEveryRangeIsLeftToTheStore() {
        RecentEntries recent = new RecentEntries(0);
        recent.appended(entries(0, 10));

        assertThat(recent.range(0, 10)).isNull();
        assertThat(recent.range(9, 1)).isNull();
    }
}
