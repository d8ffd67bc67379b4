package org.minzhengflow.security;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import jakarta.servlet.http.HttpSession;
import java.io.IOException;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.Supplier;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.camunda.bpm.engine.IdentityService;
import org.camunda.bpm.engine.ManagementService;
import org.camunda.bpm.engine.RepositoryService;
import org.camunda.bpm.engine.RuntimeService;
import org.camunda.bpm.engine.identity.Group;
import org.camunda.bpm.engine.impl.identity.Authentication;
import org.camunda.bpm.engine.repository.ProcessDefinition;
import org.camunda.bpm.engine.runtime.Incident;
import org.camunda.bpm.engine.runtime.IncidentQuery;
import org.camunda.bpm.webapp.impl.security.auth.AuthenticationUtil;
import org.camunda.bpm.webapp.impl.security.auth.Authentications;
import org.minzhengflow.organization.Role;
import org.springframework.web.filter.OncePerRequestFilter;
import org.springframework.web.util.ContentCachingResponseWrapper;

/**
 * Camunda's statistics of a process definition ({@code GET …/process-definition/statistics}, and per activity
 * {@code …/process-definition/{id}/statistics}; Cockpit's own {@code /camunda/api/cockpit/plugin/base/{engine}/process-definition/statistics},
 * per key — what Cockpit's dashboard, process list and diagram show) check only
 * that the user may read the definition, and then count every instance, failed job and incident of the city. Staff
 * read the definitions (to see process names) but only their own cases, so a street's caseworker learned how many
 * cases every other street and district had open, where they stood and which failed (docs/reliability.md §7). For
 * everyone but administrators this filter recounts the figures of the answer with the engine's ordinary, authorized
 * queries as that user: instances they may read, their failed jobs and incidents; an activity nobody of theirs is at
 * is left out, as the engine leaves out an empty one.
 */
public class InstanceStatisticsScope extends OncePerRequestFilter {

  /** The statistics resources of the engine REST API and of the webapps' copy of it. */
  private static final Pattern STATISTICS = Pattern.compile(
      "^(?:/engine-rest|/camunda/api/engine/engine/[^/]+)/process-definition/(?:(statistics)|key/([^/]+)(?:/tenant-id/[^/]+)?/statistics|([^/]+)/statistics)$");
  /** Cockpit's process list: one entry per key (its latest version), the instances and incidents of all versions. */
  private static final Pattern COCKPIT_STATISTICS = Pattern.compile(
      "^/camunda/api/cockpit/plugin/base/[^/]+/process-definition/statistics$");

  private final IdentityService identity;
  private final RuntimeService runtime;
  private final ManagementService management;
  private final RepositoryService repository;
  private final String engineName;

  public InstanceStatisticsScope(IdentityService identity, RuntimeService runtime, ManagementService management,
      RepositoryService repository, String engineName) {
    this.identity = identity;
    this.runtime = runtime;
    this.management = management;
    this.repository = repository;
    this.engineName = engineName;
  }

  @Override
  protected boolean shouldNotFilter(HttpServletRequest request) {
    return !"GET".equals(request.getMethod())
        || !STATISTICS.matcher(path(request)).matches() && !COCKPIT_STATISTICS.matcher(path(request)).matches();
  }

  @Override
  protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
      throws ServletException, IOException {
    Matcher m = STATISTICS.matcher(path(request));
    boolean engineStatistics = m.matches();
    Authentication user = user(request);
    if (user == null || user.getGroupIds().contains(Role.ADMIN.groupId(null))) {
      chain.doFilter(request, response); // no user: the engine refuses by itself; administrators see the city
      return;
    }
    ContentCachingResponseWrapper wrapper = new ContentCachingResponseWrapper(response);
    chain.doFilter(request, wrapper);
    if (wrapper.getStatus() != 200) {
      wrapper.copyBodyToResponse();
      return;
    }
    JsonNode answer = JsonResponses.mapper().readTree(wrapper.getContentAsByteArray());
    if (answer == null || !answer.isArray()) {
      wrapper.copyBodyToResponse();
      return;
    }
    ArrayNode scoped = as(user, () -> !engineStatistics ? keys((ArrayNode) answer)
        : m.group(1) != null ? definitions((ArrayNode) answer)
        : activities((ArrayNode) answer, definitionId(m.group(2), m.group(3))));
    byte[] body = JsonResponses.mapper().writeValueAsBytes(scoped);
    wrapper.resetBuffer();
    wrapper.setContentLength(body.length);
    wrapper.getOutputStream().write(body);
    wrapper.copyBodyToResponse();
  }

  /** One entry per definition, as the engine lists them; the figures recounted. */
  private ArrayNode definitions(ArrayNode answer) {
    ArrayNode out = answer.arrayNode();
    for (JsonNode entry : answer) {
      String definitionId = entry.path("id").asText();
      ObjectNode e = (ObjectNode) entry.deepCopy();
      e.put("instances", runtime.createProcessInstanceQuery().processDefinitionId(definitionId).count());
      if (e.has("failedJobs")) {
        e.put("failedJobs", management.createJobQuery().processDefinitionId(definitionId).noRetriesLeft().count());
      }
      if (e.has("incidents")) {
        e.set("incidents", incidents(e, () -> runtime.createIncidentQuery().processDefinitionId(definitionId)));
      }
      out.add(e);
    }
    return out;
  }

  /** Cockpit's entries per key: the instances and incidents of every version of it the user may see. */
  private ArrayNode keys(ArrayNode answer) {
    ArrayNode out = answer.arrayNode();
    for (JsonNode entry : answer) {
      String key = entry.path("key").asText();
      String tenant = entry.path("tenantId").isTextual() ? entry.path("tenantId").asText() : null;
      ObjectNode e = (ObjectNode) entry.deepCopy();
      var instances = runtime.createProcessInstanceQuery().processDefinitionKey(key);
      var incidents = runtime.createIncidentQuery().processDefinitionKeyIn(key);
      if (tenant == null) {
        instances.withoutTenantId(); // incidents of a key without tenants: the application uses none
      } else {
        instances.tenantIdIn(tenant);
        incidents.tenantIdIn(tenant);
      }
      e.put("instances", instances.count());
      e.put("incidents", incidents.count());
      out.add(e);
    }
    return out;
  }

  /** One entry per activity where something of the user's is; the figures recounted. */
  private ArrayNode activities(ArrayNode answer, String definitionId) {
    ArrayNode out = answer.arrayNode();
    if (definitionId == null) {
      return out;
    }
    for (JsonNode entry : answer) {
      String activityId = entry.path("id").asText();
      ObjectNode e = (ObjectNode) entry.deepCopy();
      long instances = runtime.createExecutionQuery().processDefinitionId(definitionId).activityId(activityId).count();
      long failed = management.createJobQuery().processDefinitionId(definitionId).activityId(activityId).noRetriesLeft()
          .count();
      e.put("instances", instances);
      if (e.has("failedJobs")) {
        e.put("failedJobs", failed);
      }
      ArrayNode incidents = incidents(e,
          () -> runtime.createIncidentQuery().processDefinitionId(definitionId).activityId(activityId));
      if (e.has("incidents")) {
        e.set("incidents", incidents);
      }
      if (instances > 0 || failed > 0 || !incidents.isEmpty()) {
        out.add(e);
      }
    }
    return out;
  }

  /** The incidents per type the user may see (counted: an unbounded list is refused for users, and not needed). */
  private static ArrayNode incidents(ObjectNode e, Supplier<IncidentQuery> query) {
    Set<String> types = new TreeSet<>(List.of(Incident.FAILED_JOB_HANDLER_TYPE, Incident.EXTERNAL_TASK_HANDLER_TYPE));
    e.path("incidents").forEach(i -> types.add(i.path("incidentType").asText()));
    ArrayNode list = e.arrayNode();
    for (String type : types) {
      long count = query.get().incidentType(type).count();
      if (count > 0) {
        list.addObject().put("incidentType", type).put("incidentCount", count);
      }
    }
    return list;
  }

  private String definitionId(String key, String id) {
    if (id != null) {
      return id;
    }
    ProcessDefinition latest = repository.createProcessDefinitionQuery().processDefinitionKey(key).latestVersion()
        .withoutTenantId().singleResult();
    return latest == null ? null : latest.getId();
  }

  /** The engine's authentication of the request: HTTP Basic on /engine-rest sets it; a webapp keeps it in the session. */
  private Authentication user(HttpServletRequest request) {
    Authentication current = identity.getCurrentAuthentication();
    if (current != null && current.getUserId() != null) {
      return current;
    }
    HttpSession session = request.getSession(false);
    Authentications all = session == null ? null : AuthenticationUtil.getAuthsFromSession(session);
    var login = all == null ? null : all.getAuthenticationForProcessEngine(engineName);
    if (login == null || login.getIdentityId() == null) {
      return null;
    }
    List<String> groups = identity.createGroupQuery().groupMember(login.getIdentityId()).list().stream()
        .map(Group::getId).toList();
    return new Authentication(login.getIdentityId(), groups);
  }

  /** The recount under the user's own authorizations, whatever the request's thread had before. */
  private <T> T as(Authentication user, Supplier<T> work) {
    Authentication before = identity.getCurrentAuthentication();
    identity.setAuthentication(user.getUserId(), user.getGroupIds());
    try {
      return work.get();
    } finally {
      if (before == null) {
        identity.clearAuthentication();
      } else {
        identity.setAuthentication(before);
      }
    }
  }

  private static String path(HttpServletRequest request) {
    return request.getRequestURI().substring(request.getContextPath().length());
  }
}
