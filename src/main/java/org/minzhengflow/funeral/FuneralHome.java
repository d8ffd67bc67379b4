package org.minzhengflow.funeral;

import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * The city's funeral home, which renders the waived services and is settled with (app.funeral.home.* in
 * application.yaml): the payee of every waiver in the districts' payment runs.
 */
@ConfigurationProperties("app.funeral.home")
public record FuneralHome(String name, String creditCode, String bankName, String accountNo) {}
