package dev.specvlm.bench.e2e;

import dev.specvlm.GenerationConfig;
import dev.specvlm.InvalidRequestException;
import dev.specvlm.SpeculationMode;
import dev.specvlm.TreeBudget;
import dev.specvlm.VisualCompression;
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
 *   <li>{@code specvlm} — EagleVLM plus the elastic visual compressor (the gate picks a branch per request),
 *       {@code specvlm-weighted} (the weighted mixture) and {@code specvlm-<branch>}, e.g. {@code specvlm-pool20}
 *       (one fixed branch); each with an optional budget suffix {@code @K/T/D} or {@code @auto} (default auto); run
 *       only when the model has a compressor.</li>
 * </ul>
 *
 * <p>Every other setting runs with {@link VisualCompression#none()}: the draft sees every visual token (EagleVLM).
 *
 * @param name the setting's name as parsed
 * @param mode the speculation mode
 * @param budget the tree budget ({@link TreeBudget#auto()} for the device-fitted one)
 * @param compression how the draft's visual tokens are compressed ({@link VisualCompression#none()} but for SpecVLM)
 */
public record BenchMode(String name, SpeculationMode mode, TreeBudget budget, VisualCompression compression) {
  /** The modes run when none are named. */
  public static final String DEFAULTS =
      "ar,chain-4,chain-8,static-auto,dynamic-4/8/3,dynamic-6/16/4,eaglevlm,dynamic-auto,specvlm";

  /** Validates. */
  public BenchMode {
    Objects.requireNonNull(name, "name");
    Objects.requireNonNull(mode, "mode");
    Objects.requireNonNull(budget, "budget");
    Objects.requireNonNull(compression, "compression");
  }

  /** Plain autoregressive decoding. */
  public static BenchMode ar() {
    return new BenchMode("ar", SpeculationMode.AR, TreeBudget.auto(), VisualCompression.none());
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
        return new BenchMode(s, SpeculationMode.DYNAMIC_TREE, TreeBudget.eagleDefault(), VisualCompression.none());
      }
      if (s.startsWith("specvlm")) {
        return specvlm(s);
      }
      if (s.startsWith("chain-")) {
        String n = s.substring("chain-".length());
        if (n.equals("auto")) {
          return new BenchMode(s, SpeculationMode.CHAIN, TreeBudget.auto(), VisualCompression.none());
        }
        int length = Integer.parseInt(n);
        return new BenchMode(s, SpeculationMode.CHAIN, TreeBudget.of(1, length + 1, length),
            VisualCompression.none());
      }
      if (s.startsWith("static-")) {
        return new BenchMode(s, SpeculationMode.STATIC_TREE, budget(s.substring("static-".length())),
            VisualCompression.none());
      }
      if (s.startsWith("dynamic-")) {
        return new BenchMode(s, SpeculationMode.DYNAMIC_TREE, budget(s.substring("dynamic-".length())),
            VisualCompression.none());
      }
    } catch (NumberFormatException e) {
      // fall through to the message below
    }
    throw new InvalidRequestException("unknown decoding mode '" + text + "'; use ar, chain-N, chain-auto, "
        + "static-K/T/D, static-auto, dynamic-K/T/D, dynamic-auto, eaglevlm, specvlm, specvlm-weighted or "
        + "specvlm-<branch> with an optional @K/T/D (e.g. dynamic-4/8/3, specvlm-pool20@4/8/3)");
  }

  /** {@code specvlm[-weighted|-<branch>][@K/T/D|@auto]}. */
  private static BenchMode specvlm(String s) {
    int at = s.indexOf('@');
    String head = at < 0 ? s : s.substring(0, at);
    TreeBudget budget = at < 0 ? TreeBudget.auto() : budget(s.substring(at + 1));
    VisualCompression compression;
    if (head.equals("specvlm")) {
      compression = VisualCompression.select();
    } else if (head.equals("specvlm-weighted")) {
      compression = VisualCompression.weighted();
    } else if (head.startsWith("specvlm-")) {
      compression = VisualCompression.fixed(head.substring("specvlm-".length()));
    } else {
      throw new NumberFormatException(s);
    }
    return new BenchMode(s, SpeculationMode.DYNAMIC_TREE, budget, compression);
  }

  /** Whether the draft's visual tokens are compressed (a SpecVLM setting). */
  public boolean compressed() {
    return compression.compresses();
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

  /** {@code base} set to this mode: the one place where a setting becomes a configuration. */
  public GenerationConfig configure(GenerationConfig base) {
    return base.toBuilder().speculation(mode).treeBudget(budget).visualCompression(compression).build();
  }

  @Override
  public String toString() {
    return name;
  }
}
