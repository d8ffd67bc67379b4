package org.minzhengflow.support;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import java.util.List;
import org.slf4j.LoggerFactory;

/** The SQL the engine sends from this thread while a call runs, as MyBatis logs it ("==> Preparing: …"). */
public final class EngineStatements {

  private static final String MAPPERS = "org.camunda.bpm.engine.impl.persistence.entity";

  private EngineStatements() {}

  public static List<String> during(Runnable call) {
    Logger logger = (Logger) LoggerFactory.getLogger(MAPPERS);
    Thread caller = Thread.currentThread();
    // the caller's statements only, decided when each is logged: an event's thread name is only read when asked for,
    // so asked later, in this thread, the job executor's statements of the same moments would pass for the caller's
    ListAppender<ILoggingEvent> sql = new ListAppender<>() {
      @Override
      protected void append(ILoggingEvent event) {
        if (Thread.currentThread() == caller) {
          super.append(event);
        }
      }
    };
    sql.start();
    logger.addAppender(sql);
    logger.setLevel(Level.DEBUG);
    // only to this appender: the job executor's statements of the same moments would fill the build's output
    logger.setAdditive(false);
    try {
      call.run();
    } finally {
      logger.detachAppender(sql);
      logger.setLevel(null);
      logger.setAdditive(true);
    }
    return sql.list.stream().map(ILoggingEvent::getFormattedMessage).filter(m -> m.contains("Preparing:")).toList();
  }
}
