package dev.specvlm.onnx;

import static dev.specvlm.onnx.reference.TensorNames.*;

import ai.onnxruntime.OrtException;
import dev.specvlm.InferenceException;
import dev.specvlm.core.model.AttentionMask;
import dev.specvlm.core.model.DraftState;
import java.nio.FloatBuffer;
import java.nio.LongBuffer;

/**
 * One generation's draft KV cache (stable region then tentative region, see {@link KvCache}) and forward passes. Not
 * thread-safe.
 */
final class OnnxDraftState extends KvState implements DraftState {
  private final OnnxDraftModel.DraftGraph graph;
  private FloatBuffer predicted = Tensors.floats(1); // [q, H]
  private FloatBuffer logProbBuffer = Tensors.floats(1); // [rows, k]
  private LongBuffer idBuffer = Tensors.longs(1); // [rows, k]
  private int stable;
  private int tentative;

  OnnxDraftState(StepRunner step, int vocab, int hidden, OnnxDraftModel.DraftGraph graph) {
    super(step, vocab, hidden);
    this.graph = graph;
  }

  @Override
  public int stableLength() {
    return stable;
  }

  @Override
  public int tentativeLength() {
    return tentative;
  }

  @Override
  public void forward(float[] features, float[] embeds, int q, int[] positions, AttentionMask mask, boolean stable,
      int headRows, int k, float[] hidden, int[] topIds, float[] topLogProbs) {
    step.checkOpen("OnnxDraftState");
    if (stable && tentative != 0) {
      throw new IllegalStateException("stable draft rows need an empty tentative region; discard it first");
    }
    if (mask.cols() != tentative + q) {
      throw new IllegalArgumentException("draft mask must be " + q + "x" + (tentative + q) + ", got "
          + mask.rows() + "x" + mask.cols());
    }
    if (headRows < 0 || headRows > q || k < 1 || k > vocab) {
      throw new IllegalArgumentException("headRows " + headRows + " must be in [0, " + q + "] and k " + k
          + " in [1, " + vocab + "]");
    }
    int rows = Math.max(1, headRows); // num_logits_to_keep = 0 would mean every row
    predicted = StepRunner.ensure(predicted, (long) q * this.hidden);
    logProbBuffer = StepRunner.ensure(logProbBuffer, (long) rows * k);
    idBuffer = StepRunner.ensure(idBuffer, (long) rows * k);
    try {
      step.stage(embeds, q, positions, mask);
      step.stageFeatures(features, q);
      step.stageCounter(NUM_LOGITS_TO_KEEP, 0, rows, graph.keepIsScalar());
      step.stageCounter(TOP_K, 1, k, graph.topKIsScalar());
      step.pin(HIDDEN_STATES, predicted, 1, q, this.hidden);
      step.pin(TOPK_LOG_PROBS, logProbBuffer, 1, rows, k);
      step.pin(TOPK_IDS, idBuffer, 1, rows, k);
      step.run(q);
    } catch (OrtException e) {
      step.abandon();
      throw step.failure(q, positions, e);
    }
    if (stable) {
      this.stable += q;
    } else {
      tentative += q;
    }
    step.copyChecked(predicted, hidden, q * this.hidden, "predicted features", false, this.hidden, 0, positions);
    if (headRows > 0) {
      int n = headRows * k;
      int first = q - headRows;
      logProbBuffer.get(0, topLogProbs, 0, n);
      for (int i = 0; i < n; i++) {
        long id = idBuffer.get(i);
        float lp = topLogProbs[i];
        if (id < 0 || id >= vocab || Float.isNaN(lp) || lp > 1e-4f) {
          int row = first + i / k;
          throw new InferenceException("draft model produced token " + id + " with log-probability " + lp
              + " in row " + row + " (position " + positions[row] + "); expected ids in [0, " + vocab
              + ") and log-probabilities <= 0");
        }
        topIds[i] = (int) id;
      }
    }
  }

  @Override
  public void discardTentative() {
    step.checkOpen("OnnxDraftState");
    if (tentative > 0) {
      step.kv.compact(stable, null, 0);
      tentative = 0;
    }
  }

}
