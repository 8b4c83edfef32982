package dev.specvlm.train.distill;

/**
 * The student's inputs and targets for one teacher pass: the shift-by-one pairing of brief §2.3 / §8.3 and the loss
 * alignment.
 *
 * <p>Draft row {@code j} (position j) holds {@code (f_j, E[j+1])} for {@code j in [0, T-1)}: the teacher's feature of
 * position j and the input embedding of the next element — for an image slot that is the visual embedding itself.
 * Its output predicts {@code f_{j+1}}, and the LM head of that prediction the teacher's distribution of position
 * {@code j+1}. The loss is taken where it matters at decode time: rows whose next element is an answer token
 * ({@code answerStart - 1 <= j}) and whose target position {@code j + 1} still predicts part of the answer
 * ({@code j + 1 <= T - 2}).
 *
 * <p>This is the seam for the elastic visual compressor (brief §6.4, §7): a compressor shortens the visual span of
 * the rows, and the target position of draft row j becomes {@code j + 1 + Δ} after the span. Everything downstream
 * reads {@link #lossRows} and {@link #targetPositions}, so only this mapping changes.
 *
 * @param nextEmbeds {@code [S, H]}, row j = {@code E[j+1]}
 * @param features {@code [S, H]}, row j = {@code f_j}
 * @param rows S
 * @param lossRows the draft rows that carry a loss
 * @param targetPositions for each loss row, the target position whose feature and distribution it must predict
 */
public record DraftInputs(float[] nextEmbeds, float[] features, int rows, int[] lossRows, int[] targetPositions) {

  /** The uncompressed pairing of a teacher pass (Δ = 0). */
  public static DraftInputs of(TeacherPass pass, int hidden) {
    int t = pass.length();
    int s = t - 1;
    float[] next = new float[s * hidden];
    float[] features = new float[s * hidden];
    System.arraycopy(pass.embeds(), hidden, next, 0, s * hidden);
    System.arraycopy(pass.features(), 0, features, 0, s * hidden);
    int first = Math.max(0, pass.answerStart() - 1);
    int last = t - 3;
    int m = Math.max(0, last - first + 1);
    int[] rows = new int[m];
    int[] targets = new int[m];
    for (int i = 0; i < m; i++) {
      rows[i] = first + i;
      targets[i] = first + i + 1;
    }
    return new DraftInputs(next, features, s, rows, targets);
  }
}
