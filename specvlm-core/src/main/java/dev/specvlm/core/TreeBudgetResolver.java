package dev.specvlm.core;

import dev.specvlm.GenerationConfig;
import dev.specvlm.SpeculationMode;
import dev.specvlm.TreeBudget;
import dev.specvlm.core.budget.AcceptanceStatistics;
import dev.specvlm.core.budget.BudgetChooser;
import dev.specvlm.core.budget.DeviceCosts;
import java.util.EnumMap;
import java.util.Map;
import java.util.function.Supplier;
import org.jspecify.annotations.Nullable;

/**
 * Resolves {@link TreeBudget#auto()} for one decoder: the first request that needs it measures the device (the
 * supplier, normally {@link dev.specvlm.core.budget.LatencyProbe}, once per decoder), and every request then gets the
 * budget the {@link BudgetChooser} picks from those costs and the acceptance statistics of earlier rounds — kept apart
 * for greedy decoding and for sampling, whose acceptance differs. A choice is reused until the statistics have grown
 * by an eighth (at least 16 rounds) since it was made, so choosing costs nothing per request in the steady state.
 * Thread-safe.
 */
final class TreeBudgetResolver {
  private static final System.Logger LOG = System.getLogger(TreeBudgetResolver.class.getName());

  private final Supplier<DeviceCosts> probe;
  private final BudgetChooser chooser;
  private final int vocabSize;
  private final String modelName;
  private final AcceptanceStatistics greedy = new AcceptanceStatistics();
  private final AcceptanceStatistics sampling = new AcceptanceStatistics();
  private final Object lock = new Object();
  private @Nullable DeviceCosts costs; // guarded by lock
  private final Map<SpeculationMode, Choice> greedyChoices = new EnumMap<>(SpeculationMode.class); // guarded by lock
  private final Map<SpeculationMode, Choice> samplingChoices = new EnumMap<>(SpeculationMode.class); // guarded by lock

  private record Choice(TreeBudget budget, long rounds) {}

  TreeBudgetResolver(Supplier<DeviceCosts> probe, BudgetChooser chooser, int vocabSize, String modelName) {
    this.probe = probe;
    this.chooser = chooser;
    this.vocabSize = vocabSize;
    this.modelName = modelName;
  }

  /** The acceptance statistics that generations with {@code config} feed and read. */
  AcceptanceStatistics statistics(GenerationConfig config) {
    return config.isSampling() ? sampling : greedy;
  }

  /**
   * The budget a request with {@code config} runs with: the configured one if fixed (or for
   * {@link SpeculationMode#AR}, which drafts nothing), else the device-fitted choice.
   */
  TreeBudget resolve(GenerationConfig config) {
    TreeBudget requested = config.treeBudget();
    SpeculationMode mode = config.speculation();
    if (!requested.isAuto() || mode == SpeculationMode.AR) {
      return requested;
    }
    AcceptanceStatistics statistics = statistics(config);
    long rounds = statistics.rounds();
    synchronized (lock) {
      Map<SpeculationMode, Choice> choices = config.isSampling() ? samplingChoices : greedyChoices;
      Choice last = choices.get(mode);
      if (last != null && rounds < last.rounds() + Math.max(16, last.rounds() / 8)) {
        return last.budget();
      }
      TreeBudget chosen = chooser.choose(mode, costs(), statistics.profile(), vocabSize).budget();
      choices.put(mode, new Choice(chosen, rounds));
      return chosen;
    }
  }

  /** The measured device costs, measuring them on the first call. */
  DeviceCosts costs() {
    synchronized (lock) {
      DeviceCosts c = costs;
      if (c == null) {
        long t0 = System.nanoTime();
        DeviceCosts measured = probe.get();
        costs = measured;
        c = measured;
        long took = System.nanoTime() - t0;
        LOG.log(System.Logger.Level.DEBUG, () -> String.format("model '%s': measured forward costs in %d ms: "
            + "target %s; draft %s", modelName, took / 1_000_000, measured.target(), measured.draft()));
      }
      return c;
    }
  }
}
