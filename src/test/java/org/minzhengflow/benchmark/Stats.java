package org.minzhengflow.benchmark;

import java.util.Arrays;
import java.util.List;

/** Latencies of one series of measurements, in milliseconds. */
record Stats(int n, double p50, double p95, double max, double mean) {

  static Stats ofNanos(List<Long> nanos) {
    if (nanos.isEmpty()) {
      return new Stats(0, Double.NaN, Double.NaN, Double.NaN, Double.NaN);
    }
    long[] sorted = nanos.stream().mapToLong(Long::longValue).sorted().toArray();
    return new Stats(sorted.length, percentile(sorted, 50), percentile(sorted, 95), sorted[sorted.length - 1] / 1e6,
        Arrays.stream(sorted).average().orElse(0) / 1e6);
  }

  /** Nearest-rank percentile. */
  static double percentile(long[] sorted, int p) {
    int rank = (int) Math.ceil(p / 100.0 * sorted.length);
    return sorted[Math.max(0, Math.min(sorted.length, rank) - 1)] / 1e6;
  }

  static String ms(double value) {
    if (Double.isNaN(value)) {
      return "–";
    }
    return value >= 100 ? String.format("%.0f", value) : String.format("%.1f", value);
  }
}
