package org.minzhengflow.casework;

import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.minzhengflow.api.ApiException;
import org.springframework.stereotype.Component;

/** Every benefit module's {@link CaseKind}, by code. */
@Component
public class CaseKinds {

  private final Map<String, CaseKind<?>> byKind;
  private final Map<String, CaseKind<?>> byProcessKey;

  public CaseKinds(List<CaseKind<?>> kinds) {
    this.byKind = kinds.stream().collect(Collectors.toUnmodifiableMap(CaseKind::kind, Function.identity()));
    this.byProcessKey = kinds.stream().collect(Collectors.toUnmodifiableMap(CaseKind::processKey, Function.identity()));
  }

  /** The kind whose current model has this process key (a model of an earlier release may have another key). */
  public Optional<CaseKind<?>> ofProcess(String processKey) {
    return Optional.ofNullable(byProcessKey.get(processKey));
  }

  public Optional<CaseKind<?>> find(String kind) {
    return Optional.ofNullable(byKind.get(kind));
  }

  /** The kind of a URL segment, or 404 as for any unknown path. */
  public CaseKind<?> get(String kind) {
    return find(kind).orElseThrow(() -> ApiException.notFound("请求的地址不存在"));
  }
}
