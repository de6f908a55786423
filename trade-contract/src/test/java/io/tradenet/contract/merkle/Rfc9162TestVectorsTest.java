package io.tradenet.contract.merkle;

import com.fasterxml.jackson.databind.JsonNode;
import io.tradenet.contract.crypto.Hashing;
import io.tradenet.contract.json.Json;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * The transparency-dev/merkle RFC 6962/9162 vectors (copied from ../shared/testdata/merkle into test
 * resources, with their licence): verification must succeed exactly when {@code wantErr} is false.
 * One test factory per folder.
 */
class Rfc9162TestVectorsTest {

    @TestFactory
    Stream<DynamicTest> inclusionFolder0() {
        return inclusion("0");
    }

    @TestFactory
    Stream<DynamicTest> inclusionFolder1() {
        return inclusion("1");
    }

    @TestFactory
    Stream<DynamicTest> inclusionFolder2() {
        return inclusion("2");
    }

    @TestFactory
    Stream<DynamicTest> consistencyFolder0() {
        return consistency("0");
    }

    @TestFactory
    Stream<DynamicTest> consistencyFolder1() {
        return consistency("1");
    }

    @TestFactory
    Stream<DynamicTest> consistencyFolder2() {
        return consistency("2");
    }

    private Stream<DynamicTest> inclusion(String folder) {
        List<Path> files = files("inclusion/" + folder);
        assertThat(files).as("vectors in inclusion/" + folder).isNotEmpty();
        return files.stream().map(file -> DynamicTest.dynamicTest(file.getFileName().toString(), () -> {
            JsonNode v = read(file);
            Runnable verification = () -> Rfc9162.verifyInclusion(v.get("leafIdx").asLong(), v.get("treeSize").asLong(),
                    bytes(v.get("leafHash")), hashes(v.get("proof")), bytes(v.get("root")));
            expect(v, verification);
        }));
    }

    private Stream<DynamicTest> consistency(String folder) {
        List<Path> files = files("consistency/" + folder);
        assertThat(files).as("vectors in consistency/" + folder).isNotEmpty();
        return files.stream().map(file -> DynamicTest.dynamicTest(file.getFileName().toString(), () -> {
            JsonNode v = read(file);
            Runnable verification = () -> Rfc9162.verifyConsistency(v.get("size1").asLong(), v.get("size2").asLong(),
                    bytes(v.get("root1")), bytes(v.get("root2")), hashes(v.get("proof")));
            expect(v, verification);
        }));
    }

    private static void expect(JsonNode vector, Runnable verification) {
        if (vector.get("wantErr").asBoolean()) {
            assertThatThrownBy(verification::run).as(vector.get("desc").asText()).isInstanceOf(ProofException.class);
        } else {
            verification.run();
        }
    }

    private static byte[] bytes(JsonNode node) {
        return node == null || node.isNull() ? null : Hashing.fromB64(node.asText());
    }

    private static List<byte[]> hashes(JsonNode node) {
        List<byte[]> out = new ArrayList<>();
        if (node != null && !node.isNull()) {
            node.forEach(h -> out.add(bytes(h)));
        }
        return out;
    }

    private static JsonNode read(Path file) throws IOException {
        return Json.parse(Files.readString(file));
    }

    private static List<Path> files(String folder) {
        try (Stream<Path> list = Files.list(Path.of(Rfc9162TestVectorsTest.class.getResource("/merkle/" + folder).toURI()))) {
            return list.filter(p -> p.toString().endsWith(".json")).sorted().toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (URISyntaxException e) {
            throw new IllegalStateException(e);
        }
    }
}
