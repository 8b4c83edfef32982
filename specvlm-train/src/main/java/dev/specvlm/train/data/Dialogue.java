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
 * @param subject the index in {@link Scene#objects()} of the object the question is about, or {@link #NO_SUBJECT}
 * @param expected the fact a correct answer states, in the canonical form its {@link QuestionType} documents (e.g.
 *     {@code "red"}, {@code "3"}, {@code "yes"}); empty for free-form types
 */
public record Dialogue(QuestionType type, String question, String answer, double answerBits, int subject,
    String expected) {
  /** The {@link #subject()} of a question about no single object. */
  public static final int NO_SUBJECT = -1;

  /** Validates. */
  public Dialogue {
    Objects.requireNonNull(type, "type");
    Objects.requireNonNull(question, "question");
    Objects.requireNonNull(answer, "answer");
    Objects.requireNonNull(expected, "expected");
  }
}
