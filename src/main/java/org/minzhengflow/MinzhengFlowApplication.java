package org.minzhengflow;

import java.time.Clock;
import java.time.ZoneId;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.context.annotation.Bean;

@SpringBootApplication
public class MinzhengFlowApplication {

  public static void main(String[] args) {
    SpringApplication.run(MinzhengFlowApplication.class, args);
  }

  @Bean
  Clock clock(@Value("${app.zone:Asia/Shanghai}") String zone) {
    return new EngineClock(ZoneId.of(zone));
  }
}
