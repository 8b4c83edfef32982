package dev.specvlm.onnx;

import ai.onnxruntime.OrtEnvironment;
import ai.onnxruntime.OrtSession;
import dev.specvlm.core.model.DraftModel;
import dev.specvlm.core.model.DraftState;

/** The EAGLE draft head on ONNX Runtime. Thread-safe: the session is shared, each generation gets its own state. */
final class OnnxDraftModel implements DraftModel {
  private final OrtEnvironment env;
  private final OrtSession session;
  private final ModelManifest manifest;
  private final ModelManifest.Transformer draft;
  private final DraftGraph graph;

  OnnxDraftModel(OrtEnvironment env, OrtSession session, ModelManifest manifest, ModelManifest.Transformer draft,
      DraftGraph graph) {
    this.env = env;
    this.session = session;
    this.manifest = manifest;
    this.draft = draft;
    this.graph = graph;
  }

  /**
   * How the draft graph declares its counters.
   *
   * @param keepIsScalar whether {@code num_logits_to_keep} is a scalar (else {@code [1]})
   * @param topKIsScalar whether {@code top_k} is a scalar (else {@code [1]})
   */
  record DraftGraph(boolean keepIsScalar, boolean topKIsScalar) {}

  @Override
  public DraftState newState(int capacity, int maxTentative) {
    if (capacity < 1 || maxTentative < 0) {
      throw new IllegalArgumentException("draft capacity must be >= 1 and maxTentative >= 0, got " + capacity
          + " and " + maxTentative);
    }
    KvCache kv = new KvCache(draft.layers(), draft.kvHeads(), draft.headDim(), capacity + maxTentative);
    return new OnnxDraftState(new StepRunner("draft", env, session, manifest.sizes().hidden(),
        manifest.sizes().contextLength(), kv), manifest.sizes().vocab(), manifest.sizes().hidden(), graph);
  }
}
