package dev.specvlm.train.vlm;

import java.util.List;

/**
 * The objects of a batch of images for the object-level shape loss: one row per object that covers at least one
 * patch, averaging that object's patch features over the batch's {@code B·N} patches (image after image), and the
 * object's shape class.
 *
 * @param weights {@code [count, B·N]} row-major: {@code 1/k} on each of an object's {@code k} patches, 0 elsewhere
 * @param shapes {@code [count]} shape class of each object ({@code 1 + ShapeKind.ordinal()})
 */
record ObjectPools(float[] weights, long[] shapes) {
  /** How many objects. */
  int count() {
    return shapes.length;
  }

  /** The pools of a batch whose images' patch labels are {@code images}, all with the same patch count. */
  static ObjectPools of(List<PatchLabels> images) {
    int n = images.isEmpty() ? 0 : images.get(0).objects().length;
    int count = 0;
    for (PatchLabels labels : images) {
      count += objectsIn(labels);
    }
    float[] weights = new float[count * images.size() * n];
    long[] shapes = new long[count];
    int row = 0;
    for (int i = 0; i < images.size(); i++) {
      PatchLabels labels = images.get(i);
      for (int object = 1, seen = objectsIn(labels); seen > 0; object++) {
        int patches = 0;
        for (int j = 0; j < n; j++) {
          patches += labels.objects()[j] == object ? 1 : 0;
        }
        if (patches == 0) {
          continue; // hidden under others or smaller than a quarter of any patch
        }
        int offset = row * images.size() * n + i * n;
        for (int j = 0; j < n; j++) {
          if (labels.objects()[j] == object) {
            weights[offset + j] = 1f / patches;
            shapes[row] = labels.shapes()[j];
          }
        }
        row++;
        seen--;
      }
    }
    return new ObjectPools(weights, shapes);
  }

  /** How many distinct objects cover at least one patch. */
  private static int objectsIn(PatchLabels labels) {
    return (int) java.util.Arrays.stream(labels.objects()).filter(o -> o > 0).distinct().count();
  }
}
