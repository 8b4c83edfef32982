package dev.specvlm.train.distill;

import java.awt.image.BufferedImage;
import java.util.Objects;
import org.jspecify.annotations.Nullable;

/**
 * One single-turn conversation to run the teacher on: an optional image, the user's question and the reference
 * answer (teacher forcing follows the answer; the teacher's own distribution at each answer position is the target).
 *
 * @param image the image, or null for a text-only turn
 * @param question the user's text
 * @param answer the assistant's text
 */
public record Conversation(@Nullable BufferedImage image, String question, String answer) {
  /** Validates. */
  public Conversation {
    Objects.requireNonNull(question, "question");
    Objects.requireNonNull(answer, "answer");
  }
}
