package dev.specvlm.train.distill;

/**
 * The teacher's view of one conversation under teacher forcing: the full sequence (prompt with its visual slots, the
 * answer, the end-of-sequence token), its input embeddings, and the target's outputs over it.
 *
 * @param tokens ids {@code [T]} (visual slots hold the image token id)
 * @param embeds the target's input embeddings {@code [T, H]}: token embeddings, visual embeddings in the image slots
 * @param length T
 * @param answerStart the first answer position; {@code tokens[answerStart..T)} is the answer and the closing EOS
 * @param features the target's post-final-norm features {@code [T, H]}
 * @param answerLogits the target's logits {@code [T - answerStart + 1, V]} of positions {@code answerStart-1..T-1},
 *     each of which predicts an answer token (or, the last, what follows the EOS)
 */
public record TeacherPass(int[] tokens, float[] embeds, int length, int answerStart, float[] features,
    float[] answerLogits) {

  /** The row of {@link #answerLogits} that holds position {@code position}'s logits. */
  public int logitRow(int position) {
    return position - (answerStart - 1);
  }
}
