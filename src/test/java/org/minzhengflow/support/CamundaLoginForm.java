package org.minzhengflow.support;

import org.openqa.selenium.By;
import org.openqa.selenium.StaleElementReferenceException;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;

/** Fills the Camunda webapps' login form in a browser test. */
public final class CamundaLoginForm {

  private CamundaLoginForm() {}

  /**
   * Types the user and the password until both fields hold what was typed: the webapps' Angular may still re-render
   * the form while the keys arrive (seen on a loaded machine: the password landed in the user field).
   */
  public static void fill(WebDriver driver, By username, By password, String user, String secret) {
    for (int attempt = 0; attempt < 5; attempt++) {
      try {
        WebElement name = driver.findElement(username);
        name.clear();
        name.sendKeys(user);
        WebElement pass = driver.findElement(password);
        pass.clear();
        pass.sendKeys(secret);
        if (user.equals(driver.findElement(username).getDomProperty("value"))
            && secret.equals(driver.findElement(password).getDomProperty("value"))) {
          return;
        }
      } catch (StaleElementReferenceException rerendered) {
        // the form was replaced while typing: type again into the new one
      }
    }
    throw new AssertionError("the login form did not keep the user and password typed into it");
  }
}
