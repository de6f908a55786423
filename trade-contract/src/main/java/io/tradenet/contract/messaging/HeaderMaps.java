package io.tradenet.contract.messaging;

import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.header.Headers;

import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.Map;

/** Kafka record headers as a map of strings (last value wins), for {@code Envelopes.open}. */
public final class HeaderMaps {

    private HeaderMaps() {
    }

    public static Map<String, String> of(Headers headers) {
        Map<String, String> out = new HashMap<>();
        if (headers != null) {
            for (Header header : headers) {
                out.put(header.key(), header.value() == null ? null : new String(header.value(), StandardCharsets.UTF_8));
            }
        }
        return out;
    }
}
