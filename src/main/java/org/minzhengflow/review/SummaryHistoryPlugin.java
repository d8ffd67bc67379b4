package org.minzhengflow.review;

import org.camunda.bpm.engine.impl.cfg.AbstractProcessEnginePlugin;
import org.camunda.bpm.engine.impl.cfg.ProcessEngineConfigurationImpl;
import org.camunda.bpm.engine.impl.history.HistoryLevel;
import org.camunda.bpm.engine.impl.history.HistoryLevelFull;
import org.camunda.bpm.engine.impl.history.event.HistoryEventType;
import org.camunda.bpm.engine.impl.persistence.entity.VariableInstanceEntity;
import org.springframework.stereotype.Component;

/**
 * History level {@code full}, except for the task summaries ({@link CaseSummaries#VARIABLE}). A summary is a text
 * rendered from what the case tables and the case history already keep, written at every task creation (two to four
 * kilobytes): with full history each one was three more rows (the historic variable, its detail, its update when the
 * task ended) that nobody reads — the case's record is {@code case_history}, its people and figures, its notices. The
 * whole-case benchmark measured writing the summaries at about 2 % of a 低保 case (docs/benchmarks.md change 25).
 *
 * <p>Everything else keeps full history, and the level keeps the id and name of {@code full}, so a database set up
 * with {@code full} starts unchanged and Cockpit shows the same level. Set after the engine's own set-up
 * ({@code postInit}): the engine resolves its level by name while it initialises and asks the configured object on
 * every history event afterwards.
 */
@Component
public class SummaryHistoryPlugin extends AbstractProcessEnginePlugin {

  @Override
  public void postInit(ProcessEngineConfigurationImpl configuration) {
    if (configuration.getHistoryLevel().getId() == HistoryLevel.HISTORY_LEVEL_FULL.getId()) {
      configuration.setHistoryLevel(new FullWithoutSummaries());
    }
  }

  /** {@code full}, without the history of the summary variables. */
  static final class FullWithoutSummaries extends HistoryLevelFull {
    @Override
    public boolean isHistoryEventProduced(HistoryEventType eventType, Object entity) {
      if (entity instanceof VariableInstanceEntity variable && CaseSummaries.VARIABLE.equals(variable.getName())) {
        return false;
      }
      return super.isHistoryEventProduced(eventType, entity);
    }
  }
}
