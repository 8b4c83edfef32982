package dev.specvlm.onnx;

import ai.onnxruntime.OrtEnvironment;
import ai.onnxruntime.OrtSession;
import dev.specvlm.ContextLengthException;
import dev.specvlm.core.model.TargetModel;
import dev.specvlm.core.model.TargetState;

/** The target decoder on ONNX Runtime. Thread-safe: the session is shared, each generation gets its own state. */
final class OnnxTargetModel implements TargetModel {
  private final OrtEnvironment env;
  private final OrtSession session;
  private final ModelManifest manifest;
  private final TargetGraph graph;

  /**
   * @param graph what the decoder graph declares beyond the contract's required tensors
   */
  OnnxTargetModel(OrtEnvironment env, OrtSession session, ModelManifest manifest, TargetGraph graph) {
    this.env = env;
    this.session = session;
    this.manifest = manifest;
    this.graph = graph;
  }

  /**
   * Optional parts of the decoder graph.
   *
   * @param keepsLogits whether it takes {@code num_logits_to_keep}
   * @param keepIsScalar whether that input is a scalar (else {@code [1]})
   */
  record TargetGraph(boolean keepsLogits, boolean keepIsScalar) {}

  @Override
  public TargetState newState(int capacity) {
    int context = manifest.sizes().contextLength();
    if (capacity > context) {
      throw new ContextLengthException("a generation needs " + capacity + " positions (prompt, new tokens and"
          + " tree) but the model's context length is " + context + "; shorten the prompt or maxNewTokens");
    }
    if (capacity < 1) {
      throw new IllegalArgumentException("capacity must be >= 1, got " + capacity);
    }
    ModelManifest.Transformer t = manifest.decoder();
    KvCache kv = new KvCache(t.layers(), t.kvHeads(), t.headDim(), capacity);
    return new OnnxTargetState(new StepRunner("target", env, session, manifest.sizes().hidden(), context, kv),
        manifest.sizes().vocab(), manifest.sizes().hidden(), graph);
  }
}
