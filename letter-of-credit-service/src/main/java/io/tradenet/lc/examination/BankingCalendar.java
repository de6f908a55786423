package io.tradenet.lc.examination;

import java.time.DayOfWeek;
import java.time.LocalDate;
import java.util.Set;

/**
 * Banking days: Monday to Friday except the configured holidays (tradenet.lc.holidays). UCP 600
 * art. 14(b) gives a bank a maximum of five banking days following the day of presentation to decide.
 */
public final class BankingCalendar {

    private final Set<LocalDate> holidays;

    public BankingCalendar(Set<LocalDate> holidays) {
        this.holidays = Set.copyOf(holidays);
    }

    public boolean isBankingDay(LocalDate day) {
        return day.getDayOfWeek() != DayOfWeek.SATURDAY && day.getDayOfWeek() != DayOfWeek.SUNDAY && !holidays.contains(day);
    }

    /** The n-th banking day following {@code day} (the day itself does not count). */
    public LocalDate plusBankingDays(LocalDate day, int n) {
        LocalDate d = day;
        int left = n;
        while (left > 0) {
            d = d.plusDays(1);
            if (isBankingDay(d)) {
                left--;
            }
        }
        return d;
    }

    /** Art. 14(b): the last day on which the bank may decide on a presentation made on {@code presentedOn}. */
    public LocalDate examinationDeadline(LocalDate presentedOn) {
        return plusBankingDays(presentedOn, 5);
    }
}
