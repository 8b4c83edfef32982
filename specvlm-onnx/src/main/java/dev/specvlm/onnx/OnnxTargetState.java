package dev.specvlm.onnx;

import static dev.specvlm.onnx.reference.TensorNames.*;

import ai.onnxruntime.OrtException;
import dev.specvlm.core.model.AttentionMask;
import dev.specvlm.core.model.TargetState;
import java.nio.FloatBuffer;
import java.util.Objects;

/**
 * One generation's target KV cache and forward passes (see {@link KvCache} for the layout). Not thread-safe.
 */
final class OnnxTargetState extends KvState implements TargetState {
  private final OnnxTargetModel.TargetGraph graph;
  private FloatBuffer logits = Tensors.floats(1); // [rows, V]
  private FloatBuffer features = Tensors.floats(1); // [q, H]
  private int committed; // rows of the cache that are committed
  private int pending; // tentative rows after them, from the last forward

  OnnxTargetState(StepRunner step, int vocab, int hidden, OnnxTargetModel.TargetGraph graph) {
    super(step, vocab, hidden);
    this.graph = graph;
  }

  @Override
  public int length() {
    return committed;
  }

  @Override
  public int capacity() {
    return step.kv.capacity();
  }

  @Override
  public void forward(float[] embeds, int q, int[] positions, AttentionMask mask, int logitRows, float[] logits,
      float[] features) {
    step.checkOpen("OnnxTargetState");
    if (pending != 0) {
      throw new IllegalStateException("target forward with " + pending + " tentative rows pending; commit first");
    }
    if (logitRows < 0 || logitRows > q) {
      throw new IllegalArgumentException("logitRows " + logitRows + " outside [0, " + q + "]");
    }
    if (mask.cols() != q) {
      throw new IllegalArgumentException("target mask must be " + q + "x" + q + ", got " + mask.rows() + "x"
          + mask.cols());
    }
    // the graph computes max(1, logitRows) rows with num_logits_to_keep (0 would mean all), else every row
    int rows = graph.keepsLogits() ? Math.max(1, logitRows) : q;
    this.logits = StepRunner.ensure(this.logits, (long) rows * vocab);
    this.features = StepRunner.ensure(this.features, (long) q * hidden);
    try {
      step.stage(embeds, q, positions, mask);
      if (graph.keepsLogits()) {
        step.stageCounter(NUM_LOGITS_TO_KEEP, 0, rows, graph.keepIsScalar());
      }
      step.pin(LOGITS, this.logits, 1, rows, vocab);
      step.pin(HIDDEN_STATES, this.features, 1, q, hidden);
      step.run(q);
    } catch (OrtException e) {
      step.abandon();
      throw step.failure(q, positions, e);
    }
    pending = q;
    step.copyChecked(this.features, features, q * hidden, "features", false, hidden, 0, positions);
    if (logitRows > 0) {
      FloatBuffer wanted = this.logits.slice((rows - logitRows) * vocab, logitRows * vocab);
      step.copyChecked(wanted, logits, logitRows * vocab, "logits", true, vocab, q - logitRows, positions);
    }
  }

  @Override
  public void commit(int[] keep, int count) {
    step.checkOpen("OnnxTargetState");
    Objects.requireNonNull(keep, "keep");
    if (count < 0 || count > pending || count > keep.length) {
      throw new IllegalArgumentException("commit of " + count + " rows with " + pending + " pending");
    }
    boolean identity = count == pending;
    for (int j = 0; j < count; j++) {
      if (keep[j] < 0 || keep[j] >= pending || (j > 0 && keep[j] <= keep[j - 1])) {
        throw new IllegalArgumentException("keep must be strictly increasing indices into the " + pending
            + " tentative rows, got " + keep[j] + " at " + j);
      }
      identity &= keep[j] == j;
    }
    if (!identity) {
      step.kv.compact(committed, keep, count);
    }
    committed += count;
    pending = 0;
  }

}
