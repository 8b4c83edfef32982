package dev.specvlm.train.vlm;

import static dev.specvlm.onnx.reference.WeightNames.*;

import dev.specvlm.onnx.reference.ReferenceConfig;
import dev.specvlm.onnx.reference.ReferenceWeights;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Random;

/**
 * Initial weights for training from scratch (GPT/LLaMA style): matrices, embeddings and position tables
 * {@code N(0, std²)}, the residual output projections ({@code o_proj}, {@code down_proj}, vision {@code out_proj},
 * {@code fc2}) scaled by {@code 1/sqrt(2·layers)}, norm weights 1, biases 0. Each tensor draws from its own stream
 * seeded by the seed and its name, so the result does not depend on iteration order.
 */
public final class InitialWeights {
  private InitialWeights() {}

  /** Every weight of {@code config} whose name {@code include} accepts, by name. */
  public static Map<String, float[]> of(ReferenceConfig config, double std, long seed,
      java.util.function.Predicate<String> include) {
    Map<String, float[]> out = new LinkedHashMap<>();
    ReferenceWeights.expectedShapes(config).forEach((name, shape) -> {
      if (!include.test(name)) {
        return;
      }
      int size = 1;
      for (int d : shape) {
        size *= d;
      }
      float[] v = new float[size];
      if (name.contains("norm") && name.endsWith(".weight")) {
        java.util.Arrays.fill(v, 1f);
      } else if (!name.endsWith(".bias")) {
        double scale = std;
        if (name.endsWith(O_PROJ) || name.endsWith(DOWN_PROJ)) {
          scale = std / Math.sqrt(2.0 * (name.startsWith("draft.") ? 1 : config.numLayers()));
        } else if (name.endsWith(VISION_OUT + ".weight") || name.endsWith(VISION_FC2 + ".weight")) {
          scale = std / Math.sqrt(2.0 * config.visionLayers());
        }
        Random random = new Random(seed * 1_000_003L + name.hashCode());
        for (int i = 0; i < size; i++) {
          v[i] = (float) (scale * random.nextGaussian());
        }
      }
      out.put(name, v);
    });
    return out;
  }

  /** Whether {@code name} belongs to the target (vision, projector, decoder) rather than the draft head. */
  public static boolean isTarget(String name) {
    return !name.startsWith("draft.");
  }

  /** Whether AdamW should decay {@code name}: matrices only (not norms, biases, embeddings, position tables). */
  public static boolean decays(String name) {
    return name.endsWith("proj.weight") || name.endsWith("fc1.weight") || name.endsWith("fc2.weight")
        || name.equals(LM_HEAD) || name.equals(VISION_PATCH) || name.startsWith("projector.") && name.endsWith(
        ".weight") || name.equals(DRAFT_FC);
  }
}
