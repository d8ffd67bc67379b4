package org.minzhengflow.benchmark;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

/** The Markdown report, written again after every section so a failure still leaves what was measured. */
final class Report {

  private final Path file;
  private final StringBuilder text = new StringBuilder();

  Report(Path file) {
    this.file = file;
  }

  Report line(String line) {
    text.append(line).append('\n');
    System.out.println(line);
    return this;
  }

  /** Into the file only (the caller prints it itself, later). */
  Report quiet(String line) {
    text.append(line).append('\n');
    return this;
  }

  Report lines(String... lines) {
    for (String l : lines) {
      line(l);
    }
    return this;
  }

  void save() {
    try {
      Files.createDirectories(file.getParent());
      Files.writeString(file, text, StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
