package dev.specvlm.onnx;

import static dev.specvlm.onnx.reference.TensorNames.*;

import ai.onnxruntime.OnnxTensor;
import ai.onnxruntime.OnnxValue;
import ai.onnxruntime.OrtEnvironment;
import ai.onnxruntime.OrtException;
import ai.onnxruntime.OrtSession;
import dev.specvlm.InferenceException;
import dev.specvlm.core.model.CompressorBranch;
import dev.specvlm.core.model.CompressorModel;
import dev.specvlm.core.model.DraftModel;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.jspecify.annotations.Nullable;

/**
 * The elastic visual compressor on ONNX Runtime: a session per learned branch and per gate, and the jointly trained
 * draft. Runs once per request (after the target prefill, before the draft prefill), so inputs are copied into
 * short-lived tensors. Thread-safe: sessions are shared.
 */
final class OnnxCompressorModel implements CompressorModel {
  private final OrtEnvironment env;
  private final int hidden;
  private final List<CompressorBranch> branches;
  private final Map<CompressorBranch, OrtSession> learned;
  private final @Nullable OrtSession gate;
  private final int weightedRatio;
  private final @Nullable OrtSession weightedGate;
  private final @Nullable DraftModel draft;

  OnnxCompressorModel(OrtEnvironment env, int hidden, List<CompressorBranch> branches,
      Map<CompressorBranch, OrtSession> learned, @Nullable OrtSession gate, int weightedRatio,
      @Nullable OrtSession weightedGate, @Nullable DraftModel draft) {
    this.env = env;
    this.hidden = hidden;
    this.branches = List.copyOf(branches);
    this.learned = Map.copyOf(learned);
    this.gate = gate;
    this.weightedRatio = weightedRatio;
    this.weightedGate = weightedGate;
    this.draft = draft;
  }

  @Override
  public List<CompressorBranch> branches() {
    return branches;
  }

  @Override
  public void gate(float[] features, int offset, int rows, float[] logits) {
    if (gate == null) {
      Arrays.fill(logits, 0, branches.size(), 0f); // a single branch: nothing to choose
      return;
    }
    runGate(gate, "compressor gate", features, offset, rows, logits, branches.size());
  }

  @Override
  public int weightedRatio() {
    return weightedRatio;
  }

  @Override
  public void weightedGate(float[] features, int offset, int rows, float[] logits) {
    if (weightedGate == null) {
      throw new IllegalStateException("this compressor has no weighted gate (weightedRatio() is 0)");
    }
    runGate(weightedGate, "compressor weighted gate", features, offset, rows, logits, 3);
  }

  private void runGate(OrtSession session, String what, float[] features, int offset, int rows, float[] logits,
      int width) {
    float[] question = Arrays.copyOfRange(features, offset, offset + rows * hidden); // [rows, H]
    float[] out = run(session, what, QUESTION_FEATURES, question, new long[] {1, rows, hidden}, GATE_LOGITS,
        new long[] {1, width});
    System.arraycopy(out, 0, logits, 0, width);
  }

  @Override
  public void compress(CompressorBranch branch, float[] pairs, int rows, float[] out) {
    OrtSession session = learned.get(branch);
    if (session == null) {
      throw new IllegalArgumentException("compressor has no learned branch " + branch + "; its branches are "
          + branches);
    }
    int c = 2 * hidden;
    float[] span = pairs.length == rows * c ? pairs : Arrays.copyOf(pairs, rows * c); // [rows, 2H]
    int m = branch.outputTokens(rows);
    float[] result = run(session, "compressor branch " + branch, VISUAL_PAIRS, span, new long[] {1, rows, c},
        COMPRESSED_PAIRS, new long[] {1, m, c});
    System.arraycopy(result, 0, out, 0, m * c);
  }

  /** One run with one input and one output whose shape must be {@code expected}. */
  private float[] run(OrtSession session, String what, String inputName, float[] input, long[] inputShape,
      String outputName, long[] expected) {
    try (Tensors.Scope scope = new Tensors.Scope(env)) {
      OnnxTensor tensor = scope.copyOf(input, inputShape);
      NativeResources.RESULTS.opened();
      try (OrtSession.Result result = session.run(Map.of(inputName, tensor), Set.of(outputName))) {
        OnnxValue value = result.get(outputName).orElseThrow();
        long[] shape = ((OnnxTensor) value).getInfo().getShape();
        if (!Arrays.equals(shape, expected)) {
          throw new InferenceException(what + " returned " + outputName + " of shape " + Arrays.toString(shape)
              + " for an input of " + Arrays.toString(inputShape) + "; expected " + Arrays.toString(expected));
        }
        float[] data = new float[(int) Tensors.elements(expected)];
        ((OnnxTensor) value).getFloatBuffer().get(data);
        return data;
      } finally {
        NativeResources.RESULTS.closed();
      }
    } catch (OrtException e) {
      throw new InferenceException(what + " failed on an input of " + Arrays.toString(inputShape) + ": "
          + e.getMessage(), e);
    }
  }

  @Override
  public @Nullable DraftModel draft() {
    return draft;
  }
}
