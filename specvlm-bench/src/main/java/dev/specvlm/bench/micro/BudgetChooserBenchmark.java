package dev.specvlm.bench.micro;

import dev.specvlm.SpeculationMode;
import dev.specvlm.core.budget.AcceptanceProfile;
import dev.specvlm.core.budget.BudgetChooser;
import dev.specvlm.core.budget.DeviceCosts;
import dev.specvlm.core.budget.LatencyCurve;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;

/**
 * What one choice of the device-fitted tree budget costs ({@code TreeBudget.auto()}): the chooser's search over every
 * candidate budget for a CPU-like latency curve and the prior acceptance profile. A decoder repeats it only when its
 * acceptance statistics have grown by an eighth, so it is paid a logarithmic number of times.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
public class BudgetChooserBenchmark {
  /** The speculation mode whose budget is chosen. */
  @Param({"DYNAMIC_TREE", "STATIC_TREE", "CHAIN"})
  public SpeculationMode mode;

  private DeviceCosts costs;
  private BudgetChooser chooser;

  /** A CPU-like curve (notes §6): 4 tokens 1.3×, 8 tokens 1.8×, 60 tokens 5.7× one token of 1 ms. */
  @Setup
  public void setUp() {
    int[] sizes = {1, 2, 3, 4, 5, 6, 8, 10, 12, 16, 20, 24, 32, 40, 48, 60};
    double[] t = new double[sizes.length];
    for (int i = 0; i < sizes.length; i++) {
      t[i] = 1_000_000 * (1 + 0.08 * (sizes[i] - 1));
    }
    costs = new DeviceCosts(LatencyCurve.of(sizes, t),
        LatencyCurve.of(new int[] {1, 4, 16, 32}, new double[] {150_000, 180_000, 300_000, 450_000}), 256);
    chooser = new BudgetChooser();
  }

  /** One choice, shapes rebuilt each time (a decoder caches them). */
  @Benchmark
  public BudgetChooser.Estimate choose() {
    return chooser.choose(mode, costs, AcceptanceProfile.prior(), 32000);
  }
}
