package dev.specvlm.train.data;

import java.util.Objects;

/**
 * One question about a scene and its answer.
 *
 * @param type what kind of question
 * @param question the user turn, e.g. {@code "What color is the star?"}
 * @param answer the assistant turn
 * @param answerBits the surprisal of the grammar's choices while writing the answer, in bits: the information the
 *     answer holds beyond what the image and question dictate (an upper bound where derivations coincide)
 */
public record Dialogue(QuestionType type, String question, String answer, double answerBits) {
  /** Validates. */
  public Dialogue {
    Objects.requireNonNull(type, "type");
    Objects.requireNonNull(question, "question");
    Objects.requireNonNull(answer, "answer");
  }
}
