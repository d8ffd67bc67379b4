package org.minzhengflow.benchmark;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import java.util.ArrayList;
import java.util.List;
import org.slf4j.LoggerFactory;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * Where a Tasklist query spends its time: the SQL the engine really sends (caught from MyBatis' statement
 * log while the query runs once), then {@code EXPLAIN (ANALYZE, BUFFERS)} of it on the same database.
 */
final class Explain {

  private static final String MAPPER = "org.camunda.bpm.engine.impl.persistence.entity.TaskEntity";

  private Explain() {}

  static List<String> plans(JdbcTemplate jdbc, Runnable query) {
    Logger logger = (Logger) LoggerFactory.getLogger(MAPPER);
    Level before = logger.getLevel();
    ListAppender<ILoggingEvent> appender = new ListAppender<>();
    appender.start();
    logger.addAppender(appender);
    logger.setAdditive(false);
    logger.setLevel(Level.DEBUG);
    try {
      query.run();
    } finally {
      logger.setLevel(before);
      logger.detachAppender(appender);
      logger.setAdditive(true);
    }
    List<String> plans = new ArrayList<>();
    String sql = null;
    for (ILoggingEvent event : appender.list) {
      String message = event.getFormattedMessage();
      if (message.contains("Preparing:")) {
        sql = message.substring(message.indexOf("Preparing:") + 10).trim();
      } else if (message.contains("Parameters:") && sql != null) {
        String statement = bind(sql, message.substring(message.indexOf("Parameters:") + 11).trim());
        StringBuilder plan = new StringBuilder(event.getLoggerName().replace(MAPPER + ".", "")).append('\n')
            .append(statement).append("\n\n");
        jdbc.query("explain (analyze, buffers) " + statement, rs -> {
          plan.append(rs.getString(1)).append('\n');
        });
        plans.add(plan.toString());
        sql = null;
      }
    }
    return plans;
  }

  /** Puts MyBatis' logged parameters ({@code value(Type), …}) in place of the placeholders. */
  static String bind(String sql, String parameters) {
    List<String> values = new ArrayList<>();
    if (!parameters.isEmpty()) {
      for (String p : parameters.split(", (?=[^,]*\\()")) {
        int open = p.lastIndexOf('(');
        String value = open < 0 ? p : p.substring(0, open);
        String type = open < 0 ? "String" : p.substring(open + 1, p.length() - 1);
        values.add(switch (type) {
          case "Integer", "Long", "Boolean", "Double", "Short" -> value;
          case "null" -> "null";
          default -> "'" + value.replace("'", "''") + "'";
        });
      }
    }
    StringBuilder out = new StringBuilder();
    int next = 0;
    for (char c : sql.toCharArray()) {
      if (c == '?' && next < values.size()) {
        out.append(values.get(next++));
      } else {
        out.append(c);
      }
    }
    return out.toString();
  }
}
