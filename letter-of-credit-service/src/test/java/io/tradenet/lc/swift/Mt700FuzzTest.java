package io.tradenet.lc.swift;

import io.tradenet.contract.party.PartyRegistry;
import io.tradenet.testkit.TestNetwork;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.constraints.IntRange;
import net.jqwik.api.constraints.StringLength;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Property-based fuzzing of the MT700 import (bounded: a few hundred tries each): whatever the text,
 * the import either returns credit terms or refuses with field-named errors; it never throws anything
 * else and never hangs.
 */
class Mt700FuzzTest {

    private static final PartyRegistry REGISTRY = TestNetwork.registry();
    private static final String MACHINERY = Mt700Test.sample("lc-machinery-cif-shanghai.mt700.txt");

    private static void importsOrRefusesCleanly(String fin) {
        try {
            assertThat(Mt700.read(fin, REGISTRY)).isNotNull();
        } catch (Mt700.Mt700Exception refused) {
            assertThat(refused.errors()).isNotEmpty().allSatisfy(e -> assertThat(e.field()).isNotBlank());
        }
    }

    @Property(tries = 300)
    void arbitraryTextIsImportedOrRefusedWithFieldErrors(@ForAll @StringLength(max = 600) String text) {
        importsOrRefusesCleanly(text);
    }

    @Property(tries = 300)
    void aTruncatedMessageIsImportedOrRefusedWithFieldErrors(@ForAll @IntRange(min = 0, max = 2000) int cut) {
        importsOrRefusesCleanly(MACHINERY.substring(0, Math.min(cut, MACHINERY.length())));
    }

    @Property(tries = 300)
    void aMessageWithOneCharacterReplacedIsImportedOrRefusedWithFieldErrors(@ForAll @IntRange(min = 0, max = 1500) int at,
                                                                            @ForAll("nasty") char replacement) {
        int i = Math.min(at, MACHINERY.length() - 1);
        importsOrRefusesCleanly(MACHINERY.substring(0, i) + replacement + MACHINERY.substring(i + 1));
    }

    @Property(tries = 200)
    void aFieldWithARandomValueIsImportedOrRefusedWithFieldErrors(@ForAll("tags") String tag, @ForAll @StringLength(max = 80) String value) {
        importsOrRefusesCleanly(MACHINERY.replaceFirst(":" + tag + ":[^\\n]*", ":" + tag + ":" + value.replace("$", "").replace("\\", "")));
    }

    @Provide
    Arbitrary<Character> nasty() {
        return Arbitraries.of(':', '{', '}', '-', '\n', '\r', '\u0000', '\u0007', 'A', '9', ',', '/', '+', '\u00e9');
    }

    @Provide
    Arbitrary<String> tags() {
        return Arbitraries.of("20", "31C", "31D", "32B", "39A", "41A", "42A", "44C", "48", "50", "59", "58A", "40A");
    }
}
