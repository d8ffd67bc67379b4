package org.minzhengflow.organization;

import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.verifyNoInteractions;

import org.camunda.bpm.engine.IdentityService;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.NullAndEmptySource;
import org.junit.jupiter.params.provider.ValueSource;

/** Outside the demo the application refuses to start without a real administrator password. */
class AdminAccountTest {

  private final IdentityService identity = mock(IdentityService.class);

  @ParameterizedTest
  @NullAndEmptySource
  @ValueSource(strings = {"          ", "demo", "admin", "PASSWORD", "ChangeMe", "minzheng", "1234567", "Ab3$xyz"})
  void missingOrWeakPasswordStopsStartupOutsideTheDemo(String password) {
    assertThatThrownBy(() -> new AdminAccount(identity, password, false))
        .isInstanceOf(IllegalStateException.class)
        .hasMessageContaining("ADMIN_PASSWORD");
    verifyNoInteractions(identity);
  }

  @ParameterizedTest
  @ValueSource(strings = {"Hx7-qL2!mZ", "12345678a", "街道管理员密码2025"})
  void realPasswordIsAccepted(String password) {
    assertThatCode(() -> new AdminAccount(identity, password, false)).doesNotThrowAnyException();
  }

  @ParameterizedTest
  @NullAndEmptySource
  @ValueSource(strings = {"demo", "admin", "1234567"})
  void demoDoesNotCheckThePassword(String password) {
    assertThatCode(() -> new AdminAccount(identity, password, true)).doesNotThrowAnyException();
  }
}
