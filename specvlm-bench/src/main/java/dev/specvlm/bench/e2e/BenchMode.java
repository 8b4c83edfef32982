package dev.specvlm.bench.e2e;

import dev.specvlm.GenerationConfig;
import dev.specvlm.InvalidRequestException;
import dev.specvlm.SpeculationMode;
import dev.specvlm.TreeBudget;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Objects;

/**
 * One decoding setting the harness compares, named as on the command line:
 *
 * <ul>
 *   <li>{@code ar} — plain autoregressive decoding (the baseline of every speedup);</li>
 *   <li>{@code chain-N} — classic assisted generation, a chain of N drafted tokens;</li>
 *   <li>{@code static-K/T/D} or {@code static-auto} — EAGLE-1 style tree of fixed shape;</li>
 *   <li>{@code dynamic-K/T/D} or {@code dynamic-auto} — EagleVLM (EAGLE-2 dynamic tree); {@code eaglevlm} is
 *       {@code dynamic-10/60/7}, the paper's setting;</li>
 *   <li>{@code specvlm} — EagleVLM plus the elastic visual compressor, run only when the model has a compressor.</li>
 * </ul>
 *
 * @param name the setting's name as parsed
 * @param mode the speculation mode
 * @param budget the tree budget ({@link TreeBudget#auto()} for the device-fitted one)
 * @param compressed whether the draft's visual tokens are compressed (SpecVLM)
 */
public record BenchMode(String name, SpeculationMode mode, TreeBudget budget, boolean compressed) {
  /** The modes run when none are named. */
  public static final String DEFAULTS =
      "ar,chain-4,chain-8,static-auto,dynamic-4/8/3,dynamic-6/16/4,eaglevlm,dynamic-auto,specvlm";

  /** Validates. */
  public BenchMode {
    Objects.requireNonNull(name, "name");
    Objects.requireNonNull(mode, "mode");
    Objects.requireNonNull(budget, "budget");
  }

  /** Plain autoregressive decoding. */
  public static BenchMode ar() {
    return new BenchMode("ar", SpeculationMode.AR, TreeBudget.auto(), false);
  }

  /**
   * Parses one name (see the class comment).
   *
   * @throws InvalidRequestException naming the accepted forms
   */
  public static BenchMode parse(String text) {
    String s = text.strip().toLowerCase(Locale.ROOT);
    try {
      if (s.equals("ar")) {
        return ar();
      }
      if (s.equals("eaglevlm")) {
        return new BenchMode(s, SpeculationMode.DYNAMIC_TREE, TreeBudget.eagleDefault(), false);
      }
      if (s.equals("specvlm")) {
        return new BenchMode(s, SpeculationMode.DYNAMIC_TREE, TreeBudget.auto(), true);
      }
      if (s.startsWith("chain-")) {
        String n = s.substring("chain-".length());
        if (n.equals("auto")) {
          return new BenchMode(s, SpeculationMode.CHAIN, TreeBudget.auto(), false);
        }
        int length = Integer.parseInt(n);
        return new BenchMode(s, SpeculationMode.CHAIN, TreeBudget.of(1, length + 1, length), false);
      }
      if (s.startsWith("static-")) {
        return new BenchMode(s, SpeculationMode.STATIC_TREE, budget(s.substring("static-".length())), false);
      }
      if (s.startsWith("dynamic-")) {
        return new BenchMode(s, SpeculationMode.DYNAMIC_TREE, budget(s.substring("dynamic-".length())), false);
      }
    } catch (NumberFormatException e) {
      // fall through to the message below
    }
    throw new InvalidRequestException("unknown decoding mode '" + text + "'; use ar, chain-N, chain-auto, "
        + "static-K/T/D, static-auto, dynamic-K/T/D, dynamic-auto, eaglevlm or specvlm (e.g. dynamic-4/8/3)");
  }

  /** Parses a comma-separated list of names. */
  public static List<BenchMode> parseList(String text) {
    List<BenchMode> modes = new ArrayList<>();
    for (String part : text.split(",")) {
      if (!part.isBlank()) {
        modes.add(parse(part));
      }
    }
    if (modes.isEmpty()) {
      throw new InvalidRequestException("no decoding modes given; name at least one, e.g. ar,dynamic-auto");
    }
    return modes;
  }

  private static TreeBudget budget(String ktd) {
    if (ktd.equals("auto")) {
      return TreeBudget.auto();
    }
    String[] p = ktd.split("/");
    if (p.length != 3) {
      throw new NumberFormatException(ktd);
    }
    return TreeBudget.of(Integer.parseInt(p[0]), Integer.parseInt(p[1]), Integer.parseInt(p[2]));
  }

  /** Whether this is the autoregressive baseline. */
  public boolean isAutoregressive() {
    return mode == SpeculationMode.AR;
  }

  /**
   * {@code base} set to this mode. The one place where a setting becomes a configuration: the compressor's switch
   * joins here once the engine has one.
   */
  public GenerationConfig configure(GenerationConfig base) {
    return base.toBuilder().speculation(mode).treeBudget(budget).build();
  }

  @Override
  public String toString() {
    return name;
  }
}
