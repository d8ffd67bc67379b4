package org.minzhengflow.calendar;

import java.time.LocalDate;
import java.util.Objects;

/**
 * One public-holiday rest period (放假) from a State Council notice, inclusive at both ends.
 */
public record Holiday(String name, LocalDate from, LocalDate to) {

  public Holiday {
    Objects.requireNonNull(name, "name");
    Objects.requireNonNull(from, "from");
    Objects.requireNonNull(to, "to");
    if (to.isBefore(from)) {
      throw new IllegalArgumentException("holiday " + name + " ends before it starts: " + from + " > " + to);
    }
  }

  public boolean contains(LocalDate date) {
    return !date.isBefore(from) && !date.isAfter(to);
  }
}
