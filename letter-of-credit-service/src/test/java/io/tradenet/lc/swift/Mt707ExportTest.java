package io.tradenet.lc.swift;

import com.prowidesoftware.swift.model.SwiftBlock4;
import com.prowidesoftware.swift.model.Tag;
import com.prowidesoftware.swift.model.mt.mt7xx.MT707;
import io.tradenet.contract.party.PartyRegistry;
import io.tradenet.contract.trade.Amendment;
import io.tradenet.contract.trade.CreditTerms;
import io.tradenet.testkit.TestNetwork;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import java.time.LocalDate;
import java.util.List;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** MT707 out through Prowide Core: an exported amendment imports again as the same amendment. */
class Mt707ExportTest {

    private static final PartyRegistry REGISTRY = TestNetwork.registry();
    private static final LocalDate AMENDED_ON = LocalDate.of(2026, 11, 1);
    private static final String LONG_ITEM = "FULL SET CLEAN ON BOARD OCEAN BILLS OF LADING MADE OUT TO ORDER OF TFBKCNSHXXX MARKED FREIGHT "
            + "PREPAID NOTIFY APPLICANT AND SHOWING THE CREDIT NUMBER AND THE NAME OF THE VESSEL AND ITS IMO NUMBER";

    private static CreditTerms machinery() {
        return Mt700.read(Mt700Test.sample("lc-machinery-cif-shanghai.mt700.txt"), REGISTRY);
    }

    private static Amendment reimported(Amendment a) {
        return Mt707.read(Mt707.write(machinery(), a, AMENDED_ON, REGISTRY), "LC26SH000117", "EUR");
    }

    private static SwiftBlock4 block4(String fin) {
        return MT707.parse(fin).getSwiftMessage().getBlock4();
    }

    private static List<String> tags(String fin) {
        return block4(fin).getTags().stream().map(t -> t.getName() + ":" + t.getValue().replace("\r\n", "\n")).toList();
    }

    @Test
    void theSampleAmendmentReadWrittenAndReadAgainIsTheSameAmendmentAndTheSameFields() {
        String sample = Mt700Test.sample("amend-1-lc-machinery.mt707.txt");
        Amendment read = Mt707.read(sample, "LC26SH000117", "EUR");
        String written = Mt707.write(machinery(), read, AMENDED_ON, REGISTRY);
        assertThat(Mt707.read(written, "LC26SH000117", "EUR")).isEqualTo(read);
        // the issuing bank writes the sample's text block field for field: 27 20 21 23 52A 31C 26E 30 22A, then the changes
        assertThat(tags(written)).containsExactlyElementsOf(tags(sample));
    }

    @Test
    void theFieldsUpTo22AIdentifyCreditAndAmendmentAndOnlyTheChangedTermsFollow() {
        Amendment increase = new Amendment(3, null, null, "1000.00", null, null, null, null, null);
        String fin = Mt707.write(machinery(), increase, AMENDED_ON, REGISTRY);
        MT707 mt = MT707.parse(fin);
        assertThat(mt.getSender()).startsWith("TFBKCNSH");                          // issuing bank
        assertThat(mt.getReceiver()).startsWith("TFBKDEHH");                        // advising bank
        assertThat(tags(fin)).containsExactly("27:1/1", "20:LC26SH000117", "21:NONREF", "23:LC26SH000117", "52A:TFBKCNSHXXX",
                "31C:261015", "26E:03", "30:261101", "22A:ISSU", "32B:EUR1000,00");
    }

    static Stream<Arguments> amendments() {
        return Stream.of(
                Arguments.of("new expiry date and place", new Amendment(1, LocalDate.of(2027, 3, 31), "ROTTERDAM", null, null, null,
                        null, null, null)),
                Arguments.of("decrease and new latest shipment date", new Amendment(2, null, null, null, "250000.50",
                        LocalDate.of(2027, 1, 5), null, null, null)),
                Arguments.of("increase in whole euros", new Amendment(12, null, null, "125000.00", null, null, null, null, null)),
                Arguments.of("/DELETE/ and /ADD/ in every narrative field", new Amendment(4, null, null, null, null, null,
                        List.of("1 SET SPARE PARTS KIT"), List.of("INSPECTION CERTIFICATE ISSUED BY SGS", LONG_ITEM), List.of("ALL DOCUMENTS IN ENGLISH"),
                        List.of("CIF SHANGHAI INCOTERMS 2020"), List.of("PACKING LIST IN 2 COPIES"),
                        List.of("ALL DOCUMENTS MUST BEAR THIS CREDIT NUMBER"), null, null, null)),
                Arguments.of("/DELETE/ alone", new Amendment(5, null, null, null, null, null, null, null, null,
                        null, List.of("CERTIFICATE OF ORIGIN ISSUED BY CHAMBER OF COMMERCE"), null, null, null, null)),
                Arguments.of("/REPALL/ of every narrative field", new Amendment(6, null, null, null, null, null, null, null, null, null, null, null,
                        List.of("2 UNITS CNC MILLING CENTRE MODEL NM-5X", "CFR SHANGHAI INCOTERMS 2020"), List.of(LONG_ITEM),
                        List.of("ALL DOCUMENTS IN ENGLISH", "THIRD PARTY DOCUMENTS ACCEPTABLE"))),
                Arguments.of("items whose words would open a line as an item, a code, a field or the end of the text",
                        new Amendment(999, null, null, null, null, null, List.of(
                                "PRICE ADJUSTMENT OF THE SPARE PARTS KIT FOR MODEL NM-5X AS AGREED +10 PCT OF THE UNIT PRICE",
                                "DOCUMENTS MARKED AS ORIGINAL ARE ACCEPTABLE WHEN THEY CARRY THE WORDS /ADD/ OR /DELETE/ IN TEXT",
                                "FREIGHT PAYABLE AT DESTINATION AS FOLLOWS FOR EACH OF THE TWO UNITS :20: - PER UNIT AS BOOKED"),
                                null, null)));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("amendments")
    void anExportedAmendmentImportsAgainAsTheSameAmendment(String what, Amendment amendment) {
        assertThat(reimported(amendment)).isEqualTo(amendment);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("amendments")
    void everyLineOfAnExportedAmendmentFitsTheSwiftLineOf65Characters(String what, Amendment amendment) {
        String fin = Mt707.write(machinery(), amendment, AMENDED_ON, REGISTRY);
        for (Tag tag : block4(fin).getTags()) {
            assertThat(tag.getValue().split("\r?\n")).as(tag.getName()).allSatisfy(line -> assertThat(line.length()).isLessThanOrEqualTo(65));
        }
    }

    @Test
    void aNewPlaceOfExpiryAloneIsWrittenWithTheCreditsExpiryDateAndAmendsTheCreditTheSameWay() {
        Amendment place = new Amendment(1, null, "ROTTERDAM", null, null, null, null, null, null);
        Amendment back = reimported(place);
        assertThat(back.expiryDate()).isEqualTo(machinery().expiryDate());          // 31D always carries a date
        assertThat(back.expiryPlace()).isEqualTo("ROTTERDAM");
        assertThat(back.applyTo(machinery())).isEqualTo(place.applyTo(machinery()));
    }

    @Test
    void anAmendmentAnMt707CannotCarryIsRefusedNamingTheField() {
        Amendment thirdDecimal = new Amendment(1, null, null, "10.005", null, null, null, null, null);
        assertThatThrownBy(() -> Mt707.write(machinery(), thirdDecimal, AMENDED_ON, REGISTRY))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("32B");
        Amendment tooMany = new Amendment(1000, null, null, "10.00", null, null, null, null, null);
        assertThatThrownBy(() -> Mt707.write(machinery(), tooMany, AMENDED_ON, REGISTRY))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("26E");
    }

    /**
     * Items of SWIFT text: words of letters and digits, some opening with a character that means something at a
     * line's start ('+' an item, '/' a code, ':' a field, '-' the end of the text), each such word after a plain one.
     */
    @Provide
    Arbitrary<List<String>> items() {
        Arbitrary<String> body = Arbitraries.strings().withChars("ABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789/.,()").ofMinLength(0).ofMaxLength(12);
        Arbitrary<String> plain = Combinators.combine(Arbitraries.strings().withChars("ABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789").ofLength(1), body)
                .as((first, rest) -> first + rest);
        Arbitrary<String> marked = Combinators.combine(Arbitraries.of("+", "/", ":", "-"), plain, Arbitraries.of("", "/"))
                .as((mark, text, end) -> mark + text + end);
        Arbitrary<String> unit = Combinators.combine(plain, marked, Arbitraries.integers().between(0, 3))
                .as((p, m, choice) -> choice == 0 ? p + " " + m : p);
        Arbitrary<String> item = Combinators.combine(Arbitraries.oneOf(plain, marked), unit.list().ofMinSize(0).ofMaxSize(25))
                .as((first, rest) -> rest.isEmpty() ? first : first + " " + String.join(" ", rest));
        return item.list().ofMinSize(1).ofMaxSize(4);
    }

    @Property(tries = 300)
    void anyNarrativeAmendmentWrapsWithin65CharactersAndImportsAgainAsTheSameItems(@ForAll("items") List<String> added,
                                                                                   @ForAll("items") List<String> deleted,
                                                                                   @ForAll("items") List<String> replaced) {
        Amendment amendment = new Amendment(7, null, null, null, null, null, added, List.of(), List.of(), deleted, List.of(), List.of(),
                null, null, replaced);
        String fin = Mt707.write(machinery(), amendment, AMENDED_ON, REGISTRY);
        assertThat(Mt707.read(fin, "LC26SH000117", "EUR")).isEqualTo(amendment);
        for (Tag tag : block4(fin).getTags()) {
            assertThat(tag.getValue().split("\r?\n")).as(tag.getName()).allSatisfy(line -> assertThat(line.length()).isLessThanOrEqualTo(65));
        }
    }
}
