package org.minzhengflow.organization;

import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.ApplicationArguments;
import org.springframework.boot.ApplicationRunner;
import org.springframework.core.annotation.Order;
import org.springframework.stereotype.Component;

/** On start: groups, rights and filters first; then the demo users, or a real administrator. */
@Component
@Order(10)
public class OrganizationStartup implements ApplicationRunner {

  private final OrganizationSetup setup;
  private final DemoOrganization demo;
  private final AdminAccount admin;
  private final boolean demoEnabled;

  public OrganizationStartup(OrganizationSetup setup, DemoOrganization demo, AdminAccount admin,
      @Value("${app.demo.enabled:false}") boolean demoEnabled) {
    this.setup = setup;
    this.demo = demo;
    this.admin = admin;
    this.demoEnabled = demoEnabled;
  }

  @Override
  public void run(ApplicationArguments args) {
    setup.run();
    if (demoEnabled) {
      demo.loadIfEmpty();
    } else {
      admin.createIfMissing();
    }
  }
}
