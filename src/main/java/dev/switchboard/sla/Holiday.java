package dev.switchboard.sla;

import java.time.LocalDate;
import java.time.MonthDay;

/**
 * A day the team does not work, all day long in the calendar's time zone: one date, or with {@code yearly}
 * the same day every year (the year of {@code date} then only says when it was entered).
 */
public record Holiday(LocalDate date, boolean yearly, String name) {

    public Holiday {
        if (date == null) {
            throw new IllegalArgumentException("a holiday needs a date");
        }
        name = name == null || name.isBlank() ? null : name.strip();
    }

    public boolean fallsOn(LocalDate day) {
        return yearly ? MonthDay.from(date).equals(MonthDay.from(day)) : date.equals(day);
    }
}
