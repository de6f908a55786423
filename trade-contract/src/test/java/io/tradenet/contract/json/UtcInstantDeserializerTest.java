package io.tradenet.contract.json;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.deser.BeanDeserializerBase;
import com.fasterxml.jackson.databind.deser.DefaultDeserializationContext;
import com.fasterxml.jackson.datatype.jsr310.deser.InstantDeserializer;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.databind.node.TextNode;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;
import io.tradenet.contract.tx.TimeWindow;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Instants are read by hand only in the form the services write, and every text is read to the same
 * value, or refused, exactly as jsr310's deserializer alone does.
 */
class UtcInstantDeserializerTest {

    private static final ObjectMapper STANDARD = JsonMapper.builder().addModule(new JavaTimeModule()).build();

    /** The value read, or "refused". */
    private static Object read(ObjectMapper mapper, String json) {
        try {
            return mapper.readValue(json, Instant.class);
        } catch (Exception e) {
            return "refused";
        }
    }

    @Test
    void everyInstantAsTheServicesWriteItReadsBackToItselfAsTheStandardReadsIt() {
        Random random = new Random(86_400);
        List<Instant> instants = new ArrayList<>(List.of(Instant.EPOCH, Instant.parse("0000-01-01T00:00:00Z"),
                Instant.parse("9999-12-31T23:59:59.999999999Z"), Instant.parse("2024-02-29T12:00:00Z"), Instant.parse("1969-12-31T23:59:59.5Z")));
        for (int i = 0; i < 20_000; i++) {
            long seconds = Instant.parse("0000-01-01T00:00:00Z").getEpochSecond()
                    + (long) (random.nextDouble() * (Instant.parse("9999-12-31T23:59:59Z").getEpochSecond() - Instant.parse("0000-01-01T00:00:00Z").getEpochSecond()));
            int precision = random.nextInt(10); // 0 to 9 fraction digits, as Instant.toString gives 0, 3, 6 or 9 of them
            int nanos = precision == 0 ? 0 : random.nextInt(1_000_000_000) / (int) Math.pow(10, 9 - precision) * (int) Math.pow(10, 9 - precision);
            instants.add(Instant.ofEpochSecond(seconds, nanos));
        }
        for (Instant instant : instants) {
            String json = "\"" + instant + "\"";
            assertThat(UtcInstantDeserializer.parseUtc(instant.toString())).isEqualTo(instant);
            assertThat(read(Json.mapper(), json)).isEqualTo(instant).isEqualTo(read(STANDARD, json));
        }
    }

    @Test
    void everyOtherFormIsLeftToTheStandardDeserializerAndDecidedAsItDecides() {
        List<String> texts = List.of(
                "2026-12-01T04:30:00.1Z", "2026-12-01T04:30:00.123456789Z", "2024-02-29T00:00:00Z",
                // invalid dates and times
                "2026-02-29T00:00:00Z", "2026-13-01T00:00:00Z", "2026-00-10T00:00:00Z", "2026-12-00T00:00:00Z", "2026-04-31T00:00:00Z",
                "2026-12-01T24:00:00Z", "2026-12-01T23:60:00Z", "2026-12-01T23:59:60Z",
                // other forms of the same instant, or near it
                "2026-12-01t04:30:00z", "2026-12-01T04:30:00.Z", "2026-12-01T04:30:00.1234567890Z", "+12026-12-01T04:30:00Z",
                "2026-12-01T04:30:00+00:00", "2026-12-01T04:30:00+01:00", " 2026-12-01T04:30:00Z ", "2026-12-01T04:30Z",
                "2026-12-01 04:30:00Z", "2026-1-01T04:30:00Z", "-2026-12-01T04:30:00Z", "2026-12-01T04:30:00", "1700000000",
                "1700000000.5", "", "x", "2026-12-01T04:3a:00Z", "２０２６-12-01T04:30:00Z");
        for (String text : texts) {
            String json = TextNode.valueOf(text).toString();
            assertThat(read(Json.mapper(), json)).as(text).isEqualTo(read(STANDARD, json));
            Object fromTree;
            try {
                fromTree = Json.mapper().treeToValue(TextNode.valueOf(text), Instant.class);
            } catch (Exception e) {
                fromTree = "refused";
            }
            assertThat(fromTree).as(text + " from a tree").isEqualTo(read(STANDARD, json));
        }
        for (String json : List.of("1700000000", "1700000000.25", "-5", "null", "true", "[]", "{}")) {
            assertThat(read(Json.mapper(), json)).as(json).isEqualTo(read(STANDARD, json));
        }
    }

    @Test
    void theWireMapperReadsInstantsThroughIt() throws Exception {
        DefaultDeserializationContext context = ((DefaultDeserializationContext) Json.mapper().getDeserializationContext())
                .createInstance(Json.mapper().getDeserializationConfig(), null, null);
        assertThat(context.findRootValueDeserializer(Json.mapper().constructType(Instant.class))).isInstanceOf(UtcInstantDeserializer.class);
        // also for a property (a time window's bounds)
        BeanDeserializerBase window = (BeanDeserializerBase) context.findRootValueDeserializer(Json.mapper().constructType(TimeWindow.class));
        assertThat(window.findProperty("from").getValueDeserializer()).isInstanceOf(UtcInstantDeserializer.class);
        // what it hands other forms to is what jsr310 registers (with its default features): if that changes, so must this
        DefaultDeserializationContext standard = ((DefaultDeserializationContext) STANDARD.getDeserializationContext())
                .createInstance(STANDARD.getDeserializationConfig(), null, null);
        assertThat(standard.findRootValueDeserializer(STANDARD.constructType(Instant.class))).isSameAs(InstantDeserializer.INSTANT);
    }

    @Test
    void aTimeWindowBindsAsBefore() {
        TimeWindow window = TimeWindow.between(Instant.parse("2026-12-01T04:30:00Z"), Instant.parse("2026-12-02T04:30:00.5Z"));
        assertThat(Json.bind(Json.tree(window), TimeWindow.class)).isEqualTo(window);
        assertThat(Json.read(Json.write(window), TimeWindow.class)).isEqualTo(window);
    }
}
