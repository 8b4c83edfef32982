package dev.specvlm.onnx.graph;

/**
 * How {@link GraphBuilder#weight} stores float weights in the model file. Either way the graph computes in float32.
 */
public enum WeightStorage {
  /** Weights stored as float32: exact. */
  FLOAT32,
  /**
   * Weights stored as float16 (round to nearest even; half the bytes) followed by a {@code Cast} to float32. ONNX
   * Runtime's constant folding (on at every optimisation level above "disabled") replaces the pair by a float32
   * initializer at load, so a run costs the same as with {@link #FLOAT32}; only precision is lost (relative error up
   * to 2^-11 per weight).
   */
  FLOAT16
}
