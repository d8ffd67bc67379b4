package org.minzhengflow.calendar;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Collections;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;
import java.util.stream.Stream;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Loads the holiday data: first the file bundled in the application, then every {@code *.json}
 * file in the extra directory in file-name order. A year found in a later file replaces the same
 * year from an earlier one, so operators can add next year's State Council notice (or correct a
 * year) by dropping a file next to the application, without a new release.
 */
public final class CalendarDataLoader {

  public static final String BUNDLED_RESOURCE = "calendar/cn-public-holidays.json";

  private static final Logger log = LoggerFactory.getLogger(CalendarDataLoader.class);

  private final Path extraDir;
  private final CalendarDataParser parser = new CalendarDataParser();

  /**
   * @param extraDir directory with additional data files; it need not exist
   */
  public CalendarDataLoader(Path extraDir) {
    this.extraDir = Objects.requireNonNull(extraDir, "extraDir");
  }

  /**
   * @return all years, sorted, later files winning
   * @throws CalendarDataException if the bundled file is missing or any file is malformed
   */
  public Map<Integer, CalendarYear> load() {
    Map<Integer, CalendarYear> years = new TreeMap<>(loadBundled());
    for (Path file : extraFiles()) {
      Map<Integer, CalendarYear> fileYears = loadFile(file);
      log.info("Holiday data file {} supplies years {}", file, fileYears.keySet());
      years.putAll(fileYears);
    }
    return Collections.unmodifiableMap(years);
  }

  private Map<Integer, CalendarYear> loadBundled() {
    String location = "classpath:" + BUNDLED_RESOURCE;
    try (InputStream in = CalendarDataLoader.class.getClassLoader().getResourceAsStream(BUNDLED_RESOURCE)) {
      if (in == null) {
        throw new CalendarDataException("找不到内置节假日数据文件 " + location);
      }
      return parser.parse(in, location);
    } catch (IOException e) {
      throw new CalendarDataException("无法读取内置节假日数据文件 " + location, e);
    }
  }

  private List<Path> extraFiles() {
    if (!Files.exists(extraDir)) {
      log.debug("No extra holiday data directory at {}", extraDir.toAbsolutePath());
      return List.of();
    }
    if (!Files.isDirectory(extraDir)) {
      throw new CalendarDataException("节假日数据目录 " + extraDir.toAbsolutePath() + " 不是目录");
    }
    try (Stream<Path> entries = Files.list(extraDir)) {
      return entries
          .filter(Files::isRegularFile)
          .filter(p -> p.getFileName().toString().toLowerCase(Locale.ROOT).endsWith(".json"))
          .sorted()
          .toList();
    } catch (IOException e) {
      throw new CalendarDataException("无法读取节假日数据目录 " + extraDir.toAbsolutePath(), e);
    }
  }

  private Map<Integer, CalendarYear> loadFile(Path file) {
    try (InputStream in = Files.newInputStream(file)) {
      return parser.parse(in, file.toAbsolutePath().toString());
    } catch (IOException e) {
      throw new CalendarDataException("无法读取节假日数据文件 " + file.toAbsolutePath(), e);
    }
  }
}
