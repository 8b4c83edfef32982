package dev.specvlm.train.vlm;

import com.google.common.primitives.Floats;
import com.google.common.primitives.Longs;
import java.util.ArrayList;
import java.util.Arrays;
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
    List<float[]> rows = new ArrayList<>();
    List<Long> shapes = new ArrayList<>();
    for (int i = 0; i < images.size(); i++) {
      int[] objectOf = images.get(i).objects();
      int[] patches = new int[Arrays.stream(objectOf).max().orElse(0) + 1]; // patches per object index
      for (int object : objectOf) {
        patches[object]++;
      }
      for (int object = 1; object < patches.length; object++) {
        if (patches[object] == 0) {
          continue; // hidden under others or smaller than a quarter of any patch
        }
        float[] row = new float[images.size() * n];
        long shape = 0;
        for (int j = 0; j < n; j++) {
          if (objectOf[j] == object) {
            row[i * n + j] = 1f / patches[object];
            shape = images.get(i).shapes()[j];
          }
        }
        rows.add(row);
        shapes.add(shape);
      }
    }
    return new ObjectPools(Floats.concat(rows.toArray(float[][]::new)), Longs.toArray(shapes));
  }
}
