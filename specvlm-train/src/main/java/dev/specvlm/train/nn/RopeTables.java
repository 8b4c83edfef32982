package dev.specvlm.train.nn;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;

/**
 * RoPE cosine and sine tables in the rotate-half convention, computed exactly as the ONNX writer computes its
 * {@code cos_cache}/{@code sin_cache} (angle {@code p · θ^(−2j/hd)} in double precision, rounded to float), so DJL and
 * ONNX Runtime rotate by bit-identical factors.
 */
final class RopeTables {
  private final int half;
  private final int rows;
  private final float[] cos; // [rows, hd/2]
  private final float[] sin; // [rows, hd/2]

  RopeTables(double theta, int headDim, int contextLength) {
    this.half = headDim / 2;
    this.rows = contextLength;
    this.cos = new float[rows * half];
    this.sin = new float[rows * half];
    for (int p = 0; p < rows; p++) {
      for (int j = 0; j < half; j++) {
        double angle = p * Math.pow(theta, -2.0 * j / headDim);
        cos[p * half + j] = (float) Math.cos(angle);
        sin[p * half + j] = (float) Math.sin(angle);
      }
    }
  }

  /** {@code [cos, sin]}, each {@code [S, hd]} (the half-table twice along the last axis) for positions 0..S-1. */
  NDArray[] sequential(NDManager manager, int s) {
    int[] positions = new int[s];
    for (int i = 0; i < s; i++) {
      positions[i] = i;
    }
    return at(manager, positions);
  }

  /** {@code [cos, sin]}, each {@code [S, hd]}, for {@code positions [S]}. */
  NDArray[] at(NDManager manager, int[] positions) {
    int s = positions.length;
    float[] c = new float[s * 2 * half];
    float[] n = new float[s * 2 * half];
    for (int i = 0; i < s; i++) {
      int p = positions[i];
      if (p < 0 || p >= rows) {
        throw new IllegalArgumentException("position " + p + " is outside [0, " + rows + "): raise contextLength");
      }
      System.arraycopy(cos, p * half, c, i * 2 * half, half);
      System.arraycopy(cos, p * half, c, i * 2 * half + half, half);
      System.arraycopy(sin, p * half, n, i * 2 * half, half);
      System.arraycopy(sin, p * half, n, i * 2 * half + half, half);
    }
    Shape shape = new Shape(s, 2L * half);
    return new NDArray[] {manager.create(c, shape), manager.create(n, shape)};
  }
}
