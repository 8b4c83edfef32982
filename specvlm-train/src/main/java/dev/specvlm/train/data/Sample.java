package dev.specvlm.train.data;

import java.awt.image.BufferedImage;
import java.util.Objects;

/**
 * One image–text training or evaluation example: an image, a question about it, the answer, and the scene the image
 * was drawn from (ground truth for accuracy). The image is a fresh {@link BufferedImage#TYPE_INT_RGB} owned by the
 * holder; everything else is immutable.
 *
 * @param seed the seed that reproduces this sample
 * @param scene what the image shows
 * @param image the rendered scene, {@code scene.resolution()} in size
 * @param dialogue the question and answer
 */
public record Sample(long seed, Scene scene, BufferedImage image, Dialogue dialogue) {
  /** Validates. */
  public Sample {
    Objects.requireNonNull(scene, "scene");
    Objects.requireNonNull(image, "image");
    Objects.requireNonNull(dialogue, "dialogue");
  }

  /** The image size. */
  public Resolution resolution() {
    return scene.resolution();
  }

  /** The user turn. */
  public String question() {
    return dialogue.question();
  }

  /** The assistant turn. */
  public String answer() {
    return dialogue.answer();
  }
}
