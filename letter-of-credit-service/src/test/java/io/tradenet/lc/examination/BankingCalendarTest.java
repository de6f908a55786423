package io.tradenet.lc.examination;

import org.junit.jupiter.api.Test;

import java.time.LocalDate;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;

/** UCP 600 art. 14(b): five banking days following the day of presentation, weekends and holidays excluded. */
class BankingCalendarTest {

    @Test
    void art14b_fiveBankingDaysFollowingTheDayOfPresentation() {
        BankingCalendar plain = new BankingCalendar(Set.of());
        assertThat(plain.examinationDeadline(LocalDate.of(2026, 12, 1))).isEqualTo(LocalDate.of(2026, 12, 8));   // Tue -> next Tue
        assertThat(plain.examinationDeadline(LocalDate.of(2026, 12, 4))).isEqualTo(LocalDate.of(2026, 12, 11));  // Fri -> next Fri
        assertThat(plain.examinationDeadline(LocalDate.of(2026, 12, 5))).isEqualTo(LocalDate.of(2026, 12, 11));  // Sat -> Fri
    }

    @Test
    void art14b_holidaysAreNotBankingDays() {
        BankingCalendar christmas = new BankingCalendar(Set.of(LocalDate.of(2026, 12, 25), LocalDate.of(2026, 12, 28), LocalDate.of(2027, 1, 1)));
        // Wed 23 Dec: 24, (25 hol), (26-27 weekend), (28 hol), 29, 30, 31, (1 Jan hol), 4 Jan
        assertThat(christmas.examinationDeadline(LocalDate.of(2026, 12, 23))).isEqualTo(LocalDate.of(2027, 1, 4));
        assertThat(christmas.isBankingDay(LocalDate.of(2026, 12, 25))).isFalse();
        assertThat(christmas.isBankingDay(LocalDate.of(2026, 12, 24))).isTrue();
    }
}
