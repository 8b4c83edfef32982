package dev.specvlm.train.data;

import java.util.List;
import java.util.Objects;

/**
 * What an image shows: the ground truth of a sample. Immutable.
 *
 * @param resolution the image size
 * @param background the background
 * @param objects the objects, in painting order (none overlap)
 * @param textureSeed the seed of the background's grain (used by {@link BackgroundKind#NOISE})
 */
public record Scene(Resolution resolution, Background background, List<SceneObject> objects, long textureSeed) {
  /** Validates and copies. */
  public Scene {
    Objects.requireNonNull(resolution, "resolution");
    Objects.requireNonNull(background, "background");
    objects = List.copyOf(objects);
  }

  /** The number of objects of {@code shape}. */
  public int count(ShapeKind shape) {
    return (int) objects.stream().filter(o -> o.shape() == shape).count();
  }

  /** The number of objects of {@code family}. */
  public int count(ColorFamily family) {
    return (int) objects.stream().filter(o -> o.color().family() == family).count();
  }
}
