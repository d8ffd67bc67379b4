package org.minzhengflow.security;

import org.camunda.bpm.engine.IdentityService;
import org.camunda.bpm.engine.ProcessEngine;
import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.Ordered;

/**
 * The REST APIs are closed by default: Camunda's {@code /engine-rest} is open out of the box,
 * so every request to it and to {@code /api} must authenticate (HTTP Basic; {@code /api} also a webapp
 * session with its CSRF token, see {@link WebappSession}) and is then subject to Camunda's authorizations. Order: database outage (outermost), error format, authentication, expression guard.
 */
@Configuration
public class WebSecurityConfig {

  /** Outermost: every answer carries the headers, also the errors written by the filters below. */
  @Bean
  FilterRegistrationBean<SecurityHeaders> securityHeaders() {
    FilterRegistrationBean<SecurityHeaders> bean = new FilterRegistrationBean<>(new SecurityHeaders());
    bean.addUrlPatterns("/*");
    bean.setOrder(Ordered.HIGHEST_PRECEDENCE);
    return bean;
  }

  /** Outside everything else but the headers: an outage met by any filter inside still answers 503 in the one error format. */
  @Bean
  FilterRegistrationBean<DatabaseUnavailableFilter> databaseUnavailable() {
    FilterRegistrationBean<DatabaseUnavailableFilter> bean = new FilterRegistrationBean<>(new DatabaseUnavailableFilter());
    bean.addUrlPatterns("/api/*", "/engine-rest/*", "/camunda/api/*");
    bean.setOrder(Ordered.HIGHEST_PRECEDENCE + 5);
    return bean;
  }

  @Bean
  FilterRegistrationBean<EngineRestErrorFormat> engineRestErrorFormat(ProcessEngine engine) {
    // a task id the engine once had (history) but no longer has open: the step is done, a 409
    FilterRegistrationBean<EngineRestErrorFormat> bean = new FilterRegistrationBean<>(new EngineRestErrorFormat(
        id -> engine.getHistoryService().createHistoricTaskInstanceQuery().taskId(id).count() > 0,
        id -> engine.getTaskService().createTaskQuery().taskId(id).count() > 0));
    bean.addUrlPatterns("/engine-rest/*", "/camunda/api/engine/*");
    bean.setOrder(Ordered.HIGHEST_PRECEDENCE + 10);
    return bean;
  }

  @Bean
  FilterRegistrationBean<BasicAuthenticationFilter> engineRestAuthentication(IdentityService identity, ProcessEngine engine) {
    FilterRegistrationBean<BasicAuthenticationFilter> bean =
        new FilterRegistrationBean<>(new BasicAuthenticationFilter(identity, true, loginMaxAttempts(engine)));
    bean.addUrlPatterns("/engine-rest/*");
    bean.setOrder(Ordered.HIGHEST_PRECEDENCE + 20);
    return bean;
  }

  /**
   * The application API also accepts the webapp login (with its CSRF token) so that the Cockpit and Tasklist
   * plugins can call it; {@code /engine-rest} does not: the webapps have their own copy of the engine API under
   * {@code /camunda/api}. The printable notices (GET {@code /api/applications/{no}/notices/{id}.pdf}) are plain links
   * in the Tasklist forms, which cannot send the CSRF header: a read without side effects, and the session cookie is
   * SameSite=Lax, so another site can at most send the user to the notice, never read it.
   */
  @Bean
  FilterRegistrationBean<BasicAuthenticationFilter> apiAuthentication(IdentityService identity, ProcessEngine engine) {
    FilterRegistrationBean<BasicAuthenticationFilter> bean = new FilterRegistrationBean<>(
        new BasicAuthenticationFilter(identity, false, loginMaxAttempts(engine), new WebappSession(identity, engine.getName()),
            WebSecurityConfig::noticePdf));
    bean.addUrlPatterns("/api/*");
    bean.setOrder(Ordered.HIGHEST_PRECEDENCE + 20);
    return bean;
  }

  private static int loginMaxAttempts(ProcessEngine engine) {
    return ((org.camunda.bpm.engine.impl.cfg.ProcessEngineConfigurationImpl) engine.getProcessEngineConfiguration())
        .getLoginMaxAttempts();
  }

  static boolean noticePdf(jakarta.servlet.http.HttpServletRequest request) {
    return "GET".equals(request.getMethod())
        && request.getRequestURI().matches("/api/applications/[^/]+/notices/[^/]+\\.pdf");
  }

  /**
   * The instance figures of the process-definition statistics, recounted as the user may see them (Cockpit's
   * dashboard, process list and diagram); after authentication, so that the user is known.
   */
  @Bean
  FilterRegistrationBean<InstanceStatisticsScope> instanceStatisticsScope(ProcessEngine engine) {
    FilterRegistrationBean<InstanceStatisticsScope> bean = new FilterRegistrationBean<>(new InstanceStatisticsScope(
        engine.getIdentityService(), engine.getRuntimeService(), engine.getManagementService(),
        engine.getRepositoryService(), engine.getName()));
    bean.addUrlPatterns("/engine-rest/*", "/camunda/api/engine/*", "/camunda/api/cockpit/*");
    bean.setOrder(Ordered.HIGHEST_PRECEDENCE + 25);
    return bean;
  }

  /** After authentication: an anonymous caller hears 401, not what is wrong with the body. */
  @Bean
  FilterRegistrationBean<ApiBodyGuard> apiBodyGuard() {
    FilterRegistrationBean<ApiBodyGuard> bean = new FilterRegistrationBean<>(new ApiBodyGuard());
    bean.addUrlPatterns("/api/*");
    bean.setOrder(Ordered.HIGHEST_PRECEDENCE + 30);
    return bean;
  }

  /** Also guards the webapps' own copy of the engine API, which Tasklist and Cockpit call. */
  @Bean
  FilterRegistrationBean<ExpressionQueryGuard> expressionQueryGuard() {
    FilterRegistrationBean<ExpressionQueryGuard> bean = new FilterRegistrationBean<>(new ExpressionQueryGuard());
    bean.addUrlPatterns("/engine-rest/*", "/camunda/api/engine/*");
    bean.setOrder(Ordered.HIGHEST_PRECEDENCE + 30);
    return bean;
  }
}
