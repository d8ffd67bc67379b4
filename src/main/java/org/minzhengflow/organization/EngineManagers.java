package org.minzhengflow.organization;

import java.util.ArrayList;
import java.util.List;
import java.util.function.Supplier;
import org.camunda.bpm.engine.impl.cfg.ProcessEngineConfigurationImpl;
import org.camunda.bpm.engine.impl.interceptor.Session;
import org.camunda.bpm.engine.impl.interceptor.SessionFactory;

/**
 * Puts a manager of our own in place of one of the engine's: a custom session factory for the engine's session type
 * (the engine's own managers are looked up by that type, and custom factories are registered after the defaults).
 */
final class EngineManagers {

  private EngineManagers() {}

  /** Our manager for the engine's {@code engineType}: {@code implementation} makes one per command. */
  static <T extends Session> void replace(ProcessEngineConfigurationImpl configuration, Class<T> engineType,
      Supplier<? extends T> implementation) {
    register(configuration, new SessionFactory() {
      @Override
      public Class<?> getSessionType() {
        return engineType;
      }

      @Override
      public Session openSession() {
        return implementation.get();
      }
    });
  }

  private static void register(ProcessEngineConfigurationImpl configuration, SessionFactory factory) {
    List<SessionFactory> factories = configuration.getCustomSessionFactories() == null
        ? new ArrayList<>() : new ArrayList<>(configuration.getCustomSessionFactories());
    factories.add(factory);
    configuration.setCustomSessionFactories(factories);
  }
}
