package org.minzhengflow.verification;

import java.util.Collection;
import java.util.List;
import org.springframework.dao.DataAccessException;
import org.springframework.stereotype.Component;

/** Default adapter: the local verification registry filled through {@code POST /api/verification-records}. */
@Component
public class LocalRegistrySource implements EconomicStatusSource {

  private final VerificationRegistry registry;

  public LocalRegistrySource(VerificationRegistry registry) {
    this.registry = registry;
  }

  @Override
  public List<VerificationRecord> lookup(Collection<String> idNumbers) {
    try {
      return registry.find(idNumbers);
    } catch (DataAccessException e) {
      throw new SourceUnavailableException("核对数据源不可用: " + e.getMostSpecificCause().getMessage(), e);
    }
  }
}
