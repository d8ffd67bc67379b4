package org.minzhengflow.eldercare;

import java.util.Comparator;
import java.util.List;
import org.minzhengflow.casework.BenefitRecords;
import org.springframework.boot.context.properties.bind.Bindable;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.core.env.Environment;
import org.springframework.stereotype.Component;

/**
 * The service providers the government buys home-care hours from ({@code app.eldercare.home-care-providers}).
 * A new case goes to the provider with the fewest active cases in the street, ties in list order.
 */
@Component
public class HomeCareProviders {

  private final List<String> providers;
  private final BenefitRecords benefits;

  public HomeCareProviders(Environment environment, BenefitRecords benefits) {
    List<String> providers = Binder.get(environment)
        .bind("app.eldercare.home-care-providers", Bindable.listOf(String.class)).orElse(List.of());
    if (providers.isEmpty()) {
      throw new IllegalStateException("app.eldercare.home-care-providers must name at least one provider");
    }
    this.providers = List.copyOf(providers);
    this.benefits = benefits;
  }

  public String assign(String streetCode) {
    return providers.stream().min(Comparator.comparingInt(p -> benefits.activeWithProvider(streetCode, p))).orElseThrow();
  }
}
