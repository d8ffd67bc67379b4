package org.minzhengflow.security;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.Ordered;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * Staff land in Tasklist. Camunda's welcome page is not part of this product (it runs before
 * Spring MVC, hence a filter), and its "create the first admin" setup page cannot appear because
 * an administrator always exists (see AdminAccount).
 */
@Configuration
public class WebappEntry {

  static final String TASKLIST = "/camunda/app/tasklist/";

  @Bean
  FilterRegistrationBean<OncePerRequestFilter> tasklistEntry() {
    FilterRegistrationBean<OncePerRequestFilter> bean = new FilterRegistrationBean<>(new OncePerRequestFilter() {
      @Override
      protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
          throws ServletException, IOException {
        String path = request.getRequestURI().substring(request.getContextPath().length());
        if (path.isEmpty() || path.equals("/") || path.equals("/camunda") || path.equals("/camunda/")
            || path.equals("/camunda/app") || path.equals("/camunda/app/") || path.startsWith("/camunda/app/welcome")) {
          response.sendRedirect(request.getContextPath() + TASKLIST);
          return;
        }
        chain.doFilter(request, response);
      }
    });
    bean.addUrlPatterns("/", "/camunda", "/camunda/", "/camunda/app", "/camunda/app/", "/camunda/app/welcome/*");
    bean.setOrder(Ordered.HIGHEST_PRECEDENCE);
    return bean;
  }
}
