package org.minzhengflow.verification;

import java.util.Collection;
import java.util.List;

/**
 * Port to the household economic-status verification centre (居民家庭经济状况核对). The default
 * adapter reads the local registry; another adapter can call the real centre. An adapter throws
 * {@link SourceUnavailableException} when the source cannot be reached: the job is retried and
 * then becomes an incident that an operator retries in Cockpit.
 */
public interface EconomicStatusSource {

  List<VerificationRecord> lookup(Collection<String> idNumbers);

  class SourceUnavailableException extends RuntimeException {
    public SourceUnavailableException(String message, Throwable cause) {
      super(message, cause);
    }
  }
}
