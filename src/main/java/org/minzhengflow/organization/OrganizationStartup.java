package org.minzhengflow.organization;

import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.ApplicationArguments;
import org.springframework.boot.ApplicationRunner;
import org.springframework.core.annotation.Order;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;
import org.springframework.stereotype.Component;

/** On start: groups, rights and filters first; then the demo users, or a real administrator. */
@Component
@Order(10)
public class OrganizationStartup implements ApplicationRunner {

  private final OrganizationSetup setup;
  private final AuthorizationIndexes indexes;
  private final DemoOrganization demo;
  private final AdminAccount admin;
  private final boolean demoEnabled;
  private final TransactionTemplate transaction;
  private final JdbcClient jdbc;

  public OrganizationStartup(OrganizationSetup setup, AuthorizationIndexes indexes, DemoOrganization demo, AdminAccount admin,
      @Value("${app.demo.enabled:false}") boolean demoEnabled, PlatformTransactionManager transactions,
      JdbcClient jdbc) {
    this.setup = setup;
    this.indexes = indexes;
    this.demo = demo;
    this.admin = admin;
    this.demoEnabled = demoEnabled;
    this.transaction = new TransactionTemplate(transactions);
    this.jdbc = jdbc;
  }

  /**
   * In one transaction holding the start-up lock row: a second node starting at the same moment
   * waits, then finds everything in place instead of creating groups and filters twice.
   */
  @Override
  public void run(ApplicationArguments args) {
    transaction.executeWithoutResult(status -> {
      jdbc.sql("select name from app_lock where name = 'organization-setup' for update").query(String.class).single();
      indexes.ensure();
      setup.run();
      if (demoEnabled) {
        demo.loadIfEmpty();
      } else {
        admin.createIfMissing();
      }
    });
  }
}
