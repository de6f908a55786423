package io.tradenet.contract.messaging;

import org.apache.kafka.common.record.TimestampType;

import java.util.OptionalLong;

/** When a Kafka record's producer sent it, where the record says so: the notary's request age and a requester's reply transit. */
public final class RecordTimestamps {

    private RecordTimestamps() {
    }

    /**
     * The producer's send time (epoch milliseconds) for a CreateTime stamp of 0 or more; empty where the topic
     * stamps records on append (LogAppendTime: the broker's time, not the producer's) or the record has none (-1).
     */
    public static OptionalLong producerMillis(TimestampType type, long timestamp) {
        return type == TimestampType.CREATE_TIME && timestamp >= 0 ? OptionalLong.of(timestamp) : OptionalLong.empty();
    }
}
