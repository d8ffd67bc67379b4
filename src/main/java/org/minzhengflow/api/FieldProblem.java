package org.minzhengflow.api;

/** One invalid input: the field (JSON path such as {@code members[1].idNumber}) and a Chinese message. */
public record FieldProblem(String field, String message) {}
