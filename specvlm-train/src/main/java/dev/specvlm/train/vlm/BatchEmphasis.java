package dev.specvlm.train.vlm;

import static com.google.common.base.Preconditions.checkArgument;

import java.util.Set;

/**
 * What a training batch stresses beyond plain next-token loss on one answer per image: more answers per image (each
 * image's visual slots then serve several answers, so more of the positions trained on are answer tokens) and a
 * larger loss weight on the tokens only the image can tell (colours, shapes, counts, places, sizes).
 *
 * @param turnsPerImage question–answer turns per image; 1 is the plain single-turn sample
 * @param factWeight the loss weight of a target token in {@code factIds} (every other token weighs 1)
 * @param factIds the image-dictated token ids (e.g. {@link dev.specvlm.train.data.GroundedWords#tokenIds})
 */
public record BatchEmphasis(int turnsPerImage, float factWeight, Set<Integer> factIds) {
  /** Validates and copies. */
  public BatchEmphasis {
    checkArgument(turnsPerImage >= 1, "turnsPerImage must be at least 1, got %s", turnsPerImage);
    checkArgument(factWeight > 0, "factWeight must be positive, got %s", factWeight);
    factIds = Set.copyOf(factIds);
  }

  /** No emphasis: one turn per image, every answer token weighs 1. */
  public static BatchEmphasis none() {
    return new BatchEmphasis(1, 1f, Set.of());
  }

  /** The loss weight of target token {@code id}. */
  float weight(long id) {
    return factIds.contains((int) id) ? factWeight : 1f;
  }
}
