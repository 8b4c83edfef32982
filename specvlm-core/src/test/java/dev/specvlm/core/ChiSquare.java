package dev.specvlm.core;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Pearson's chi-square goodness-of-fit test of observed counts against exact probabilities. Bins whose expected count
 * is below 5 are pooled into one bin (kept if its expected count reaches 5, else merged into the smallest other bin).
 * An observation outside the support (probability 0) gives p = 0. The upper tail uses the Wilson–Hilferty cube-root
 * normal approximation of the chi-square distribution.
 */
final class ChiSquare {
  private ChiSquare() {}

  /** The test's p-value. */
  static double pValue(Map<String, Integer> observed, Map<String, Double> expected, int samples) {
    for (String k : observed.keySet()) {
      if (!expected.containsKey(k)) {
        return 0;
      }
    }
    List<double[]> bins = new ArrayList<>(); // {expected count, observed count}
    double pooledE = 0;
    double pooledO = 0;
    for (Map.Entry<String, Double> e : expected.entrySet()) {
      double exp = e.getValue() * samples;
      double obs = observed.getOrDefault(e.getKey(), 0);
      if (exp < 5) {
        pooledE += exp;
        pooledO += obs;
      } else {
        bins.add(new double[] {exp, obs});
      }
    }
    if (pooledE >= 5 || bins.isEmpty()) {
      bins.add(new double[] {pooledE, pooledO});
    } else if (pooledE > 0) {
      double[] smallest = bins.get(0);
      for (double[] b : bins) {
        if (b[0] < smallest[0]) {
          smallest = b;
        }
      }
      smallest[0] += pooledE;
      smallest[1] += pooledO;
    }
    if (bins.size() < 2) {
      return 1;
    }
    double x = 0;
    for (double[] b : bins) {
      double d = b[1] - b[0];
      x += d * d / b[0];
    }
    int df = bins.size() - 1;
    double z = (Math.cbrt(x / df) - (1 - 2.0 / (9 * df))) / Math.sqrt(2.0 / (9 * df));
    return upperNormalTail(z);
  }

  /** P(Z > z) for a standard normal Z (Abramowitz–Stegun 7.1.26, absolute error below 1.5e-7). */
  static double upperNormalTail(double z) {
    double x = Math.abs(z) / Math.sqrt(2);
    double t = 1 / (1 + 0.3275911 * x);
    double erfc = t * (0.254829592 + t * (-0.284496736 + t * (1.421413741 + t * (-1.453152027 + t * 1.061405429))))
        * Math.exp(-x * x);
    return z >= 0 ? erfc / 2 : 1 - erfc / 2;
  }
}
