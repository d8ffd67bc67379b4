package org.minzhengflow.reliability;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Proxy;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.Arrays;
import java.util.Locale;
import java.util.Set;
import java.util.UUID;
import java.util.stream.Collectors;
import javax.sql.DataSource;
import org.camunda.bpm.engine.delegate.ExecutionListener;
import org.camunda.bpm.engine.impl.bpmn.parser.AbstractBpmnParseListener;
import org.camunda.bpm.engine.impl.cfg.AbstractProcessEnginePlugin;
import org.camunda.bpm.engine.impl.cfg.ProcessEngineConfigurationImpl;
import org.camunda.bpm.engine.impl.pvm.process.ActivityImpl;
import org.camunda.bpm.engine.impl.pvm.process.ScopeImpl;
import org.camunda.bpm.engine.impl.util.xml.Element;
import org.camunda.bpm.engine.impl.cfg.ProcessEnginePlugin;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.config.BeanPostProcessor;
import org.springframework.context.annotation.Bean;
import org.springframework.core.env.Environment;
import org.springframework.jdbc.datasource.DelegatingDataSource;

/**
 * Test-only fault points for the reliability tests, never part of the application: a test starts the application
 * with {@code --spring.main.sources=org.minzhengflow.reliability.FaultHooks} (this class is not a component, so no
 * ordinary test context picks it up) and {@code --faults.dir=…}. A point is <em>armed</em> while the file
 * {@code hold-<point>} exists in that directory; a thread reaching an armed point writes {@code held-<point>-<uuid>}
 * (its business key or SQL inside) and waits, inside its open transaction, until the file is gone. So a test can
 * kill the process (SIGKILL) exactly in the middle of a step, or stop PostgreSQL under a transaction, and knows
 * when it got there.
 * <ul>
 *   <li>{@code faults.activities}: BPMN activity ids; the point {@code <id>} is reached at the end of the activity, after
 *       its delegate ran and before its transaction commits (service tasks are jobs: inside the job; user tasks:
 *       inside the completion request).</li>
 *   <li>{@code faults.sql}: SQL prefix; the point {@code sql} is reached when a statement starting with it is prepared
 *       (e.g. the last statement of a payment run's transaction).</li>
 * </ul>
 */
public class FaultHooks {

  private static final Logger LOG = LoggerFactory.getLogger(FaultHooks.class);

  static void hold(Path dir, String point, String what) {
    Path arm = dir.resolve("hold-" + point);
    if (!Files.exists(arm)) {
      return;
    }
    Path held = dir.resolve("held-" + point + "-" + UUID.randomUUID());
    try {
      Files.writeString(held, String.valueOf(what));
      LOG.warn("FAULT holding at {} ({})", point, what);
      while (Files.exists(arm)) {
        Thread.sleep(50);
      }
      Files.deleteIfExists(held);
      LOG.warn("FAULT released at {} ({})", point, what);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  @Bean
  static ProcessEnginePlugin faultActivities(Environment env) {
    Path dir = Path.of(env.getRequiredProperty("faults.dir"));
    Set<String> ids = Arrays.stream(env.getProperty("faults.activities", "").split(","))
        .map(String::trim).filter(s -> !s.isEmpty()).collect(Collectors.toSet());
    ExecutionListener listener = execution -> hold(dir, execution.getCurrentActivityId(),
        execution.getProcessBusinessKey());
    AbstractBpmnParseListener parse = new AbstractBpmnParseListener() {
      @Override
      public void parseServiceTask(Element element, ScopeImpl scope, ActivityImpl activity) {
        add(activity);
      }

      @Override
      public void parseUserTask(Element element, ScopeImpl scope, ActivityImpl activity) {
        add(activity);
      }

      private void add(ActivityImpl activity) {
        if (ids.contains(activity.getId())) {
          activity.addListener(ExecutionListener.EVENTNAME_END, listener);
        }
      }
    };
    return new AbstractProcessEnginePlugin() {
      @Override
      public void preInit(ProcessEngineConfigurationImpl configuration) {
        if (configuration.getCustomPostBPMNParseListeners() == null) {
          configuration.setCustomPostBPMNParseListeners(new java.util.ArrayList<>());
        }
        configuration.getCustomPostBPMNParseListeners().add(parse);
      }
    };
  }

  @Bean
  static BeanPostProcessor faultSql(Environment env) {
    String prefix = env.getProperty("faults.sql", "").trim().toLowerCase(Locale.ROOT);
    Path dir = Path.of(env.getRequiredProperty("faults.dir"));
    return new BeanPostProcessor() {
      @Override
      public Object postProcessAfterInitialization(Object bean, String name) {
        if (prefix.isEmpty() || !(bean instanceof DataSource ds) || bean instanceof DelegatingDataSource) {
          return bean;
        }
        return new DelegatingDataSource(ds) {
          @Override
          public Connection getConnection() throws SQLException {
            return holding(super.getConnection());
          }

          @Override
          public Connection getConnection(String user, String password) throws SQLException {
            return holding(super.getConnection(user, password));
          }

          private Connection holding(Connection connection) {
            return (Connection) Proxy.newProxyInstance(FaultHooks.class.getClassLoader(),
                new Class<?>[] {Connection.class}, (proxy, method, args) -> {
                  if (method.getName().startsWith("prepare") && args != null && args[0] instanceof String sql
                      && sql.trim().toLowerCase(Locale.ROOT).startsWith(prefix)) {
                    hold(dir, "sql", sql.trim());
                  }
                  if (method.getName().equals("unwrap") && args[0] == Connection.class) {
                    return proxy;
                  }
                  try {
                    return method.invoke(connection, args);
                  } catch (InvocationTargetException e) {
                    throw e.getCause();
                  }
                });
          }
        };
      }
    };
  }
}
