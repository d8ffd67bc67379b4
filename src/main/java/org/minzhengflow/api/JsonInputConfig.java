package org.minzhengflow.api;

import com.fasterxml.jackson.databind.cfg.CoercionAction;
import com.fasterxml.jackson.databind.cfg.CoercionInputShape;
import com.fasterxml.jackson.databind.type.LogicalType;
import org.springframework.boot.autoconfigure.jackson.Jackson2ObjectMapperBuilderCustomizer;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * Stricter reading of request bodies than Jackson's defaults: {@code "greenChannel": 2} was taken as {@code true}
 * (found by the hostile-input corpus), so a number where a yes/no belongs is now a 400 naming the field. (A fraction
 * where a whole number belongs: {@code spring.jackson.deserialization.accept-float-as-int: false}.)
 */
@Configuration
public class JsonInputConfig {

  @Bean
  Jackson2ObjectMapperBuilderCustomizer noNumbersForBooleans() {
    return builder -> builder.postConfigurer(mapper -> mapper.coercionConfigFor(LogicalType.Boolean)
        .setCoercion(CoercionInputShape.Integer, CoercionAction.Fail));
  }
}
