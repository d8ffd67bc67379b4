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

  public CaseKinds(List<CaseKind<?>> kinds) {
    this.byKind = kinds.stream().collect(Collectors.toUnmodifiableMap(CaseKind::kind, Function.identity()));
  }

  public Optional<CaseKind<?>> find(String kind) {
    return Optional.ofNullable(byKind.get(kind));
  }

  /** The kind of a URL segment, or 404 as for any unknown path. */
  public CaseKind<?> get(String kind) {
    return find(kind).orElseThrow(() -> ApiException.notFound("请求的地址不存在"));
  }
}
