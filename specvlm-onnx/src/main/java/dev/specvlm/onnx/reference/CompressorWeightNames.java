package dev.specvlm.onnx.reference;

import dev.specvlm.core.model.CompressorBranch;

/**
 * The names of the elastic visual compressor's trained weights, shared by the trainer's parameters and the ONNX
 * initializers {@link CompressorWriter} writes. C = 2H (a draft input pair), matrices {@code [out, in]}:
 *
 * <ul>
 *   <li>{@code compressor.conv<r>.weight [C, r·C]} (input index {@code k·C + c}: window offset k, channel c) and
 *       {@code compressor.conv<r>.bias [C]};</li>
 *   <li>{@code compressor.resampler<m>.queries [m, C]} and {@code compressor.resampler<m>.{q,k,v,o}_proj.weight
 *       [C, C]};</li>
 *   <li>{@code compressor.gate.weight [E, H]}, {@code compressor.gate.bias [E]}; the weighted gate under
 *       {@code compressor.weighted_gate} with E = 3.</li>
 * </ul>
 */
public final class CompressorWeightNames {
  private CompressorWeightNames() {}

  /** Prefix of every compressor weight. */
  public static final String PREFIX = "compressor.";
  /** The select gate's prefix. */
  public static final String GATE = PREFIX + "gate";
  /** The weighted gate's prefix. */
  public static final String WEIGHTED_GATE = PREFIX + "weighted_gate";
  /** Resampler leaf: the learned queries. */
  public static final String QUERIES = "queries";
  /** Resampler leaves: the four projections, in the order q, k, v, o. */
  public static final String[] PROJECTIONS = {"q_proj.weight", "k_proj.weight", "v_proj.weight", "o_proj.weight"};

  /** The weight {@code leaf} (e.g. {@code "weight"}, {@code "queries"}) of a learned branch. */
  public static String of(CompressorBranch branch, String leaf) {
    return PREFIX + branch.name() + "." + leaf;
  }

  /** {@code prefix + ".weight"}. */
  public static String weight(String prefix) {
    return prefix + ".weight";
  }

  /** {@code prefix + ".bias"}. */
  public static String bias(String prefix) {
    return prefix + ".bias";
  }
}
