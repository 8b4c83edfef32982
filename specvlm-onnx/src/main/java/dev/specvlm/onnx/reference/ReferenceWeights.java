package dev.specvlm.onnx.reference;

import static dev.specvlm.onnx.reference.WeightNames.*;

import java.util.Arrays;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.Random;

/**
 * All weights of a reference VLM (vision encoder and projector, decoder, draft head), by state-dict name, checked
 * against the shapes its {@link ReferenceConfig} implies (see {@link #expectedShapes}). Immutable; the value arrays
 * are shared, not copied, and must not be changed after {@link #of} or {@link #random}.
 */
public final class ReferenceWeights {
  private final ReferenceConfig config;
  private final Map<String, FloatTensor> tensors; // insertion-ordered as expectedShapes

  private ReferenceWeights(ReferenceConfig config, Map<String, FloatTensor> tensors) {
    this.config = config;
    this.tensors = Collections.unmodifiableMap(tensors);
  }

  /**
   * Every weight name of {@code config} with its shape (PyTorch convention, see {@link WeightNames}), in a fixed order:
   * vision, decoder, draft.
   */
  public static Map<String, int[]> expectedShapes(ReferenceConfig config) {
    Map<String, int[]> s = new LinkedHashMap<>();
    int h = config.hiddenSize();
    int vw = config.visionWidth();
    int p = config.patchSize();
    s.put(VISION_PATCH, new int[] {vw, 3, p, p});
    s.put(VISION_PATCH_BIAS, new int[] {vw});
    s.put(VISION_POS_ROW, new int[] {config.maxGridSize(), vw});
    s.put(VISION_POS_COL, new int[] {config.maxGridSize(), vw});
    for (int i = 0; i < config.visionLayers(); i++) {
      linearWithBias(s, visionLayer(i, VISION_NORM_1), vw, 0);
      linearWithBias(s, visionLayer(i, VISION_Q), vw, vw);
      linearWithBias(s, visionLayer(i, VISION_K), vw, vw);
      linearWithBias(s, visionLayer(i, VISION_V), vw, vw);
      linearWithBias(s, visionLayer(i, VISION_OUT), vw, vw);
      linearWithBias(s, visionLayer(i, VISION_NORM_2), vw, 0);
      linearWithBias(s, visionLayer(i, VISION_FC1), config.visionFfnSize(), vw);
      linearWithBias(s, visionLayer(i, VISION_FC2), vw, config.visionFfnSize());
    }
    s.put(VISION_POST_NORM, new int[] {vw});
    s.put(VISION_POST_NORM_BIAS, new int[] {vw});
    s.put(PROJECTOR_1, new int[] {h, vw});
    s.put(PROJECTOR_1_BIAS, new int[] {h});
    s.put(PROJECTOR_2, new int[] {h, h});
    s.put(PROJECTOR_2_BIAS, new int[] {h});

    s.put(EMBED_TOKENS, new int[] {config.vocabSize(), h});
    for (int i = 0; i < config.numLayers(); i++) {
      int layer = i;
      decoderLayer(s, config, leaf -> layer(layer, leaf));
    }
    s.put(FINAL_NORM, new int[] {h});
    s.put(LM_HEAD, new int[] {config.vocabSize(), h});

    s.put(DRAFT_FC, new int[] {h, 2 * h});
    s.put(DRAFT_FC_BIAS, new int[] {h});
    decoderLayer(s, config, WeightNames::draftLayer);
    return s;
  }

  /**
   * Wraps trained (or loaded) values, checking that every expected name is present with the right number of values
   * and that there is no other name.
   *
   * @param values row-major values by state-dict name (arrays shared, not copied)
   * @throws IllegalArgumentException naming the first missing, extra or mis-sized tensor
   */
  public static ReferenceWeights of(ReferenceConfig config, Map<String, float[]> values) {
    Objects.requireNonNull(config, "config");
    Map<String, int[]> expected = expectedShapes(config);
    Map<String, FloatTensor> tensors = new LinkedHashMap<>();
    for (Map.Entry<String, int[]> e : expected.entrySet()) {
      float[] v = values.get(e.getKey());
      if (v == null) {
        throw new IllegalArgumentException("weight " + e.getKey() + " of shape " + Arrays.toString(e.getValue())
            + " is missing; a reference model needs all " + expected.size() + " names of expectedShapes(config)");
      }
      tensors.put(e.getKey(), new FloatTensor(e.getKey(), e.getValue(), v));
    }
    for (String name : values.keySet()) {
      if (!expected.containsKey(name)) {
        throw new IllegalArgumentException("weight " + name + " is not part of the reference architecture for "
            + config + "; remove it or check the name against WeightNames");
      }
    }
    return new ReferenceWeights(config, tensors);
  }

  /**
   * Random weights for fixtures, reproducible from {@code seed} (each tensor draws from its own stream seeded by the
   * seed and its name). Linear weights are Gaussian with standard deviation {@code 1/sqrt(in)}, so activations stay of
   * order one and attention is far from uniform; norm weights are {@code 1 + 0.1·N(0,1)}, biases {@code 0.1·N(0,1)},
   * embeddings {@code N(0,1)}, position embeddings {@code 0.5·N(0,1)}.
   */
  public static ReferenceWeights random(ReferenceConfig config, long seed) {
    Map<String, float[]> values = new LinkedHashMap<>();
    expectedShapes(config).forEach((name, shape) -> values.put(name, randomValues(name, shape, seed)));
    return of(config, values);
  }

  /** The configuration these weights belong to. */
  public ReferenceConfig config() {
    return config;
  }

  /** Every tensor by name, in {@link #expectedShapes} order (unmodifiable). */
  public Map<String, FloatTensor> tensors() {
    return tensors;
  }

  /**
   * The tensor called {@code name}.
   *
   * @throws IllegalArgumentException if there is none
   */
  public FloatTensor tensor(String name) {
    FloatTensor t = tensors.get(name);
    if (t == null) {
      throw new IllegalArgumentException("no weight called " + name + "; names are listed by expectedShapes(config)");
    }
    return t;
  }

  /** The values of the tensor called {@code name} (shared array: do not modify). */
  public float[] data(String name) {
    return tensor(name).data();
  }

  /** A copy with every value passed through {@code f} (e.g. rounding to float16 for a precision study). */
  public ReferenceWeights map(java.util.function.DoubleUnaryOperator f) {
    Map<String, float[]> values = new LinkedHashMap<>();
    tensors.forEach((name, t) -> {
      float[] v = t.data().clone();
      for (int i = 0; i < v.length; i++) {
        v[i] = (float) f.applyAsDouble(v[i]);
      }
      values.put(name, v);
    });
    return of(config, values);
  }

  private static void decoderLayer(
      Map<String, int[]> s, ReferenceConfig c, java.util.function.UnaryOperator<String> name) {
    int h = c.hiddenSize();
    s.put(name.apply(INPUT_NORM), new int[] {h});
    s.put(name.apply(Q_PROJ), new int[] {c.queryWidth(), h});
    s.put(name.apply(K_PROJ), new int[] {c.kvWidth(), h});
    s.put(name.apply(V_PROJ), new int[] {c.kvWidth(), h});
    s.put(name.apply(O_PROJ), new int[] {h, c.queryWidth()});
    s.put(name.apply(POST_ATTENTION_NORM), new int[] {h});
    s.put(name.apply(GATE_PROJ), new int[] {c.ffnSize(), h});
    s.put(name.apply(UP_PROJ), new int[] {c.ffnSize(), h});
    s.put(name.apply(DOWN_PROJ), new int[] {h, c.ffnSize()});
  }

  /** Adds {@code prefix.weight [out, in]} (or {@code [out]} for a norm when {@code in == 0}) and {@code prefix.bias [out]}. */
  private static void linearWithBias(Map<String, int[]> s, String prefix, int out, int in) {
    s.put(prefix + ".weight", in == 0 ? new int[] {out} : new int[] {out, in});
    s.put(prefix + ".bias", new int[] {out});
  }

  private static float[] randomValues(String name, int[] shape, long seed) {
    Random random = new Random(seed * 1_000_003L + name.hashCode());
    float[] v = new float[(int) FloatTensor.size(shape)];
    boolean norm = name.endsWith("norm.weight") || name.contains("layernorm") || name.contains("layer_norm");
    double scale;
    double offset = 0;
    if (norm && name.endsWith(".weight")) {
      scale = 0.1;
      offset = 1;
    } else if (name.endsWith(".bias")) {
      scale = 0.1;
    } else if (name.equals(EMBED_TOKENS)) {
      scale = 1;
    } else if (name.equals(VISION_POS_ROW) || name.equals(VISION_POS_COL)) {
      scale = 0.5;
    } else {
      int fanIn = 1;
      for (int i = 1; i < shape.length; i++) {
        fanIn *= shape[i];
      }
      scale = 1 / Math.sqrt(fanIn);
    }
    for (int i = 0; i < v.length; i++) {
      v[i] = (float) (offset + scale * random.nextGaussian());
    }
    return v;
  }

  @Override
  public String toString() {
    return "ReferenceWeights[" + tensors.size() + " tensors, " + config + "]";
  }
}
