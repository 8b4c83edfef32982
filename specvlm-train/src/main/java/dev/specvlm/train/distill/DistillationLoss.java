package dev.specvlm.train.distill;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import dev.specvlm.train.nn.DraftNet;
import dev.specvlm.train.nn.OwnedArrays;
import org.jspecify.annotations.Nullable;

/**
 * The online distillation loss (SpecVLM Eq. 3, EAGLE's weights): {@code featureWeight · SmoothL1(f̂, f)} (β = 1, mean
 * over channels and loss rows) {@code + logitWeight · CE(softmax(z_teacher), log_softmax(LMHead(f̂)))} (soft labels,
 * mean over loss rows).
 */
final class DistillationLoss {
  private DistillationLoss() {}

  /**
   * The loss of one conversation with its parts (detached values), the student's top-1 agreement, and the compressor
   * branch it was trained through (null without a compressor).
   */
  record Parts(NDArray loss, double feature, double logit, double agreement, @Nullable String branch) {
    /** A copy that names the compressor branch used. */
    Parts withBranch(String name) {
      return new Parts(loss, feature, logit, agreement, name);
    }
  }

  /**
   * Builds the loss graph for one teacher pass (call inside a gradient collector).
   *
   * @param manager the per-step manager the inputs are created in
   */
  static Parts compute(DraftNet draft, NDManager manager, DraftInputs in, TeacherPass pass, int hidden, int vocab,
      double featureWeight, double logitWeight) {
    int s = in.rows();
    NDArray next = manager.create(in.nextEmbeds(), new Shape(1, s, hidden));
    NDArray features = manager.create(in.features(), new Shape(1, s, hidden));
    return compute(draft, manager, next, features, in.lossRows(), in.targetPositions(), pass, hidden, vocab,
        featureWeight, logitWeight);
  }

  /**
   * The loss over draft rows already built as arrays (the compressor's path builds them differentiably).
   *
   * @param next {@code [1, S, H]} next-element embeddings of the draft rows
   * @param features {@code [1, S, H]} target features of the draft rows
   * @param lossRows the draft rows that carry a loss
   * @param targetPositions for each loss row, the target position it must predict
   */
  static Parts compute(DraftNet draft, NDManager manager, NDArray next, NDArray features, int[] lossRows,
      int[] targetPositions, TeacherPass pass, int hidden, int vocab, double featureWeight, double logitWeight) {
    int s = (int) next.getShape().get(1);
    int m = lossRows.length;
    long[] rows = new long[m];
    float[] targetFeatures = new float[m * hidden]; // [M, H]
    float[] teacherLogits = new float[m * vocab]; // [M, V]
    for (int i = 0; i < m; i++) {
      rows[i] = lossRows[i];
      int position = targetPositions[i];
      System.arraycopy(pass.features(), position * hidden, targetFeatures, i * hidden, hidden);
      System.arraycopy(pass.answerLogits(), pass.logitRow(position) * vocab, teacherLogits, i * vocab, vocab);
    }
    NDArray predicted = draft.forward(next, features).reshape(s, hidden)
        .get(OwnedArrays.owned(manager.create(rows))); // [M, H]
    NDArray target = OwnedArrays.owned(manager.create(targetFeatures, new Shape(m, hidden)));
    NDArray teacher = manager.create(teacherLogits, new Shape(m, vocab));

    NDArray distance = predicted.sub(target).abs();
    NDArray inner = distance.minimum(OwnedArrays.scalar(manager, 1.0));
    NDArray smoothL1 = OwnedArrays.scaled(inner.square(), 0.5).add(distance.sub(inner)).mean();
    NDArray studentLogits = draft.logits(predicted);
    NDArray crossEntropy = teacher.softmax(1).mul(studentLogits.logSoftmax(1)).sum().neg()
        .div(OwnedArrays.scalar(manager, m));
    NDArray loss = OwnedArrays.scaled(smoothL1, featureWeight).add(OwnedArrays.scaled(crossEntropy, logitWeight));
    double agreement = studentLogits.argMax(1).eq(teacher.argMax(1)).toType(DataType.FLOAT32, false).mean()
        .getFloat();
    return new Parts(loss, smoothL1.getFloat(), crossEntropy.getFloat(), agreement, null);
  }
}
