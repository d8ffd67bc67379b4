package org.minzhengflow.organization;

import java.io.IOException;
import java.io.InputStream;
import java.util.function.Predicate;
import org.apache.ibatis.builder.xml.XMLMapperBuilder;
import org.apache.ibatis.session.Configuration;
import org.camunda.bpm.engine.impl.cfg.ProcessEngineConfigurationImpl;

/**
 * Adds SQL of our own to the engine's MyBatis configuration once the engine has parsed its own (in an engine plugin's
 * postInit): statements and fragments in the engine's namespaces, so that they include the engine's fragments as the
 * engine's own mappings do.
 */
final class EngineMappings {

  private EngineMappings() {}

  /** Parses {@code resource} from the class path unless {@code present} says its SQL is there already. */
  static void add(ProcessEngineConfigurationImpl configuration, String resource, Predicate<Configuration> present) {
    Configuration mybatis = configuration.getSqlSessionFactory().getConfiguration();
    if (present.test(mybatis)) {
      return;
    }
    try (InputStream in = EngineMappings.class.getClassLoader().getResourceAsStream(resource)) {
      if (in == null) {
        throw new IllegalStateException(resource + " is missing from the application");
      }
      new XMLMapperBuilder(in, mybatis, resource, mybatis.getSqlFragments()).parse();
    } catch (IOException e) {
      throw new IllegalStateException("cannot read " + resource, e);
    }
  }
}
