package io.tradenet.contract.messaging;

import org.apache.kafka.common.record.TimestampType;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/** Only a producer's own stamp tells when it sent a record. */
class RecordTimestampsTest {

    @Test
    void aCreateTimeStampIsTheProducersSendTime() {
        assertThat(RecordTimestamps.producerMillis(TimestampType.CREATE_TIME, 1_764_000_000_000L)).hasValue(1_764_000_000_000L);
        assertThat(RecordTimestamps.producerMillis(TimestampType.CREATE_TIME, 0)).hasValue(0);
    }

    @Test
    void aBrokersAppendTimeOrNoStampTellsNothing() {
        assertThat(RecordTimestamps.producerMillis(TimestampType.LOG_APPEND_TIME, 1_764_000_000_000L)).isEmpty();
        assertThat(RecordTimestamps.producerMillis(TimestampType.CREATE_TIME, -1)).isEmpty();
        assertThat(RecordTimestamps.producerMillis(TimestampType.NO_TIMESTAMP_TYPE, -1)).isEmpty();
    }
}
