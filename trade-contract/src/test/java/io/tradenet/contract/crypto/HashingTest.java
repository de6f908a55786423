package io.tradenet.contract.crypto;

import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import static org.assertj.core.api.Assertions.assertThat;

class HashingTest {

    private static final String ABC = "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad";
    private static final String EMPTY = "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855";
    private static final String TWO_BLOCKS = "248d6a61d20638b8e5c026930c3e6039a33ce45964ff2167f6ecedd419db06c1";

    @Test
    void sha256MatchesFips180ExamplesAndTheJdkDigest() {
        assertThat(Hashing.hex(Hashing.sha256("abc".getBytes(StandardCharsets.US_ASCII)))).isEqualTo(ABC);
        assertThat(Hashing.hex(Hashing.sha256(new byte[0]))).isEqualTo(EMPTY);
        assertThat(Hashing.hex(Hashing.sha256("abcdbcdecdefdefgefghfghighijhijkijkljklmklmnlmnomnopnopq".getBytes(StandardCharsets.US_ASCII))))
                .isEqualTo(TWO_BLOCKS);
    }

    @Test
    void everyDigestHandedOutStartsFreshAndIsTheCallersAlone() throws Exception {
        MessageDigest first = Hashing.sha256Digest();
        first.update("ab".getBytes(StandardCharsets.US_ASCII));
        MessageDigest second = Hashing.sha256Digest();
        assertThat(second).isNotSameAs(first);
        assertThat(Hashing.hex(second.digest())).as("not affected by the first's input").isEqualTo(EMPTY);
        first.update((byte) 'c');
        assertThat(Hashing.hex(first.digest())).isEqualTo(ABC);
        assertThat(Hashing.hex(first.digest())).as("reset after digest()").isEqualTo(EMPTY);
        assertThat(Hashing.sha256Digest().getAlgorithm()).isEqualTo("SHA-256");
    }

    @Test
    void digestsTakenOnManyThreadsAtOnceAgree() throws Exception {
        byte[] data = new byte[10_000];
        for (int i = 0; i < data.length; i++) {
            data[i] = (byte) i;
        }
        String expected = Hashing.hex(MessageDigest.getInstance("SHA-256").digest(data));
        ExecutorService pool = Executors.newFixedThreadPool(4);
        try {
            List<Future<Boolean>> results = new ArrayList<>();
            for (int t = 0; t < 4; t++) {
                results.add(pool.submit(() -> {
                    for (int i = 0; i < 2_000; i++) {
                        if (!Hashing.hex(Hashing.sha256(data)).equals(expected)) {
                            return false;
                        }
                    }
                    return true;
                }));
            }
            for (Future<Boolean> result : results) {
                assertThat(result.get()).isTrue();
            }
        } finally {
            pool.shutdownNow();
        }
    }
}
