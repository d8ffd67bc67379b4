package org.minzhengflow.benchmark;

import javax.sql.DataSource;
import org.camunda.bpm.engine.ProcessEngine;
import org.camunda.bpm.engine.ProcessEngineConfiguration;
import org.camunda.bpm.engine.impl.cfg.ProcessEngineConfigurationImpl;

/**
 * Camunda as it ships, on the product's database: a second engine in the benchmark's JVM, built from the engine's own
 * standalone configuration — none of the product's engine plugins, authorizations off, no job executor — on the same
 * data source. What a Tasklist of stock Camunda without authorizations would run for the same filter, user and page
 * (issue 9's TB): the filter read, the filter's expressions and extension, the task query.
 *
 * <p>One thing it cannot leave out: OGNL's property accessors are global to the JVM, so the accessor of
 * {@code QueryPropertyAccessPlugin} (change 33) serves this engine's MyBatis too — which makes the stock engine
 * faster here than it is on its own, never slower.
 */
final class StockCamunda {

  private StockCamunda() {}

  static ProcessEngine start(DataSource dataSource) {
    ProcessEngineConfigurationImpl configuration = (ProcessEngineConfigurationImpl) ProcessEngineConfiguration
        .createStandaloneProcessEngineConfiguration();
    configuration.setProcessEngineName("stock-camunda");
    configuration.setDataSource(dataSource);
    configuration.setDatabaseSchemaUpdate(ProcessEngineConfiguration.DB_SCHEMA_UPDATE_FALSE);
    // the level the product's engine wrote into the database (a second engine may not configure another)
    configuration.setHistory(ProcessEngineConfiguration.HISTORY_AUTO);
    configuration.setAuthorizationEnabled(false);
    configuration.setJobExecutorActivate(false);
    configuration.setMetricsEnabled(false);
    configuration.setDbMetricsReporterActivate(false);
    return configuration.buildProcessEngine();
  }
}
