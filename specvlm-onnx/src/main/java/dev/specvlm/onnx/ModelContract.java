package dev.specvlm.onnx;

import static dev.specvlm.onnx.TensorSpec.FLOAT;
import static dev.specvlm.onnx.TensorSpec.INT64;
import static dev.specvlm.onnx.reference.TensorNames.*;

import java.util.ArrayList;
import java.util.List;

/**
 * The inputs and outputs each model file must declare (the tensor contract of {@code docs/model-folder.md}), for a
 * model's sizes. Names follow {@link dev.specvlm.onnx.reference.TensorNames}.
 */
final class ModelContract {
  private ModelContract() {}

  /** The inputs, optional inputs and outputs of one file. */
  record Io(List<TensorSpec> inputs, List<TensorSpec> optionalInputs, List<TensorSpec> outputs) {}

  static Io vision(int hidden) {
    return new Io(List.of(TensorSpec.of(PIXEL_VALUES, FLOAT, 1, 3, "height", "width")), List.of(),
        List.of(TensorSpec.of(IMAGE_EMBEDS, FLOAT, 1, "patches", hidden)));
  }

  static Io embed(int hidden) {
    return new Io(List.of(TensorSpec.of(INPUT_IDS, INT64, 1, "q")), List.of(),
        List.of(TensorSpec.of(INPUTS_EMBEDS, FLOAT, 1, "q", hidden)));
  }

  /** The target decoder; {@code num_logits_to_keep} is optional (without it every row gets logits). */
  static Io decoder(ModelManifest m) {
    ModelManifest.Transformer t = m.decoder();
    List<TensorSpec> inputs = stepInputs(m.sizes().hidden(), t);
    List<TensorSpec> outputs = new ArrayList<>(List.of(
        TensorSpec.of(LOGITS, FLOAT, 1, "n", m.sizes().vocab()),
        TensorSpec.of(HIDDEN_STATES, FLOAT, 1, "q", m.sizes().hidden())));
    outputs.addAll(presents(t));
    return new Io(inputs, List.of(TensorSpec.counter(NUM_LOGITS_TO_KEEP)), outputs);
  }

  static Io draft(ModelManifest m, ModelManifest.Transformer t) {
    int hidden = m.sizes().hidden();
    List<TensorSpec> inputs = stepInputs(hidden, t);
    inputs.add(TensorSpec.of(FEATURES, FLOAT, 1, "q", hidden));
    inputs.add(TensorSpec.counter(NUM_LOGITS_TO_KEEP));
    inputs.add(TensorSpec.counter(TOP_K));
    List<TensorSpec> outputs = new ArrayList<>(List.of(
        TensorSpec.of(HIDDEN_STATES, FLOAT, 1, "q", hidden),
        TensorSpec.of(TOPK_LOG_PROBS, FLOAT, 1, "n", "k"),
        TensorSpec.of(TOPK_IDS, INT64, 1, "n", "k")));
    outputs.addAll(presents(t));
    return new Io(inputs, List.of(), outputs);
  }

  /** A learned compressor branch: {@code visual_pairs [1, n, 2H]} → {@code compressed_pairs [1, m, 2H]}. */
  static Io compressorBranch(int hidden) {
    return new Io(List.of(TensorSpec.of(VISUAL_PAIRS, FLOAT, 1, "n", 2 * hidden)), List.of(),
        List.of(TensorSpec.of(COMPRESSED_PAIRS, FLOAT, 1, "m", 2 * hidden)));
  }

  /** A compressor gate: {@code question_features [1, q, H]} → {@code gate_logits [1, logits]}. */
  static Io compressorGate(int hidden, int logits) {
    return new Io(List.of(TensorSpec.of(QUESTION_FEATURES, FLOAT, 1, "q", hidden)), List.of(),
        List.of(TensorSpec.of(GATE_LOGITS, FLOAT, 1, logits)));
  }

  private static List<TensorSpec> stepInputs(int hidden, ModelManifest.Transformer t) {
    List<TensorSpec> inputs = new ArrayList<>(List.of(
        TensorSpec.of(INPUTS_EMBEDS, FLOAT, 1, "q", hidden),
        TensorSpec.of(POSITION_IDS, INT64, 1, "q"),
        TensorSpec.of(ATTENTION_MASK, FLOAT, 1, 1, "q", "past + q")));
    for (int i = 0; i < t.layers(); i++) {
      inputs.add(TensorSpec.of(pastKey(i), FLOAT, 1, t.kvHeads(), "past", t.headDim()));
      inputs.add(TensorSpec.of(pastValue(i), FLOAT, 1, t.kvHeads(), "past", t.headDim()));
    }
    return inputs;
  }

  private static List<TensorSpec> presents(ModelManifest.Transformer t) {
    List<TensorSpec> out = new ArrayList<>();
    for (int i = 0; i < t.layers(); i++) {
      out.add(TensorSpec.of(presentKey(i), FLOAT, 1, t.kvHeads(), "past + q", t.headDim()));
      out.add(TensorSpec.of(presentValue(i), FLOAT, 1, t.kvHeads(), "past + q", t.headDim()));
    }
    return out;
  }
}
